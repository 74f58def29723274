import Foundation
import GeoCore
import Layers

/// Everything the commands ask of the library (Layers and TileRenderer), in one
/// small protocol so each command's `run()` is a single call and the wiring to the
/// real modules lives in one file (``LibraryWiring``).
///
/// Implementations report long work through `progress` from any thread, return
/// rejected input rows as `file:line: reason` lines (never with device ids or ping
/// coordinates), write every output to a temporary name and rename it into place.
protocol GeohubLibrary: Sendable {
    /// Ingests the project's sources into `PROJECT/hub.sqlite` and builds every layer
    /// whose sources are present.
    func build(_ request: BuildRequest, progress: @escaping ProgressHandler) throws -> BuildSummary

    /// Writes the requested layers in the requested formats under `request.output`.
    /// Identical inputs give byte-identical files.
    func export(_ request: ExportRequest, progress: @escaping ProgressHandler) throws -> ExportSummary

    /// The safe and the shortest route as a GeoJSON FeatureCollection of two LineString
    /// features with at least `route` (`safe`/`shortest`), `length_m` and `risk`.
    func route(_ request: RouteRequest) throws -> Data

    /// A human-readable description of a source CSV, a hub, an .mbtiles, a .pmtiles or a
    /// .geojson file (kind, counts, bounds, zooms, layers).
    func inspect(_ file: URL) throws -> String

    /// The project's `server` settings (every default where `geohub.json` has none),
    /// read without touching the hub, so `serve` can bind its port before loading layers.
    func serverSettings(project: URL) throws -> ServerSettings

    /// The map service behind `geohub serve`, loaded from the project's hub (building
    /// the layers first if the hub is missing).
    func openMapService(project: URL, progress: @escaping ProgressHandler) throws -> any MapService
}

/// `geohub build PROJECT [--strict]`.
struct BuildRequest: Sendable, Equatable {
    var project: URL
    var strict: Bool
}

/// What `build` did, for the summary line.
struct BuildSummary: Sendable, Equatable {
    /// The hub written (`PROJECT/hub.sqlite`).
    var hub: URL
    /// Input rows accepted, over all sources.
    var acceptedRows: Int
    /// Rejected rows as `file:line: reason`, in file order.
    var rejections: [String]
    /// The layers built, with their feature counts (0 for grid-only layers).
    var layers: [LayerName: Int]
    /// What happened to each source and each layer, one line each, printed before
    /// the summary line unless `--quiet`.
    var notes: [String] = []
}

/// `geohub export PROJECT --out DIR …`.
struct ExportRequest: Sendable, Equatable {
    var project: URL
    var output: URL
    var formats: [ExportFormat]
    /// The layers to write; empty means every layer the hub has.
    var layers: [LayerName]
    /// The zooms to render; nil means each layer's own range.
    var zoom: ZoomRange?
    /// The area to render; nil means the project's bbox.
    var bbox: BoundingBox?
    var scale: TileScale
    var scenario: RainScenario?
    var strict: Bool
}

/// What `export` wrote, for the summary line.
struct ExportSummary: Sendable, Equatable {
    var files: [URL]
    var tiles: Int
    var bytes: Int
    /// Rows rejected while (re)ingesting, as `file:line: reason`.
    var rejections: [String]
    /// One line per file written (and per layer or format left out), printed before
    /// the summary line unless `--quiet`.
    var notes: [String] = []
}

/// `geohub route PROJECT --from LON,LAT --to LON,LAT [--at HH:MM] [--scenario rain=MM]`.
struct RouteRequest: Sendable, Equatable {
    var project: URL
    var from: Coordinate
    var to: Coordinate
    var at: TimeOfDay?
    /// Rainfall for the gauges' predicted status (the flood hazard routes avoid); nil: as measured.
    var scenario: RainScenario? = nil
}

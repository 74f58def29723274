import Foundation
import GeoCore
import Layers

/// The data behind `geohub serve`: the layers, their tiles, GeoJSON and TileJSON,
/// and route planning. The server never computes a layer itself; it asks this.
///
/// Every method is called from libmicrohttpd's worker threads, concurrently, so
/// implementations must be immutable or synchronise internally. A live rebuild
/// swaps a layer in whole and raises its ``MapLayer/revision``; the server keys its
/// caches and ETags on the revision, so a half-built layer is never served.
protocol MapService: Sendable {
    /// The project's name (`"Nagai"`), for the page title and `/health`.
    var name: String { get }

    /// The layers as they are now: a consistent snapshot, cheap to take per request.
    func layers() -> [MapLayer]

    /// One PNG tile of `layer` (256 px at scale 1, 512 px at scale 2), or nil when
    /// nothing is drawn on it. Only called for z within the layer's zoom range and
    /// x, y within 0..<2^z. `scenario` is nil unless the layer is scenario-aware.
    func tile(layer: LayerName, z: Int, x: Int, y: Int, scale: TileScale, scenario: RainScenario?) throws -> Data?

    /// The layer's TileJSON 3.0.0 document, with `tiles` set to `[tileURLTemplate]`.
    func tileJSON(layer: LayerName, tileURLTemplate: String) throws -> Data

    /// The layer's features as an RFC 7946 FeatureCollection. Only called for layers
    /// with ``MapLayer/hasFeatures``.
    func geoJSON(layer: LayerName, scenario: RainScenario?) throws -> Data

    /// The safe and the shortest route (see ``GeohubLibrary/route(_:)``), avoiding the
    /// composite's risk under `scenario` (the observed state when nil).
    func route(from: Coordinate, to: Coordinate, at: TimeOfDay?, scenario: RainScenario?) throws -> Data

    /// What the start-up left to report, a line each: every input row the ingest
    /// rejected (`file:line: reason`) and every layer that could not be built.
    var startupReport: [String] { get }

    /// Source files whose change should trigger ``refresh(changed:)``; empty when the
    /// service has no live data.
    var watchedFiles: [URL] { get }

    /// Re-ingests the changed sources and rebuilds the affected layers in the
    /// background of the caller (the server's watcher queue), swapping each rebuilt
    /// layer in atomically with a higher revision.
    ///
    /// - Returns: lines for the operator, as ``startupReport``: the rows the re-ingest
    ///   rejected and the layers that could not be rebuilt.
    func refresh(changed: [URL]) throws -> [String]
}

/// What the server and the map page know about one layer.
struct MapLayer: Sendable, Hashable {
    var name: LayerName
    var title: String
    /// Whether the layer answers without the bearer token.
    var isPublic: Bool
    /// The zooms the layer draws at; tiles outside answer 404.
    var minZoom: Int
    var maxZoom: Int
    /// The layer's extent in lon/lat degrees.
    var bounds: BoundingBox
    /// The legend the map page draws, as the renderer describes the layer's style:
    /// `{"type": "categories", "items": [{"label": "danger", "color": "#d62828"}, …]}` or
    /// `{"type": "ramp", "unit": "pings/km²", "stops": [{"value": 0, "color": "#…"}, …]}`.
    var legend: JSONValue
    var builtAt: Date
    /// Grows by at least one every time the layer is rebuilt.
    var revision: Int
    /// Whether `/layers/LAYER.geojson` has features to serve (false for grid-only layers).
    var hasFeatures: Bool
    /// Whether the layer changes with a rainfall scenario (`?scenario=rain=MM`).
    var isScenarioAware: Bool

    init(
        name: LayerName, title: String? = nil, isPublic: Bool? = nil, minZoom: Int, maxZoom: Int,
        bounds: BoundingBox, legend: JSONValue = .null, builtAt: Date, revision: Int = 1,
        hasFeatures: Bool, isScenarioAware: Bool = false
    ) {
        self.name = name
        self.title = title ?? name.title
        self.isPublic = isPublic ?? name.isPublicByDefault
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.bounds = bounds
        self.legend = legend
        self.builtAt = builtAt
        self.revision = revision
        self.hasFeatures = hasFeatures
        self.isScenarioAware = isScenarioAware
    }

    var zoomRange: ClosedRange<Int> { minZoom...max(minZoom, maxZoom) }
}

/// Failures a ``MapService`` reports that are the client's doing; the server maps
/// them to 400 or 404. Anything else it answers with 500 and logs.
enum MapServiceError: Error, Sendable, Equatable {
    /// The layer exists by name but was not built (its sources are missing): 404.
    case layerNotBuilt(LayerName)
    /// A request the service cannot answer as asked (route points off the road
    /// network, for example): 400 with the message.
    case invalidRequest(String)
}

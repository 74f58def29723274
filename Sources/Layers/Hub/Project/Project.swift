import Foundation
import GeoCore

/// A geohub project: a folder with `geohub.json`, its inputs and its hub.
///
/// DESIGN.md fixes the keys `name`, `bbox`, `crs`, `sources` and `layers`; the other
/// keys (`timeZone`, `asOf`, `server`, `styles`, `ingest`) and every per-layer setting
/// have documented defaults (docs/project-file.md). Loading validates everything and
/// reports the first problem with its JSON path.
///
/// ```swift
/// let project = try Project.load(from: URL(fileURLWithPath: "examples/nagai"))
/// let report = try Hub.ingest(project: project)
/// ```
public struct Project: Sendable {
    /// The project folder.
    public var folder: URL
    /// A human name (`"Nagai"`).
    public var name: String
    /// The area of interest in lon/lat degrees: west, south, east, north.
    public var bbox: BoundingBox
    /// The metric CRS used for distances and grids (`EPSG:6678` for Nagai); always
    /// projected, in metres.
    public var crs: CRS
    /// The inputs, resolved against the folder.
    public var sources: ProjectSources
    /// Per-layer settings.
    public var layers: LayerSettings
    /// The zone of timestamps written without an offset, and of time windows and
    /// time-of-day bands (default Asia/Tokyo).
    public var timeZone: TimeZone
    /// The "now" that recency and time windows are measured from; nil means the newest
    /// timestamp in the data (default nil), so a historical data set still draws.
    public var asOf: Date?
    public var server: ServerSettings
    /// Style overrides per layer (default none).
    public var styles: [LayerName: StyleOverride]
    public var ingest: IngestSettings

    /// The project's hub database, `PROJECT/hub.sqlite`.
    public var hubURL: URL { folder.appendingPathComponent("hub.sqlite") }

    /// The project file, `PROJECT/geohub.json`.
    public var fileURL: URL { folder.appendingPathComponent(Self.fileName) }

    public static let fileName = "geohub.json"

    /// The UTC offset, in seconds, of timestamps written without one. geohub uses the
    /// zone's standard offset (Asia/Tokyo has no daylight saving time).
    public var defaultUTCOffsetSeconds: Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_704_067_200))
    }

    /// A project with every default, for tests and tools that build one in code.
    public init(
        folder: URL, name: String, bbox: BoundingBox, crs: CRS, sources: ProjectSources = ProjectSources(),
        layers: LayerSettings = LayerSettings()
    ) {
        self.folder = folder
        self.name = name
        self.bbox = bbox
        self.crs = crs
        self.sources = sources
        self.layers = layers
        self.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? TimeZone(secondsFromGMT: 9 * 3600) ?? .current
        self.asOf = nil
        self.server = ServerSettings()
        self.styles = [:]
        self.ingest = IngestSettings()
    }
}

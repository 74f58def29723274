/// One kind of input the hub reads, named as in the project file's `sources` object.
public enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case childGPS
    case riverSensors
    case riverLevels
    case rainfall
    case wildlifeCameras
    case wildlifeDetections
    case census
    case gtfs
    case busBoardings
    case boundary
    case roads
    case rivers
    case schools

    /// The layers that need this source; a missing source leaves them out (or, for
    /// the basemap and composite, leaves out that part).
    public var layers: [LayerName] {
        switch self {
        case .childGPS: [.childTraffic, .composite]
        case .riverSensors, .riverLevels, .rainfall: [.floodRisk, .composite]
        case .wildlifeCameras, .wildlifeDetections: [.wildlife, .composite]
        case .census: [.censusDelta, .busRoutes]
        case .gtfs, .busBoardings: [.busRoutes]
        case .boundary, .roads, .rivers, .schools: [.basemap]
        }
    }

    /// Whether the source is a basemap GeoJSON layer.
    public var isBasemap: Bool { [.boundary, .roads, .rivers, .schools].contains(self) }

    /// Whether the source is a CSV file (the others are GTFS feeds and GeoJSON).
    public var isCSV: Bool { !isBasemap && self != .gtfs }

    /// Whether the project may list several files for this source (census years).
    public var allowsSeveralFiles: Bool { self == .census }

    public var description: String { rawValue }
}

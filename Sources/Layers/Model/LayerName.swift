/// The name of a map layer. The seven names are fixed by DESIGN.md because URLs,
/// file names and scripts use them.
public enum LayerName: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case childTraffic = "child-traffic"
    case floodRisk = "flood-risk"
    case wildlife = "wildlife"
    case censusDelta = "census-delta"
    case busRoutes = "bus-routes"
    case composite = "composite"
    case basemap = "basemap"

    public var description: String { rawValue }

    /// Whether the layer is public unless the project says otherwise: children's
    /// traffic is private by default (it answers 401 without the bearer token).
    public var isPublicByDefault: Bool { self != .childTraffic }

    /// A human title for legends and the map page.
    public var title: String {
        switch self {
        case .childTraffic: "Children's traffic"
        case .floodRisk: "Flood risk"
        case .wildlife: "Wildlife zones"
        case .censusDelta: "Population change"
        case .busRoutes: "Bus routes"
        case .composite: "Composite risk"
        case .basemap: "Basemap"
        }
    }
}

import Foundation
import GeoCore

/// A layer as its builder produced it: features in lon/lat degrees and/or a metric
/// grid, ready for the renderer, the exporters and the server.
///
/// Builders never draw: how a layer looks is the renderer's business (it picks the
/// style by `name` and the project's style settings). Features keep their source ids
/// as properties (`site_id`, `camera_id`, `mesh_code`, `stop_id`, `route_id`).
public struct BuiltLayer: Sendable {
    public var name: LayerName
    /// Vector features in lon/lat (WGS 84 / JGD2011) degrees.
    public var features: [Feature]
    /// A metric surface (density, risk) in the project's CRS, when the layer has one.
    public var grid: MetricGrid?
    /// Layer-level facts worth showing or exporting (fit quality, totals, thresholds).
    public var metadata: [String: JSONValue]
    /// When the layer was built (UTC).
    public var builtAt: Date

    public init(
        name: LayerName, features: [Feature] = [], grid: MetricGrid? = nil,
        metadata: [String: JSONValue] = [:], builtAt: Date = Date()
    ) {
        self.name = name
        self.features = features
        self.grid = grid
        self.metadata = metadata
        self.builtAt = builtAt
    }

    /// The lon/lat bounds of the features (the grid's are added by whoever knows its CRS).
    public var featureBounds: BoundingBox? {
        features.reduce(nil) { box, feature in
            guard let b = feature.shape.boundingBox else { return box }
            return box?.union(b) ?? b
        }
    }
}

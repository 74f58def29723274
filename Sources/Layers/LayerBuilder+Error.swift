/// Why a vector layer (`flood-risk`, `wildlife`, `census-delta`, `bus-routes`,
/// `basemap`) could not be built, or a scenario could not be read: what was wrong and
/// what to do.
public struct LayerBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The layer being built, nil for problems not tied to one (a scenario).
    public var layer: LayerName?
    public var message: String

    public init(layer: LayerName?, message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String { layer.map { "\($0): \(message)" } ?? message }
}

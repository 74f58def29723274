/// Why a grid layer (`child-traffic`, `composite`) could not be built: the grid
/// would be unreasonable for the project's bbox and cell size, the project CRS
/// cannot be reached, or an input layer is missing what the builder needs.
public struct GridLayerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The layer being built.
    public var layer: LayerName
    /// What was wrong and what to do about it. Never holds a device id or a ping.
    public var message: String

    public init(layer: LayerName, message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String { "\(layer): \(message)" }
}

/// A PNG encoding failure, carrying libpng's own message (or the shim's, for bad input).
public struct PNGError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { "PNG encoding failed: \(message)" }
}

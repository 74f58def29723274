/// A style setting that cannot be used, with what was wrong and what is accepted.
public struct StyleError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "style: \(message)" }
}

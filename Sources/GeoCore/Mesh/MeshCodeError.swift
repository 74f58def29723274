/// A string that is not a valid JIS X 0410 mesh code, or a point outside the
/// area mesh codes cover.
public struct MeshCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending input (cut to 32 characters), or empty for a point.
    public var input: String
    /// What is wrong and what is accepted.
    public var reason: String

    public init(input: String, reason: String) {
        self.input = String(input.prefix(32))
        self.reason = reason
    }

    public var description: String {
        input.isEmpty ? "invalid mesh point: \(reason)" : "invalid mesh code '\(input)': \(reason)"
    }
}

/// A failure to write an output file (disk full, no permission, bad path), or a
/// value a format cannot represent (a character outside Shift_JIS, a NaN coordinate).
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file being written, or a short label for in-memory output.
    public var path: String
    /// What went wrong, with the system's message where there is one.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}

/// A tile store that cannot be written or read: which file, and what went wrong.
public struct TileStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder concerned.
    public let path: String
    public let message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

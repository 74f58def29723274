/// A tile request that cannot name a real Web Mercator tile: a zoom outside
/// `0...TileID.maxZoom`, a column or row outside `0..<2^z`, a malformed quadkey or
/// path, or a non-finite coordinate.
public struct TileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, and what range would have been accepted.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "invalid tile: \(message)" }
}

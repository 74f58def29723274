/// The pixel size of tiles: 256 px, or 512 px "@2x" tiles for high-density screens
/// (same area, every width and size doubled).
public enum TileScale: Int, Sendable, Hashable, Codable, CaseIterable {
    case standard = 1
    case retina = 2

    /// Pixels per side.
    public var tileSize: Int { 256 * rawValue }
    /// Device pixels per CSS pixel.
    public var pixelRatio: Double { Double(rawValue) }
    /// The file-name suffix: "" or "@2x".
    public var suffix: String { self == .retina ? "@2x" : "" }
}

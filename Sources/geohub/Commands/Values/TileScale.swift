/// Tile pixel density: 1 for 256 px tiles, 2 for 512 px `@2x` tiles.
enum TileScale: Int, Sendable, Hashable, ExpressibleByArgument {
    case standard = 1
    case retina = 2

    /// The tile side in pixels.
    var pixels: Int { 256 * rawValue }

    init(argument text: String, option: String) throws {
        guard let value = Int(text), let scale = TileScale(rawValue: value) else {
            throw UsageError.invalidValue(option, expected: "1 (256 px tiles) or 2 (512 px @2x tiles)", got: text)
        }
        self = scale
    }

    static var valueName: String { "1|2" }
    var argumentDescription: String { String(rawValue) }
}

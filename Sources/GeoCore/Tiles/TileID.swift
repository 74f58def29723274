import Foundation

/// One XYZ (slippy-map, Google/OSM) Web Mercator tile: zoom `z`, column `x` from
/// the west, row `y` from the north.
///
/// The initializer validates, so a `TileID` always names a real tile:
/// `0 <= z <= maxZoom` and `0 <= x, y < 2^z`. Formulas follow mercantile, and the
/// tests check them against it. Coding uses `{"z":…,"x":…,"y":…}` and re-validates.
public struct TileID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Zoom level.
    public let z: Int
    /// Column, 0 at 180° W.
    public let x: Int
    /// Row (XYZ scheme), 0 at the north edge.
    public let y: Int

    /// The deepest zoom accepted (tile numbers stay exact in `Int` and `Double` well past it).
    public static let maxZoom = 30

    /// The tile `z/x/y`.
    ///
    /// - Throws: ``TileError`` when `z` is outside `0...maxZoom` or `x`/`y` outside `0..<2^z`.
    public init(z: Int, x: Int, y: Int) throws(TileError) {
        try TileID.validate(zoom: z)
        let n = 1 << z
        guard (0..<n).contains(x), (0..<n).contains(y) else {
            throw TileError("\(z)/\(x)/\(y): x and y must be in 0...\(n - 1) at zoom \(z)")
        }
        self.init(unchecked: z, x, y)
    }

    /// A tile known to be valid (internal arithmetic only).
    @usableFromInline init(unchecked z: Int, _ x: Int, _ y: Int) {
        self.z = z
        self.x = x
        self.y = y
    }

    /// The tile at `zoom` that contains a lon/lat point (mercantile's `tile`).
    ///
    /// Points beyond the map (latitudes past ±85.0511°, longitudes past ±180°) go to
    /// the nearest edge tile. A point within 1e-14 of the map width left of a tile's
    /// east edge counts in the next tile over, as in mercantile, so a tile's own
    /// corner maps back to it.
    ///
    /// - Throws: ``TileError`` for an invalid zoom or a non-finite coordinate.
    public init(containing lonLat: Coordinate, zoom: Int) throws(TileError) {
        try TileID.validate(zoom: zoom)
        guard lonLat.isFinite else { throw TileError("cannot place a non-finite coordinate on a tile") }
        let unit = WebMercator.unitPoint(lonLat)
        self.init(unchecked: zoom, TileID.index(unit.x, zoom: zoom), TileID.index(unit.y, zoom: zoom))
    }

    /// Column or row of a unit-map fraction at `zoom`, clamped to the map.
    @usableFromInline static func index(_ fraction: Double, zoom: Int) -> Int {
        let n = Double(1 << zoom)
        if fraction <= 0 || fraction.isNaN { return 0 }
        if fraction >= 1 { return Int(n) - 1 }
        // mercantile: floor((x + EPSILON) * Z2), EPSILON = 1e-14; clamped so a point
        // a hair left of 180° cannot produce column 2^z.
        return Swift.min(Int(((fraction + 1e-14) * n).rounded(.down)), Int(n) - 1)
    }

    /// Throws unless `zoom` is in `0...maxZoom`.
    static func validate(zoom: Int) throws(TileError) {
        guard (0...maxZoom).contains(zoom) else {
            throw TileError("zoom \(zoom) is outside 0...\(maxZoom)")
        }
    }

    /// The number of columns (and rows) at `zoom`: `2^zoom`.
    public static func tilesPerSide(atZoom zoom: Int) -> Int { 1 << zoom }

    /// `"z/x/y"`, the path used in tile URLs and folders.
    public var description: String { "\(z)/\(x)/\(y)" }

    /// Orders by zoom, then column, then row (mercantile's iteration order).
    public static func < (lhs: TileID, rhs: TileID) -> Bool {
        (lhs.z, lhs.x, lhs.y) < (rhs.z, rhs.x, rhs.y)
    }
}

extension TileID {
    /// Parses `"z/x/y"` (as in `/tiles/LAYER/z/x/y.png`).
    ///
    /// - Throws: ``TileError`` for anything but three decimal integers naming a valid tile.
    public init(path: String) throws(TileError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 10 && $0.allSatisfy(\.isASCIIDigit) }),
            let z = Int(parts[0]), let x = Int(parts[1]), let y = Int(parts[2])
        else { throw TileError("'\(path.prefix(40))' is not of the form z/x/y with decimal integers") }
        try self.init(z: z, x: x, y: y)
    }

    /// The tile whose row is given in the TMS scheme (row 0 at the south edge, as
    /// in MBTiles).
    ///
    /// - Throws: ``TileError`` when the tile is out of range.
    public init(z: Int, x: Int, tmsY: Int) throws(TileError) {
        try TileID.validate(zoom: z)
        try self.init(z: z, x: x, y: (1 << z) - 1 - tmsY)
    }

    /// The row in the TMS scheme (row 0 at the south edge), as MBTiles stores it.
    public var tmsY: Int { (1 << z) - 1 - y }
}

extension TileID: Codable {
    private enum CodingKeys: String, CodingKey { case z, x, y }

    /// Decodes `{"z","x","y"}` and validates the tile.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            z: container.decode(Int.self, forKey: .z), x: container.decode(Int.self, forKey: .x),
            y: container.decode(Int.self, forKey: .y))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(z, forKey: .z)
        try container.encode(x, forKey: .x)
        try container.encode(y, forKey: .y)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A rectangle of tiles at one zoom: columns `minX...maxX`, rows `minY...maxY`.
///
/// A random-access collection of ``TileID`` in column-major order (x outer, y
/// inner, as mercantile yields them) whose `count` is arithmetic, so a range of
/// millions of tiles costs nothing until iterated.
public struct TileRange: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    public let zoom: Int
    public let minX: Int
    public let maxX: Int
    public let minY: Int
    public let maxY: Int

    /// The range of tiles `minX...maxX` × `minY...maxY` at `zoom`.
    ///
    /// - Throws: ``TileError`` when the zoom or a bound is outside the map, or a
    ///   minimum exceeds its maximum.
    public init(zoom: Int, minX: Int, maxX: Int, minY: Int, maxY: Int) throws(TileError) {
        try TileID.validate(zoom: zoom)
        let n = 1 << zoom
        guard 0 <= minX, minX <= maxX, maxX < n, 0 <= minY, minY <= maxY, maxY < n else {
            throw TileError("range x \(minX)...\(maxX), y \(minY)...\(maxY) is not inside 0...\(n - 1) at zoom \(zoom)")
        }
        self.init(unchecked: zoom, minX: minX, maxX: maxX, minY: minY, maxY: maxY)
    }

    init(unchecked zoom: Int, minX: Int, maxX: Int, minY: Int, maxY: Int) {
        self.zoom = zoom
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    /// The tile ranges at `zoom` covering a lon/lat box (mercantile's `tiles`).
    ///
    /// The box is clamped to the Web Mercator map (±180°, ±85.051129°). A box with
    /// `west > east` crosses the antimeridian and gives two ranges, in mercantile's
    /// order: the part from −180° to `east` first, then the part from `west` to 180°.
    /// A tile's own bounds give exactly that tile: the east and south edges
    /// are pulled in by 1e-11° as mercantile does. An inverted or empty box gives no
    /// ranges.
    ///
    /// - Throws: ``TileError`` for an invalid zoom or a non-finite box.
    public static func covering(_ box: BoundingBox, zoom: Int) throws(TileError) -> [TileRange] {
        try TileID.validate(zoom: zoom)
        guard box.minX.isFinite, box.minY.isFinite, box.maxX.isFinite, box.maxY.isFinite else {
            throw TileError("cannot cover a box with non-finite bounds")
        }
        let parts: [(Double, Double, Double, Double)] =
            box.west > box.east
            ? [(-180.0, box.south, box.east, box.north), (box.west, box.south, 180.0, box.north)]
            : [(box.west, box.south, box.east, box.north)]
        var ranges: [TileRange] = []
        for (w, s, e, n) in parts {
            let west = Swift.max(-180.0, w)
            let south = Swift.max(-85.051129, s)
            let east = Swift.min(180.0, e)
            let north = Swift.min(85.051129, n)
            let epsilon = 1e-11
            let upperLeft = WebMercator.unitPoint(Coordinate(x: west, y: north))
            let lowerRight = WebMercator.unitPoint(Coordinate(x: east - epsilon, y: south + epsilon))
            let minX = TileID.index(upperLeft.x, zoom: zoom)
            let minY = TileID.index(upperLeft.y, zoom: zoom)
            let maxX = TileID.index(lowerRight.x, zoom: zoom)
            let maxY = TileID.index(lowerRight.y, zoom: zoom)
            if minX <= maxX, minY <= maxY {
                ranges.append(TileRange(unchecked: zoom, minX: minX, maxX: maxX, minY: minY, maxY: maxY))
            }
        }
        return ranges
    }

    /// Number of columns.
    public var width: Int { maxX - minX + 1 }
    /// Number of rows.
    public var height: Int { maxY - minY + 1 }

    public var startIndex: Int { 0 }
    public var endIndex: Int { width * height }
    /// Number of tiles, without materialising them.
    public var count: Int { width * height }

    /// The `position`-th tile in column-major order.
    public subscript(position: Int) -> TileID {
        precondition(position >= 0 && position < count, "TileRange index out of range")
        return TileID(unchecked: zoom, minX + position / height, minY + position % height)
    }

    /// Whether `tile` lies in the range.
    public func contains(_ tile: TileID) -> Bool {
        tile.z == zoom && (minX...maxX).contains(tile.x) && (minY...maxY).contains(tile.y)
    }

    /// The lon/lat extent of the whole range.
    public var bounds: BoundingBox {
        let northWest = TileID(unchecked: zoom, minX, minY).bounds
        let southEast = TileID(unchecked: zoom, maxX, maxY).bounds
        return BoundingBox(west: northWest.west, south: southEast.south, east: southEast.east, north: northWest.north)
    }

    public var description: String { "\(zoom)/\(minX)...\(maxX)/\(minY)...\(maxY)" }
}

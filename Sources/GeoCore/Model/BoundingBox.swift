/// An axis-aligned rectangle `[minX, minY, maxX, maxY]` (west, south, east, north for lon/lat).
public struct BoundingBox: Sendable, Hashable, Codable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// West, south, east, north in degrees.
    public init(west: Double, south: Double, east: Double, north: Double) {
        self.init(minX: west, minY: south, maxX: east, maxY: north)
    }

    /// The smallest box around `coordinates`, or nil when there are none.
    public init?<C: Sequence>(covering coordinates: C) where C.Element == Coordinate {
        var box: BoundingBox?
        for c in coordinates { box = box?.extended(by: c) ?? BoundingBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y) }
        guard let box else { return nil }
        self = box
    }

    public var west: Double { minX }
    public var south: Double { minY }
    public var east: Double { maxX }
    public var north: Double { maxY }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }
    /// `[minX, minY, maxX, maxY]`, the order GeoJSON, TileJSON and MBTiles use.
    public var array: [Double] { [minX, minY, maxX, maxY] }
    public var isValid: Bool {
        minX.isFinite && minY.isFinite && maxX.isFinite && maxY.isFinite && minX <= maxX && minY <= maxY
    }

    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public func extended(by c: Coordinate) -> BoundingBox {
        BoundingBox(
            minX: Swift.min(minX, c.x), minY: Swift.min(minY, c.y), maxX: Swift.max(maxX, c.x),
            maxY: Swift.max(maxY, c.y))
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
            maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// The overlap of two boxes, or nil when they are disjoint.
    public func intersection(_ other: BoundingBox) -> BoundingBox? {
        guard intersects(other) else { return nil }
        return BoundingBox(
            minX: Swift.max(minX, other.minX), minY: Swift.max(minY, other.minY),
            maxX: Swift.min(maxX, other.maxX), maxY: Swift.min(maxY, other.maxY))
    }

    /// The box grown by `margin` on every side.
    public func expanded(by margin: Double) -> BoundingBox {
        BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}

import Foundation

/// The affine map between one tile's pixel grid and Web Mercator metres, plus the
/// direct lon/lat → pixel formula, for the renderer's hot loop.
///
/// Pixel (0, 0) is the top-left corner of the tile and (`tileSize`, `tileSize`)
/// the bottom-right; pixel centres sit at half-integers. From metres the map is
/// `px = (mx − originX) · scale`, `py = (originY − my) · scale`: the four stored
/// numbers are all a rasterizer needs to inline it.
public struct TilePixelTransform: Sendable, Hashable {
    /// The tile whose pixels these are.
    public let tile: TileID
    /// Pixels per side (256, or 512 for `@2x`).
    public let tileSize: Int
    /// Pixels per metre.
    public let scale: Double
    /// Web Mercator x of the tile's left edge (pixel x = 0).
    public let originX: Double
    /// Web Mercator y of the tile's top edge (pixel y = 0).
    public let originY: Double
    /// `tileSize · 2^z`: the whole map's width in pixels at this zoom.
    public let worldSize: Double

    /// The transform for `tile` at `tileSize` pixels per side.
    public init(tile: TileID, tileSize: Int = 256) {
        self.tile = tile
        self.tileSize = tileSize
        let bounds = tile.mercatorBounds
        originX = bounds.minX
        originY = bounds.maxY
        scale = Double(tileSize) / (bounds.maxX - bounds.minX)
        worldSize = Double(tileSize) * Double(1 << tile.z)
    }

    /// Pixel position of a point given in Web Mercator metres.
    @inlinable
    public func pixel(mercator point: Coordinate) -> Coordinate {
        Coordinate(x: (point.x - originX) * scale, y: (originY - point.y) * scale)
    }

    /// Pixel position of a lon/lat point (no PROJ call: spherical Mercator math).
    ///
    /// Latitudes beyond ±85.0511° land above or below the map (negative or
    /// beyond `worldSize`); ±90° gives an infinite `y`.
    @inlinable
    public func pixel(lonLat point: Coordinate) -> Coordinate {
        let unit = WebMercator.unitPoint(point)
        return Coordinate(
            x: unit.x * worldSize - Double(tile.x * tileSize),
            y: unit.y * worldSize - Double(tile.y * tileSize))
    }

    /// Web Mercator metres of a pixel position.
    @inlinable
    public func mercator(pixel: Coordinate) -> Coordinate {
        Coordinate(x: originX + pixel.x / scale, y: originY - pixel.y / scale)
    }

    /// Lon/lat of a pixel position.
    public func lonLat(pixel: Coordinate) -> Coordinate {
        WebMercator.unproject(mercator(pixel: pixel))
    }

    /// Replaces each Web Mercator point of `points` with its pixel position.
    public func pixels(mercator points: inout [Coordinate]) {
        for i in points.indices { points[i] = pixel(mercator: points[i]) }
    }

    /// Replaces each lon/lat point of `points` with its pixel position.
    public func pixels(lonLat points: inout [Coordinate]) {
        for i in points.indices { points[i] = pixel(lonLat: points[i]) }
    }
}

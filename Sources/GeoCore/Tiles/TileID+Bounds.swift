import Foundation

extension TileID {
    /// The tile's extent in lon/lat degrees (mercantile's `bounds`): west, south, east, north.
    public var bounds: BoundingBox {
        let n = pow(2.0, Double(z))
        let west = Double(x) / n * 360.0 - 180.0
        let east = Double(x + 1) / n * 360.0 - 180.0
        let north = atan(sinh(Double.pi * (1 - 2 * Double(y) / n))) * WebMercator.radiansToDegrees
        let south = atan(sinh(Double.pi * (1 - 2 * Double(y + 1) / n))) * WebMercator.radiansToDegrees
        return BoundingBox(west: west, south: south, east: east, north: north)
    }

    /// The tile's extent in Web Mercator metres (mercantile's `xy_bounds`).
    public var mercatorBounds: BoundingBox {
        let size = WebMercator.circumference / pow(2.0, Double(z))
        let left = Double(x) * size - WebMercator.circumference / 2
        let top = WebMercator.circumference / 2 - Double(y) * size
        return BoundingBox(minX: left, minY: top - size, maxX: left + size, maxY: top)
    }

    /// The extent in metres grown by `pixels` on every side at `tileSize` — the
    /// area a renderer clips to so strokes and symbols crossing the edge match up.
    public func mercatorBounds(bufferPixels pixels: Double, tileSize: Int = 256) -> BoundingBox {
        mercatorBounds.expanded(by: pixels * WebMercator.resolution(zoom: z, tileSize: tileSize))
    }

    /// The centre of the tile in lon/lat (the centre in metres, unprojected).
    public var center: Coordinate {
        WebMercator.unproject(mercatorBounds.center)
    }

    /// The affine map between this tile's pixels and Web Mercator metres or lon/lat.
    public func pixelTransform(tileSize: Int = 256) -> TilePixelTransform {
        TilePixelTransform(tile: self, tileSize: tileSize)
    }
}

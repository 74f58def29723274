extension WebMercator {
    /// A latitude limited to the square Web Mercator map (±``maxLatitude``), so
    /// that projecting it gives a finite `y`.
    @inlinable
    public static func clampedLatitude(_ latitude: Double) -> Double {
        Swift.min(Swift.max(latitude, -maxLatitude), maxLatitude)
    }

    /// The shape in Web Mercator metres, every latitude first clamped to
    /// ±``maxLatitude`` (so a polygon reaching a pole still has finite
    /// coordinates: the edge of the map).
    public static func project(_ shape: Shape) -> Shape {
        shape.mapCoordinates { c in project(Coordinate(x: c.x, y: clampedLatitude(c.y))) }
    }

    /// The shape of Web Mercator metres back in lon/lat degrees.
    public static func unproject(_ shape: Shape) -> Shape {
        shape.mapCoordinates(unproject)
    }
}

extension TilePixelTransform {
    /// The lon/lat shape in this tile's pixel coordinates (latitudes clamped to the map).
    public func pixels(lonLat shape: Shape) -> Shape {
        shape.mapCoordinates { c in pixel(lonLat: Coordinate(x: c.x, y: WebMercator.clampedLatitude(c.y))) }
    }

    /// The Web Mercator shape in this tile's pixel coordinates.
    public func pixels(mercator shape: Shape) -> Shape {
        shape.mapCoordinates { pixel(mercator: $0) }
    }
}

import Foundation

/// Spherical Web Mercator (EPSG:3857) arithmetic for tiles and rendering.
///
/// This is tile arithmetic, the same closed formulas mercantile and every slippy
/// map use, kept as plain math because it sits on the rendering hot path (no
/// PROJ call per point). It is *not* a general CRS transform: anything other than
/// lon/lat ⇄ Web Mercator goes through ``Transformer`` (PROJ stays the authority,
/// and the tests check these formulas against both mercantile and PROJ).
///
/// Operations are written in the same order as mercantile's so results agree bit
/// for bit with it on the same C library.
public enum WebMercator {
    /// The sphere's radius, metres (WGS 84 semi-major axis).
    public static let earthRadius = 6_378_137.0
    /// The length of the equator on the sphere: the width of the whole map in metres.
    public static let circumference = 2 * Double.pi * earthRadius
    /// Half the circumference: the map spans `-originShift...originShift` metres on both axes.
    public static let originShift = circumference / 2
    /// The latitude at which the square map ends, `atan(sinh(π))` in degrees (≈ 85.0511°).
    public static let maxLatitude = atan(sinh(Double.pi)) * radiansToDegrees

    @usableFromInline static let degreesToRadians = Double.pi / 180
    @usableFromInline static let radiansToDegrees = 180 / Double.pi

    /// Web Mercator metres of a lon/lat point (mercantile's `xy`).
    ///
    /// Latitudes at or beyond ±90° give ±infinity for `y`; no clamping is done,
    /// so clamp first (to ``maxLatitude``) when the input may reach the poles.
    @inlinable
    public static func project(_ lonLat: Coordinate) -> Coordinate {
        let x = earthRadius * (lonLat.x * degreesToRadians)
        let y: Double
        if lonLat.y <= -90 {
            y = -.infinity
        } else if lonLat.y >= 90 {
            y = .infinity
        } else {
            y = earthRadius * log(tan(Double.pi * 0.25 + 0.5 * (lonLat.y * degreesToRadians)))
        }
        return Coordinate(x: x, y: y)
    }

    /// The lon/lat point of Web Mercator metres (mercantile's `lnglat`).
    @inlinable
    public static func unproject(_ metres: Coordinate) -> Coordinate {
        Coordinate(
            x: metres.x * radiansToDegrees / earthRadius,
            y: (Double.pi * 0.5 - 2.0 * atan(exp(-metres.y / earthRadius))) * radiansToDegrees)
    }

    /// Projects every coordinate of `coordinates` in place (lon/lat → metres).
    public static func project(_ coordinates: inout [Coordinate]) {
        for i in coordinates.indices { coordinates[i] = project(coordinates[i]) }
    }

    /// Unprojects every coordinate of `coordinates` in place (metres → lon/lat).
    public static func unproject(_ coordinates: inout [Coordinate]) {
        for i in coordinates.indices { coordinates[i] = unproject(coordinates[i]) }
    }

    /// The point as a fraction of the whole map: `x` from 0 (180° W) to 1 (180° E),
    /// `y` from 0 (north edge, ≈85.05° N) to 1 (south edge), unclamped
    /// (mercantile's `_xy`). Multiply by `tileSize · 2^z` for world pixels.
    ///
    /// At exactly ±90° latitude `y` is ∓infinity.
    @inlinable
    public static func unitPoint(_ lonLat: Coordinate) -> Coordinate {
        let x = lonLat.x / 360.0 + 0.5
        let sinLat = sin(lonLat.y * degreesToRadians)
        let y = 0.5 - 0.25 * log((1.0 + sinLat) / (1.0 - sinLat)) / Double.pi
        return Coordinate(x: x, y: y)
    }

    /// The unit point (see ``unitPoint(_:)``) of Web Mercator metres: an affine map.
    @inlinable
    public static func unitPoint(mercator metres: Coordinate) -> Coordinate {
        Coordinate(x: metres.x / circumference + 0.5, y: 0.5 - metres.y / circumference)
    }

    /// World pixel coordinates of a lon/lat point at `zoom` for square tiles of
    /// `tileSize` pixels: (0, 0) is the top-left of tile 0/0/0.
    @inlinable
    public static func worldPixel(_ lonLat: Coordinate, zoom: Int, tileSize: Int = 256) -> Coordinate {
        let unit = unitPoint(lonLat)
        let size = Double(tileSize) * Double(1 << zoom)
        return Coordinate(x: unit.x * size, y: unit.y * size)
    }

    /// Metres per pixel at the equator for `zoom` and `tileSize`; multiply by
    /// `cos(latitude)` for the ground resolution elsewhere.
    public static func resolution(zoom: Int, tileSize: Int = 256) -> Double {
        circumference / (Double(tileSize) * Double(1 << zoom))
    }
}

import Foundation
import GeoCore

/// A point in metres on a local tangent plane around Nagai (east, north).
struct PlanePoint: Sendable, Hashable {
    var x: Double
    var y: Double

    func distance(to other: PlanePoint) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }

    static func + (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x + b.x, y: a.y + b.y) }
    static func - (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x - b.x, y: a.y - b.y) }
    static func * (a: PlanePoint, s: Double) -> PlanePoint { PlanePoint(x: a.x * s, y: a.y * s) }
}

/// Metres ↔ degrees near Nagai, for laying out synthetic things (walks, offsets, jitter).
///
/// This is only the generator's drawing board: an equirectangular scale at 38.1° N whose
/// error over the city (a few tenths of a per cent) does not matter for invented positions.
/// Every file the generator writes holds longitude/latitude degrees; geohub's real metric
/// work goes through PROJ.
enum LocalPlane {
    static let originLon = 140.03
    static let originLat = 38.1
    /// Metres per degree of latitude and longitude at 38.1° N (ellipsoidal series).
    static let metresPerDegreeLat: Double = {
        let phi = originLat * Double.pi / 180
        return 111_132.92 - 559.82 * cos(2 * phi) + 1.175 * cos(4 * phi)
    }()
    static let metresPerDegreeLon: Double = {
        let phi = originLat * Double.pi / 180
        return 111_412.84 * cos(phi) - 93.5 * cos(3 * phi)
    }()

    static func project(_ c: Coordinate) -> PlanePoint {
        PlanePoint(x: (c.lon - originLon) * metresPerDegreeLon, y: (c.lat - originLat) * metresPerDegreeLat)
    }

    static func unproject(_ p: PlanePoint) -> Coordinate {
        Coordinate(lon: originLon + p.x / metresPerDegreeLon, lat: originLat + p.y / metresPerDegreeLat)
    }

    /// `c` moved by `east` and `north` metres.
    static func offset(_ c: Coordinate, east: Double, north: Double) -> Coordinate {
        Coordinate(lon: c.lon + east / metresPerDegreeLon, lat: c.lat + north / metresPerDegreeLat)
    }

    static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        project(a).distance(to: project(b))
    }
}

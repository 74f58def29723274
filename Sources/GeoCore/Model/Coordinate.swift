/// A position in some coordinate reference system: `x` is easting or longitude,
/// `y` northing or latitude (geohub always keeps the lon/lat, east/north order).
public struct Coordinate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// A longitude/latitude pair in degrees.
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    public var lon: Double { x }
    public var lat: Double { y }

    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// Planar Euclidean distance; meaningful in a projected (metric) CRS only.
    public func distance(to other: Coordinate) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }

    public var description: String { "(\(x), \(y))" }
}

extension MeshCode {
    /// The area mesh codes cover, as jismesh checks it: latitude `0..<66.66`,
    /// longitude `100..<180` degrees.
    public static let coverage = BoundingBox(west: 100, south: 0, east: 180, north: 66.66)

    /// How close (in quarter-mesh cells, ≈ 231 m × 285 m) a point must be to a
    /// cell edge to count as lying on it: 1e-9 cells, a fraction of a micrometre.
    /// It absorbs the rounding in corner coordinates (jismesh's own `to_meshpoint`
    /// corners fall a few 1e-15° south or west of the true edge).
    static let edgeTolerance = 1e-9

    /// The cell of `level` containing a lon/lat point (jismesh's `to_meshcode`).
    ///
    /// Cells are closed on their south and west edges and open on their north and
    /// east edges: a point exactly on a cell's southern or western edge belongs to
    /// that cell. "Exactly" allows ``edgeTolerance``, so a corner computed in
    /// floating point (by us or by jismesh) maps back to its own cell, where
    /// jismesh's floating-point remainders often put it in the neighbour. Away from
    /// edges the result is jismesh's.
    ///
    /// The arithmetic is integer after one scaling per axis, so it is cheap enough
    /// to bin millions of points.
    ///
    /// - Throws: ``MeshCodeError`` for a non-finite point or one outside ``coverage``
    ///   (the message never repeats the coordinates).
    public init(containing point: Coordinate, level: MeshLevel) throws(MeshCodeError) {
        guard point.lat >= 0, point.lat < 66.66, point.lon >= 100, point.lon < 180 else {
            throw MeshCodeError(
                input: "",
                reason: "the point is outside the area mesh codes cover "
                    + "(latitude 0 to 66.66, longitude 100 to 180 degrees) or not finite")
        }
        // Quarter-mesh cells are 1/480 degree of latitude and 1/320 degree of longitude.
        let row = MeshCode.cellIndex(point.lat * 480, limit: 31_996)
        let column = MeshCode.cellIndex((point.lon - 100) * 320, limit: 80 * 320 - 1)
        self.init(quarterRow: row, quarterColumn: column, level: level)
    }

    /// `floor(t)`, or the nearest integer when `t` is within ``edgeTolerance`` of it; at most `limit`.
    @inline(__always)
    private static func cellIndex(_ t: Double, limit: Int) -> Int {
        let nearest = t.rounded()
        let index = abs(t - nearest) <= edgeTolerance ? Int(nearest) : Int(t.rounded(.down))
        return min(index, limit)
    }

    /// The code of the `level` cell holding the quarter cell at `quarterRow` (from
    /// the equator) and `quarterColumn` (from 100° E).
    init(quarterRow row: Int, quarterColumn column: Int, level: MeshLevel) {
        var value = UInt64(row / 320 * 100 + column / 320)
        if level >= .second { value = value * 100 + UInt64(row % 320 / 40 * 10 + column % 320 / 40) }
        if level >= .third { value = value * 100 + UInt64(row % 40 / 4 * 10 + column % 40 / 4) }
        if level >= .half { value = value * 10 + UInt64(row % 4 / 2 * 2 + column % 4 / 2 + 1) }
        if level >= .quarter { value = value * 10 + UInt64(row % 2 * 2 + column % 2 + 1) }
        self.init(level: level, value: value)
    }

    /// The point at the given fractions of the cell from its south-west corner
    /// (jismesh's `to_meshpoint(code, latitudeFraction, longitudeFraction)`): (0, 0) is
    /// the south-west corner, (1, 1) the north-east, (0.5, 0.5) the centre.
    ///
    /// Summed in jismesh's order (coarse to fine, then the fraction of this level),
    /// so corners equal jismesh's to the last bit.
    public func point(latitudeFraction: Double, longitudeFraction: Double) -> Coordinate {
        let d = digits
        var lat = MeshUnits.lat1 * Double(d.latitude1)
        var lon = Double(100 + d.longitude1)
        if level >= .second {
            lat = lat + MeshUnits.lat2 * Double(d.latitude2)
            lon = lon + MeshUnits.lon2 * Double(d.longitude2)
        }
        if level >= .third {
            lat = lat + MeshUnits.lat3 * Double(d.latitude3)
            lon = lon + MeshUnits.lon3 * Double(d.longitude3)
        }
        if level >= .half {
            lat = lat + MeshUnits.lat4 * Double((d.half - 1) >> 1)
            lon = lon + MeshUnits.lon4 * Double((d.half - 1) & 1)
        }
        if level >= .quarter {
            lat = lat + MeshUnits.lat5 * Double((d.quarter - 1) >> 1)
            lon = lon + MeshUnits.lon5 * Double((d.quarter - 1) & 1)
        }
        return Coordinate(
            lon: lon + level.longitudeSpan * longitudeFraction,
            lat: lat + level.latitudeSpan * latitudeFraction)
    }

    /// The cell's extent in degrees: south-west corner to north-east corner.
    public var bounds: BoundingBox {
        let southWest = point(latitudeFraction: 0, longitudeFraction: 0)
        let northEast = point(latitudeFraction: 1, longitudeFraction: 1)
        return BoundingBox(west: southWest.lon, south: southWest.lat, east: northEast.lon, north: northEast.lat)
    }

    /// The cell as a closed, counter-clockwise polygon (RFC 7946's winding):
    /// south-west, south-east, north-east, north-west, south-west.
    public var polygon: Shape {
        let b = bounds
        let ring = [
            Coordinate(lon: b.west, lat: b.south), Coordinate(lon: b.east, lat: b.south),
            Coordinate(lon: b.east, lat: b.north), Coordinate(lon: b.west, lat: b.north),
            Coordinate(lon: b.west, lat: b.south),
        ]
        return .polygon(PolygonRings(exterior: ring))
    }

    /// The centre of the cell.
    public var center: Coordinate { point(latitudeFraction: 0.5, longitudeFraction: 0.5) }

    /// The code's digits, split by level (absent levels are 0, absent half/quarter digits 1).
    var digits: MeshDigits {
        var rest = value
        var d = MeshDigits()
        if level >= .quarter {
            d.quarter = Int(rest % 10)
            rest /= 10
        }
        if level >= .half {
            d.half = Int(rest % 10)
            rest /= 10
        }
        if level >= .third {
            d.longitude3 = Int(rest % 10)
            d.latitude3 = Int(rest / 10 % 10)
            rest /= 100
        }
        if level >= .second {
            d.longitude2 = Int(rest % 10)
            d.latitude2 = Int(rest / 10 % 10)
            rest /= 100
        }
        d.longitude1 = Int(rest % 100)
        d.latitude1 = Int(rest / 100)
        return d
    }
}

/// The parts of a mesh code: `ab cd e f g h i j`.
struct MeshDigits {
    var latitude1 = 0, longitude1 = 0  // ab, cd
    var latitude2 = 0, longitude2 = 0  // e, f
    var latitude3 = 0, longitude3 = 0  // g, h
    var half = 1, quarter = 1  // i, j (1 = south-west)
}

import GeoCore

/// Measures along a polyline in a metric CRS: the arithmetic routing needs to cut an
/// edge where a point snaps onto it and to integrate a risk surface along it.
///
/// Only planar sums and interpolation between a segment's two ends; edge lengths of
/// the network itself come from GEOS (`GEOSLength_r`), and the tests check these
/// measures against shapely's `length`, `project` and `interpolate`.
enum Polyline {
    /// The cumulative distance at every vertex (first 0, last the length).
    static func cumulativeLengths(_ points: [Coordinate]) -> [Double] {
        var result = [Double](repeating: 0, count: points.count)
        for i in points.indices.dropFirst() { result[i] = result[i - 1] + points[i - 1].distance(to: points[i]) }
        return result
    }

    /// The part of the polyline between distances `from` and `to` along it, reversed
    /// when `from > to`; both are clamped to the line.
    static func cut(_ points: [Coordinate], cumulative: [Double], from: Double, to: Double) -> [Coordinate] {
        guard points.count >= 2, let total = cumulative.last else { return points }
        let a = Swift.min(Swift.max(from, 0), total)
        let b = Swift.min(Swift.max(to, 0), total)
        let low = Swift.min(a, b)
        let high = Swift.max(a, b)
        var part = [position(points, cumulative: cumulative, at: low)]
        for i in points.indices where cumulative[i] > low && cumulative[i] < high { part.append(points[i]) }
        part.append(position(points, cumulative: cumulative, at: high))
        return a <= b ? part : part.reversed()
    }

    /// The point at distance `d` along the polyline (clamped to its ends).
    static func position(_ points: [Coordinate], cumulative: [Double], at d: Double) -> Coordinate {
        guard let first = points.first, let last = points.last else { return Coordinate(x: .nan, y: .nan) }
        if d <= 0 { return first }
        guard let total = cumulative.last, d < total else { return last }
        var low = 0
        var high = cumulative.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if cumulative[mid] <= d { low = mid } else { high = mid }
        }
        let span = cumulative[high] - cumulative[low]
        let t = span > 0 ? (d - cumulative[low]) / span : 0
        return Coordinate(
            x: points[low].x + t * (points[high].x - points[low].x),
            y: points[low].y + t * (points[high].y - points[low].y))
    }

    /// The foot of the perpendicular from `p` onto segment `a`–`b`: the parameter
    /// `t` in 0…1 along the segment and the squared distance.
    @inline(__always)
    static func foot(of p: Coordinate, on a: Coordinate, _ b: Coordinate) -> (t: Double, squaredDistance: Double) {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        var t = lengthSquared > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared : 0
        t = Swift.min(1, Swift.max(0, t))
        let fx = a.x + t * dx - p.x
        let fy = a.y + t * dy - p.y
        return (t, fx * fx + fy * fy)
    }
}

import GeoCore

/// The plain arithmetic routing keeps on already-projected vertices, where GEOS has
/// no equivalent: the running distance at every vertex of an edge.
///
/// GEOS measures a whole line (`GEOSLength_r`, which gives every edge its length) and
/// a point's distance along it (`GEOSProject_r`), but has no call returning the
/// distance of each vertex; cutting an edge between two distances (``EdgeIndex``)
/// needs those to pick the vertices in between, so they are summed here once per
/// edge. The sum runs segment by segment like GEOS's own length, and the tests check
/// it against shapely's `length` and `project`.
enum Polyline {
    /// The cumulative distance at every vertex (first 0, last the length).
    static func cumulativeLengths(_ points: [Coordinate]) -> [Double] {
        var result = [Double](repeating: 0, count: points.count)
        for i in points.indices.dropFirst() { result[i] = result[i - 1] + points[i - 1].distance(to: points[i]) }
        return result
    }

    /// The vertices strictly between distances `low` and `high` along the line.
    static func vertices(
        _ points: [Coordinate], cumulative: [Double], between low: Double, and high: Double
    ) -> ArraySlice<Coordinate> {
        guard let first = cumulative.firstIndex(where: { $0 > low }) else { return [] }
        var end = first
        while end < points.count && cumulative[end] < high { end += 1 }
        return points[first..<end]
    }
}

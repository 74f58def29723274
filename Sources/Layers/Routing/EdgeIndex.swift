import GeoCore

/// The road network's edges as GEOS lines in a GEOS STRtree, for the requests of one
/// thread: snapping a point onto its nearest edge and cutting an edge between two
/// distances along it.
///
/// GEOS does the geometry: the nearest edge comes from ``SpatialIndex/nearest(to:)``
/// (`GEOSSTRtree_nearest_generic_r` with `GEOSDistance_r`), the distance along it
/// from ``Geometry/project(_:)-(Coordinate)`` (`GEOSProject_r`), the cut ends from
/// ``Geometry/coordinate(atDistance:)`` (`GEOSInterpolate_r`). Only the vertices
/// between two cut ends are picked by their running distance (``Polyline``), since
/// GEOS 3.11's C API has no line-substring call.
///
/// GEOS handles belong to one thread, while a ``RoadNetwork`` is a `Sendable` value
/// that many connections route on at once; so each route request makes its own
/// index on the calling thread's ``GEOSContext/current`` and never shares it. That is
/// cheap next to the search itself: the example's 472 edges index in about 0.7 ms in
/// a debug build.
final class EdgeIndex {
    let network: RoadNetwork
    let context: GEOSContext
    /// Edge `i` as a GEOS LineString in the network's CRS.
    private let lines: [Geometry]
    private let tree: SpatialIndex

    /// Builds the lines and the tree.
    /// - Throws: ``GEOSError`` when GEOS cannot make a line or the tree.
    init(network: RoadNetwork, context: GEOSContext) throws(GEOSError) {
        self.network = network
        self.context = context
        lines = try network.edges.map { edge throws(GEOSError) in
            try Geometry(.lineString(edge.points), context: context)
        }
        tree = try SpatialIndex(geometries: lines, context: context)
    }

    /// Where `point` (network CRS) meets the network: the nearest edge, the distance
    /// along it of the edge's point nearest to `point`, and how far `point` is from it;
    /// nil for a network without edges. Among equally near edges GEOS picks one.
    func snap(_ point: Coordinate) throws(GEOSError) -> (edge: Int, offset: Double, distance: Double)? {
        let query = try Geometry(point: point, context: context)
        guard let nearest = try tree.nearest(to: query) else { return nil }
        let edge = network.edges[nearest.index]
        let offset = Swift.min(Swift.max(try lines[nearest.index].project(query), 0), edge.length)
        return (nearest.index, offset, nearest.distance)
    }

    /// The part of `piece.edge` from `piece.from` to `piece.to` (metres along it, clamped
    /// to the edge), reversed when `from > to`: GEOS places both ends, the vertices in
    /// between are the edge's own.
    func cut(_ piece: PathPiece) throws(GEOSError) -> [Coordinate] {
        let edge = network.edges[piece.edge]
        let a = Swift.min(Swift.max(piece.from, 0), edge.length)
        let b = Swift.min(Swift.max(piece.to, 0), edge.length)
        let low = Swift.min(a, b)
        let high = Swift.max(a, b)
        let line = lines[piece.edge]
        var part = [low <= 0 ? edge.points[0] : try line.coordinate(atDistance: low)]
        part += Polyline.vertices(edge.points, cumulative: edge.cumulative, between: low, and: high)
        part.append(high >= edge.length ? edge.points[edge.points.count - 1] : try line.coordinate(atDistance: high))
        return a <= b ? part : part.reversed()
    }
}

/// The result of a nearest-neighbour join: for each left item that found one, its
/// nearest right item and the distance between them.
public struct NearestPairs: Sendable, Hashable {
    /// `(left, nearest right)` pairs, sorted by left index, at most one per left item.
    public internal(set) var pairs: JoinPairs
    /// `distances[k]` is the GEOS distance between the items of `pairs[k]`.
    public internal(set) var distances: [Double]

    /// No pairs.
    public init() {
        pairs = JoinPairs()
        distances = []
    }
}

extension SpatialJoin {
    /// For each point, the nearest of `shapes` by GEOS distance (`GEOSDistance_r`),
    /// found with a GEOS STRtree (`GEOSSTRtree_nearest_generic_r`) per worker thread.
    ///
    /// When several shapes are equally near, GEOS picks one of them.
    /// - Parameters:
    ///   - points: the left items.
    ///   - shapes: the right items; empty shapes are never nearest.
    ///   - maxDistance: when given, points farther than this from every shape get no pair.
    ///   - threads: worker threads (default: every core).
    public static func nearest(
        points: [Coordinate], _ shapes: [Shape], maxDistance: Double? = nil,
        threads: Int? = nil
    ) throws(GEOSError) -> NearestPairs {
        try checkSize(points.count, shapes.count)
        let chunks = try ParallelChunks.run(
            count: points.count, threads: threads, minimumChunk: 256,
            makeState: { () throws(GEOSError) in try JoinKernel(shapes: shapes) },
            process: { kernel, range throws(GEOSError) in
                var result = NearestPairs()
                for i in range {
                    guard let (index, distance) = try kernel.nearest(to: points[i]) else { continue }
                    if let maxDistance, !(distance <= maxDistance) { continue }
                    result.pairs.left.append(Int32(i))
                    result.pairs.right.append(index)
                    result.distances.append(distance)
                }
                return result
            })
        var all = NearestPairs()
        for chunk in chunks {
            all.pairs.append(contentsOf: chunk.pairs)
            all.distances.append(contentsOf: chunk.distances)
        }
        return all
    }
}

/// Spatial joins between two sets: which left items stand in a relation (inside,
/// within a distance, intersecting, …) to which right items, as index pairs.
///
/// The hot path of the layer builders. How it runs:
/// 1. Right items' bounding boxes (grown by the distance for `withinDistance`) go
///    into a uniform grid (``BoxGrid``); a left point finds its candidates in one
///    cell and keeps those whose box holds it.
/// 2. Only then GEOS decides: each candidate pair is tested with the right geometry
///    prepared by `GEOSPrepare_r` (see ``JoinPredicate`` for the C function per
///    predicate), so every answer is GEOS's exact one and the pairs equal those of
///    shapely's `STRtree.query(left, predicate=…)`. Against polygons, most points are
///    settled by the polygon's ``AreaCertificate`` first: a disk GEOS has shown to lie
///    in its interior and a disk holding all its vertices, each with a safety margin,
///    so only points near a boundary cost a GEOS call.
/// 3. Left items are split into chunks run on every core; each worker thread has its
///    own GEOS context and its own prepared geometries (GEOS prepares lazily, so
///    they are never shared).
///
/// Inputs are plain `Sendable` values (``Coordinate``, ``Shape``), so joins can be
/// called from any thread or task. Pairs come back sorted by left, then right index,
/// whatever the number of threads.
///
/// The within-distance point join takes a faster route to the same pairs; see
/// ``pointsWithinDistance(_:of:distance:threads:)``.
///
/// ```swift
/// let inside = try SpatialJoin.pointsInPolygons(pings, districts)
/// for (ping, district) in inside { counts[district] += 1 }
/// let near = try SpatialJoin.pointsWithinDistance(stops, of: homes, distance: 300)
/// ```
public enum SpatialJoin {
    /// Pairs `(point, shape)` where the point relates to the shape by `predicate`
    /// (`point PREDICATE shape`, e.g. `.within` a polygon).
    /// - Parameters:
    ///   - points: the left items.
    ///   - shapes: the right items; empty shapes match nothing.
    ///   - threads: worker threads (default: every core).
    /// - Throws: ``GEOSError`` if GEOS rejects a shape (e.g. an unclosed ring) or a test fails.
    public static func join(
        points: [Coordinate], _ shapes: [Shape], predicate: JoinPredicate,
        threads: Int? = nil
    ) throws(GEOSError) -> JoinPairs {
        try checkSize(points.count, shapes.count)
        if case .withinDistance(let d) = predicate, d >= 0, d.isFinite {
            return try pointsWithinDistanceByCells(points, shapes, distance: d, threads: threads)
        }
        let grid = BoxGrid(boxes: boxes(of: shapes, margin: predicate.margin))
        let chunks = try ParallelChunks.run(
            count: points.count, threads: threads, minimumChunk: 2048,
            makeState: { () throws(GEOSError) in try JoinKernel(shapes: shapes) },
            process: { kernel, range throws(GEOSError) in
                try joinPoints(points, range, grid: grid, kernel: kernel, predicate: predicate)
            })
        return merge(chunks)
    }

    /// Point-in-polygon join: pairs `(point, polygon)` with the point inside the polygon,
    /// not on its boundary (shapely's `within`). Same as `join(points:_:predicate: .within)`.
    public static func pointsInPolygons(
        _ points: [Coordinate], _ polygons: [Shape],
        threads: Int? = nil
    ) throws(GEOSError) -> JoinPairs {
        try join(points: points, polygons, predicate: .within, threads: threads)
    }

    /// Within-distance join: pairs `(point, shape)` whose distance is at most `distance`
    /// (shapely's `dwithin`; a point inside a polygon is at distance 0).
    ///
    /// Against a polygon, its ``AreaCertificate`` settles most points (a point within
    /// `d` of the inner disk is within `d` of the polygon; one farther than `d` from the
    /// outer disk is not). The rest are taken cell by cell: GEOS measures the distance
    /// from one point of a cell to the shape, and since a distance changes no faster
    /// than the points move, that settles most neighbours; GEOS measures every point it
    /// does not settle. The pairs are exactly those of `GEOSDistanceWithin_r` (shapely's
    /// `dwithin`) on every pair.
    public static func pointsWithinDistance(
        _ points: [Coordinate], of shapes: [Shape], distance: Double,
        threads: Int? = nil
    ) throws(GEOSError) -> JoinPairs {
        try join(points: points, shapes, predicate: .withinDistance(distance), threads: threads)
    }

    /// Pairs `(left, right)` of shapes with `left PREDICATE right`.
    public static func join(
        _ left: [Shape], _ right: [Shape], predicate: JoinPredicate,
        threads: Int? = nil
    ) throws(GEOSError) -> JoinPairs {
        try checkSize(left.count, right.count)
        let grid = BoxGrid(boxes: boxes(of: right, margin: predicate.margin))
        let chunks = try ParallelChunks.run(
            count: left.count, threads: threads, minimumChunk: 64,
            makeState: { () throws(GEOSError) in try JoinKernel(shapes: right) },
            process: { kernel, range throws(GEOSError) in
                var pairs = JoinPairs()
                var seen = [Bool](repeating: false, count: right.count)
                var matches: [Int32] = []
                for i in range {
                    guard let box = left[i].boundingBox else { continue }
                    let candidates = grid.candidates(meeting: box, seen: &seen)
                    if candidates.isEmpty { continue }
                    matches.removeAll(keepingCapacity: true)
                    try kernel.match(shape: left[i], candidates: candidates, predicate: predicate, into: &matches)
                    pairs.left.append(contentsOf: repeatElement(Int32(i), count: matches.count))
                    pairs.right.append(contentsOf: matches)
                }
                return pairs
            })
        return merge(chunks)
    }

    /// The same joins with the right side given as GEOS geometries (read into shapes
    /// on the calling thread, then joined on every core).
    public static func join(
        points: [Coordinate], _ geometries: [Geometry], predicate: JoinPredicate,
        threads: Int? = nil
    ) throws(GEOSError) -> JoinPairs {
        let shapes = try geometries.map { g throws(GEOSError) in try g.shape() }
        return try join(points: points, shapes, predicate: predicate, threads: threads)
    }

    // MARK: Internals

    /// The boxes of `shapes` grown by `margin`, plus a sliver so rounding in the
    /// growth can never drop a pair GEOS would accept; nil for empty shapes.
    static func boxes(of shapes: [Shape], margin: Double) -> [BoundingBox?] {
        shapes.map { shape in
            guard let box = shape.boundingBox else { return nil }
            guard margin > 0 else { return box }
            let magnitude = Swift.max(abs(box.minX), abs(box.maxX), abs(box.minY), abs(box.maxY), margin)
            return box.expanded(by: margin + magnitude * 1e-12)
        }
    }

    static func checkSize(_ left: Int, _ right: Int) throws(GEOSError) {
        guard left <= Int(Int32.max), right <= Int(Int32.max) else {
            throw GEOSError(function: "SpatialJoin", message: "a join takes at most \(Int32.max) items a side")
        }
    }

    static func merge(_ chunks: [JoinPairs]) -> JoinPairs {
        var all = JoinPairs()
        let total = chunks.reduce(0) { $0 + $1.count }
        all.left.reserveCapacity(total)
        all.right.reserveCapacity(total)
        for chunk in chunks { all.append(contentsOf: chunk) }
        return all
    }

    /// One chunk of a point join: box filter through the grid, then GEOS on the survivors.
    private static func joinPoints(
        _ points: [Coordinate], _ range: Range<Int>, grid: BoxGrid, kernel: JoinKernel,
        predicate: JoinPredicate
    ) throws(GEOSError) -> JoinPairs {
        var pairs = JoinPairs()
        var matches: [Int32] = []
        let scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: Swift.max(1, grid.maxItemsPerCell))
        defer { scratch.deallocate() }
        for i in range {
            let p = points[i]
            let n = grid.candidates(x: p.x, y: p.y, into: scratch)
            if n == 0 { continue }
            matches.removeAll(keepingCapacity: true)
            try kernel.match(
                point: p, candidates: UnsafeBufferPointer(rebasing: scratch[0..<n]), predicate: predicate,
                into: &matches)
            for m in matches {
                pairs.left.append(Int32(i))
                pairs.right.append(m)
            }
        }
        return pairs
    }
}

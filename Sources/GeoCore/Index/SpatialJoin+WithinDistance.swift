extension SpatialJoin {
    /// The within-distance point join, fast path: neighbouring points share GEOS's work.
    ///
    /// Against polygons, each point is first held against the polygon's
    /// ``AreaCertificate``; only points it does not settle go on.
    ///
    /// Points are grouped into cells of about 32 (``PointCells``). For each cell and each
    /// shape whose grown box meets the cell, GEOS measures the exact distance from one
    /// point of the cell to the shape (`GEOSPreparedDistance_r`). The distance to a
    /// closed set is 1-Lipschitz: |dist(p) − dist(q)| ≤ |p − q|. So every other point
    /// `p` whose bound `dist(q) + |p − q|` is at most `d − ε` is certainly within `d`,
    /// and one with `dist(q) − |p − q| > d + ε` certainly is not; only the rest are
    /// measured by GEOS, and each such measurement becomes one more reference `q`.
    /// `ε` (10⁻⁹ of the largest coordinate or of `d`) dwarfs the rounding of the
    /// distances (about 10⁻¹⁶ of it), so every pair decided by a bound, or by a measured
    /// distance more than `ε` from `d`, is decided as GEOS's `DistanceOp` decides it;
    /// a distance within `ε` of `d` is left to `GEOSDistanceWithin_r` itself, exactly
    /// as shapely's `dwithin` computes it.
    static func pointsWithinDistanceByCells(
        _ points: [Coordinate], _ shapes: [Shape], distance d: Double,
        threads: Int?
    ) throws(GEOSError) -> JoinPairs {
        let boxes = boxes(of: shapes, margin: d)
        let grid = BoxGrid(boxes: boxes)
        let cells = PointCells(points: points, pointsPerCell: 32)
        // The largest coordinate in play sets the scale of rounding in the distances.
        var magnitude = d
        for box in boxes.compactMap({ $0 }) {
            magnitude = Swift.max(magnitude, abs(box.minX), abs(box.maxX), abs(box.minY), abs(box.maxY))
        }
        for p in points where p.isFinite { magnitude = Swift.max(magnitude, abs(p.x), abs(p.y)) }
        let epsilon = magnitude * 1e-9
        let chunks = try ParallelChunks.run(
            count: cells.cellCount, threads: threads, minimumChunk: 64,
            makeState: { () throws(GEOSError) in try JoinKernel(shapes: shapes) },
            process: { kernel, range throws(GEOSError) in
                var worker = CellWorker(
                    kernel: kernel, grid: grid, distance: d, epsilon: epsilon,
                    shapeCount: shapes.count)
                for c in range {
                    let members = cells.order[Int(cells.cellStart[c])..<Int(cells.cellStart[c + 1])]
                    try worker.process(members.map { Int($0) }, points)
                }
                return worker.pairs
            })
        return sortedByLeft(chunks, leftCount: points.count)
    }

    /// Concatenates chunk results and orders them by left index, keeping the order of
    /// pairs with the same left index (a counting sort: one pass to count, one to place).
    static func sortedByLeft(_ chunks: [JoinPairs], leftCount: Int) -> JoinPairs {
        var starts = [Int](repeating: 0, count: leftCount + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            for chunk in chunks {
                chunk.left.withUnsafeBufferPointer { left in
                    for l in left { starts[Int(l) + 1] += 1 }
                }
            }
            for i in 0..<leftCount { starts[i + 1] += starts[i] }
        }
        let total = starts[leftCount]
        var left = [Int32](repeating: 0, count: total)
        var right = [Int32](repeating: 0, count: total)
        starts.withUnsafeMutableBufferPointer { starts in
            left.withUnsafeMutableBufferPointer { outLeft in
                right.withUnsafeMutableBufferPointer { outRight in
                    for chunk in chunks {
                        chunk.left.withUnsafeBufferPointer { inLeft in
                            chunk.right.withUnsafeBufferPointer { inRight in
                                for k in 0..<inLeft.count {
                                    let l = Int(inLeft[k])
                                    outLeft[starts[l]] = inLeft[k]
                                    outRight[starts[l]] = inRight[k]
                                    starts[l] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return JoinPairs(unchecked: left, right)
    }
}

/// One worker's state for the cell-wise within-distance join.
private struct CellWorker {
    let kernel: JoinKernel
    let grid: BoxGrid
    let distance: Double
    let epsilon: Double
    var pairs = JoinPairs()
    var seen: [Bool]
    // Reference points of the current (cell, shape): position and GEOS distance.
    var refX: [Double] = []
    var refY: [Double] = []
    var refD: [Double] = []
    /// Points of the current (cell, shape) that its certificate did not settle.
    var pending: [Int] = []

    init(kernel: JoinKernel, grid: BoxGrid, distance: Double, epsilon: Double, shapeCount: Int) {
        self.kernel = kernel
        self.grid = grid
        self.distance = distance
        self.epsilon = epsilon
        self.seen = [Bool](repeating: false, count: shapeCount)
    }

    /// Finds every (point, shape) pair within the distance for the points of one cell.
    mutating func process(_ members: [Int], _ points: [Coordinate]) throws(GEOSError) {
        guard let first = members.first else { return }
        var box = BoundingBox(
            minX: points[first].x, minY: points[first].y, maxX: points[first].x,
            maxY: points[first].y)
        for i in members { box = box.extended(by: points[i]) }
        let candidates = grid.candidates(meeting: box, seen: &seen)
        if candidates.isEmpty { return }
        let middle = box.center
        let d = distance
        let eps = epsilon

        for j in candidates {
            guard let shapeBox = grid.boxes[Int(j)] else { continue }
            // A polygon's certificate settles most points by itself: the shape holds a
            // disk of radius `inner` and lies in one of radius `outer`, both around `c`.
            pending.removeAll(keepingCapacity: true)
            let certificate = try kernel.certificate(Int(j))
            for i in members {
                let p = points[i]
                guard shapeBox.contains(p) else { continue }
                if let certificate {
                    let dx = p.x - certificate.cx
                    let dy = p.y - certificate.cy
                    let fromCenter = (dx * dx + dy * dy).squareRoot()
                    if certificate.inner > 0 && fromCenter - certificate.inner <= d - eps {
                        record(i, j)
                        continue
                    }
                    if fromCenter - certificate.outer > d + eps { continue }
                }
                pending.append(i)
            }
            guard let firstPending = pending.first else { continue }
            // The rest: the reference is the pending point nearest the middle of the cell.
            var anchor = firstPending
            for i in pending where points[i].distance(to: middle) < points[anchor].distance(to: middle) {
                anchor = i
            }
            let a = points[anchor]
            var reach = 0.0
            for i in pending { reach = Swift.max(reach, points[i].distance(to: a)) }
            let anchorDistance = try kernel.distance(from: a, toRight: Int(j))
            if try decide(anchorDistance, a, Int(j)) { record(anchor, j) }
            if anchorDistance - reach > d + eps { continue }
            if anchorDistance + reach <= d - eps {
                for i in pending where i != anchor { record(i, j) }
                continue
            }
            refX.removeAll(keepingCapacity: true)
            refY.removeAll(keepingCapacity: true)
            refD.removeAll(keepingCapacity: true)
            refX.append(a.x)
            refY.append(a.y)
            refD.append(anchorDistance)
            for i in pending where i != anchor {
                if try isWithin(points[i], Int(j)) { record(i, j) }
            }
        }
    }

    /// Whether `p` is within the distance of shape `j`: by a Lipschitz bound from a
    /// reference point when one decides, else by GEOS (which adds a reference).
    private mutating func isWithin(_ p: Coordinate, _ j: Int) throws(GEOSError) -> Bool {
        let d = distance
        let eps = epsilon
        for k in refD.indices {
            let dx = p.x - refX[k]
            let dy = p.y - refY[k]
            let gap = (dx * dx + dy * dy).squareRoot()
            if refD[k] + gap <= d - eps { return true }
            if refD[k] - gap > d + eps { return false }
        }
        let exact = try kernel.distance(from: p, toRight: j)
        refX.append(p.x)
        refY.append(p.y)
        refD.append(exact)
        return try decide(exact, p, j)
    }

    /// `distance ≤ d` from a GEOS distance value, or, when the value lies within `ε` of
    /// `d`, from GEOS's own within-distance test (`DistanceOp`, as shapely computes it:
    /// the prepared value may differ from it in the last bits).
    private func decide(_ value: Double, _ p: Coordinate, _ j: Int) throws(GEOSError) -> Bool {
        if abs(value - distance) > epsilon { return value <= distance }
        return try kernel.isWithinDistance(distance, from: p, toRight: j)
    }

    private mutating func record(_ point: Int, _ shape: Int32) {
        pairs.left.append(Int32(point))
        pairs.right.append(shape)
    }
}

import GeoCore

/// Counts lon/lat points into the cells of a metric grid on every core: the
/// projection-and-binning step of child-traffic aggregation.
///
/// Each thread projects its share of the points with its own PROJ transformer (no
/// PROJ object is shared) and counts them into its own array; the arrays are summed
/// at the end. With a ``ProjectionLattice`` (the default), points are projected by
/// interpolating PROJ's answers on the lattice (within 1 mm of PROJ, measured); points
/// outside the lattice, and every point without one, go through PROJ's batch
/// transform (`proj_trans_generic`, in blocks of 64 Ki points).
public struct PointBinner: Sendable {
    /// The grid whose cells are counted (its values are ignored).
    public let frame: MetricGrid
    /// lon/lat (WGS 84) → the frame's CRS.
    public let transform: CRSTransform
    /// The interpolation lattice over the frame's lon/lat footprint, or nil to run
    /// every point through PROJ.
    public let lattice: ProjectionLattice?
    /// `lattice` with its nodes in the frame's cell units.
    let cellLattice: ProjectionLattice?

    /// How points are projected.
    public enum Projection: Sendable, Hashable {
        /// Every point through PROJ's batch transform.
        case exact
        /// PROJ's answers on a lattice, interpolated, refined to the tolerance in metres.
        case lattice(tolerance: Double)
    }

    /// Prepares the transform (and lattice) for `frame`.
    ///
    /// - Throws: ``PROJError`` when PROJ cannot transform lon/lat into the frame's CRS.
    public init(frame: MetricGrid, projection: Projection = .lattice(tolerance: 0.001)) throws(PROJError) {
        self.frame = frame
        let transform = try CRSTransform(from: CRS.wgs84, to: CRS(frame.crs))
        self.transform = transform
        switch projection {
        case .exact:
            lattice = nil
        case .lattice(let tolerance):
            let footprint = try transform.inverse.transform(frame.extent, densifyPoints: 21)
            lattice = try ProjectionLattice(
                transform: transform, bounds: footprint.expanded(by: 1e-4),
                tolerance: tolerance)
        }
        cellLattice = lattice?.rescaled(originX: frame.originX, originY: frame.originY, scale: 1 / frame.cellSize)
    }

    /// Counts the points (parallel arrays of longitudes and latitudes in degrees).
    ///
    /// - Returns: per-cell counts (row-major like the frame) and how many points fell
    ///   inside and outside the frame (points PROJ cannot transform count as outside).
    public func count(lons: [Double], lats: [Double]) -> PointCounts {
        let total = Swift.min(lons.count, lats.count)
        let cells = frame.columns * frame.rows
        let empty = PointCounts(counts: [UInt32](repeating: 0, count: cells), inside: 0, outside: 0)
        let partials = GridParallel.fold(count: total, chunkSize: 1 << 18, initial: empty) { state, range in
            countChunk(lons: lons, lats: lats, range: range, into: &state)
        }
        guard var merged = partials.first else {
            return PointCounts(counts: [UInt32](repeating: 0, count: cells), inside: 0, outside: 0)
        }
        for partial in partials.dropFirst() {
            merged.inside += partial.inside
            merged.outside += partial.outside
            merged.counts.withUnsafeMutableBufferPointer { sum in
                partial.counts.withUnsafeBufferPointer { add in
                    for i in 0..<sum.count { sum[i] &+= add[i] }
                }
            }
        }
        return merged
    }

    /// One chunk: the lattice first (its nodes in cell units, so an interpolated
    /// position is the cell), PROJ for the points outside it or without one.
    private func countChunk(lons: [Double], lats: [Double], range: Range<Int>, into state: inout PointCounts) {
        var inside = 0
        var pending: [Coordinate] = []
        let binning = CellBinning(frame: frame)
        let columns = frame.columns
        let rows = Double(frame.rows)
        let width = Double(frame.columns)
        state.counts.withUnsafeMutableBufferPointer { cells in
            if let cellLattice {
                cellLattice.withInterpolator { interpolator in
                    lons.withUnsafeBufferPointer { lon in
                        lats.withUnsafeBufferPointer { lat in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: range.count) { misses in
                                let result = Self.binLattice(
                                    lon: lon, lat: lat, range: range, interpolator: interpolator,
                                    columns: columns, width: width, rows: rows, cells: cells,
                                    misses: misses)
                                inside += result.inside
                                for index in misses.prefix(result.misses) {
                                    pending.append(Coordinate(x: lon[index], y: lat[index]))
                                }
                            }
                        }
                    }
                }
                projectExactly(&pending)
                inside += binning.add(pending, to: cells)
            } else {
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = Swift.min(range.upperBound, start + (1 << 16))
                    pending.removeAll(keepingCapacity: true)
                    for i in start..<end { pending.append(Coordinate(x: lons[i], y: lats[i])) }
                    projectExactly(&pending)
                    inside += binning.add(pending, to: cells)
                    start = end
                }
            }
        }
        state.inside += inside
        state.outside += range.count - inside
    }

    /// The hot loop: interpolate, bin, and only note the index of a point outside the
    /// lattice. No call and no heap access besides the counts, so the counters stay
    /// in registers.
    private static func binLattice(
        lon: UnsafeBufferPointer<Double>, lat: UnsafeBufferPointer<Double>, range: Range<Int>,
        interpolator: LatticeInterpolator, columns: Int, width: Double, rows: Double,
        cells: UnsafeMutableBufferPointer<UInt32>,
        misses: UnsafeMutableBufferPointer<Int>
    ) -> (inside: Int, misses: Int) {
        var inside = 0
        var missed = 0
        for i in range {
            guard let p = interpolator.project(lon: lon[i], lat: lat[i]) else {
                misses[missed] = i
                missed &+= 1
                continue
            }
            if p.x >= 0 && p.y >= 0 && p.x < width && p.y < rows {  // cell units
                cells[Int(p.y) &* columns &+ Int(p.x)] &+= 1
                inside &+= 1
            }
        }
        return (inside, missed)
    }

    /// PROJ's batch transform on this thread's transformer; failures stay non-finite.
    private func projectExactly(_ points: inout [Coordinate]) {
        guard !points.isEmpty else { return }
        do {
            try transform.transform(&points, policy: .keepNonFinite)
        } catch {
            // Only a transformer that cannot be made lands here (validated in init):
            // then no point of the batch has a position.
            for i in points.indices { points[i] = Coordinate(x: .nan, y: .nan) }
        }
    }
}

/// Points counted per cell of a metric grid.
public struct PointCounts: Sendable, Hashable {
    /// Row-major counts, `frame.columns × frame.rows`.
    public var counts: [UInt32]
    /// Points that fell in a cell.
    public var inside: Int
    /// Points outside the grid (or that PROJ could not transform).
    public var outside: Int
}

/// Which cell of a frame a projected position falls in.
private struct CellBinning {
    let originX: Double
    let originY: Double
    let inverseCell: Double
    let columns: Int
    let rows: Int

    init(frame: MetricGrid) {
        originX = frame.originX
        originY = frame.originY
        inverseCell = 1 / frame.cellSize
        columns = frame.columns
        rows = frame.rows
    }

    /// The row-major cell index, or nil outside the frame (or for a non-finite position).
    @inline(__always)
    func cell(_ x: Double, _ y: Double) -> Int? {
        let u = (x - originX) * inverseCell
        let v = (y - originY) * inverseCell
        guard u >= 0, v >= 0, u < Double(columns), v < Double(rows) else { return nil }
        return Int(v) * columns + Int(u)
    }

    /// Counts `points` into `cells`; returns how many fell inside.
    func add(_ points: [Coordinate], to cells: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var found = 0
        for p in points {
            guard let cell = cell(p.x, p.y) else { continue }
            cells[cell] &+= 1
            found += 1
        }
        return found
    }
}

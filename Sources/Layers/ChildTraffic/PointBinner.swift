import GeoCore

/// Counts lon/lat points into the cells of a metric grid on every core: the
/// projection-and-binning step of child-traffic aggregation.
///
/// By default points are projected with a ``ProjectionFit`` (a polynomial fitted to
/// PROJ's answers over the frame's lon/lat footprint, checked to be within 1 mm of PROJ)
/// evaluated by ``CellKernel`` two points per instruction, one worker per core, each
/// counting into its own array; the arrays are summed at the end. `.exact` runs every
/// point through PROJ's batch transform (`proj_trans_generic`, in blocks of 64 Ki
/// points) on each thread's own transformer instead.
///
/// Accuracy of the default: a point's computed position is within ``ProjectionFit/measuredError``
/// of PROJ's (under 4 µm over Nagai), so only a point that close to a cell edge can be
/// counted in the neighbouring cell; the counts equal per-point PROJ binning except for
/// such points (about `4·error/cellSize` of them, well under one in a million here).
/// Points outside the fit's lon/lat box are outside the frame: the box is the frame's
/// footprint as PROJ computes it from 101 points per edge, widened by 10⁻⁴° (about 10 m).
public struct PointBinner: Sendable {
    /// The grid whose cells are counted (its values are ignored).
    public let frame: MetricGrid
    /// lon/lat (WGS 84) → the frame's CRS.
    public let transform: CRSTransform
    /// The polynomial fit over the frame's lon/lat footprint, or nil to run every point
    /// through PROJ.
    public let fit: ProjectionFit?
    /// The hot loop for `fit` (nil with `fit`).
    let kernel: CellKernel?

    /// How points are projected.
    public enum Projection: Sendable, Hashable {
        /// Every point through PROJ's batch transform.
        case exact
        /// A polynomial fitted to PROJ, checked to be within the tolerance in metres.
        case fitted(tolerance: Double)
    }

    /// The widening of the footprint box, in degrees.
    public static let footprintMargin = 1e-4

    /// Prepares the transform (and fit) for `frame`.
    ///
    /// With `.fitted`, a frame no polynomial can fit (see ``ProjectionFit/init(transform:bounds:tolerance:)``)
    /// or with more than 2³¹ cells is counted with PROJ per point.
    ///
    /// - Throws: ``PROJError`` when PROJ cannot transform lon/lat into the frame's CRS.
    public init(frame: MetricGrid, projection: Projection = .fitted(tolerance: 0.001)) throws(PROJError) {
        self.frame = frame
        let transform = try CRSTransform(from: CRS.wgs84, to: CRS(frame.crs))
        self.transform = transform
        switch projection {
        case .exact:
            fit = nil
        case .fitted(let tolerance):
            let footprint = try transform.inverse.transform(frame.extent, densifyPoints: 101)
            fit = try ProjectionFit(
                transform: transform, bounds: footprint.expanded(by: Self.footprintMargin), tolerance: tolerance)
        }
        kernel = fit.flatMap {
            CellKernel(
                cellFit: $0.rescaled(originX: frame.originX, originY: frame.originY, scale: 1 / frame.cellSize),
                columns: frame.columns, rows: frame.rows)
        }
    }

    /// Points per chunk handed to a worker.
    static let chunkSize = 1 << 18

    /// Counts the points (parallel arrays of longitudes and latitudes in degrees).
    ///
    /// - Returns: per-cell counts (row-major like the frame) and how many points fell
    ///   inside and outside the frame (non-finite points, and points PROJ cannot
    ///   transform, count as outside).
    public func count(lons: [Double], lats: [Double]) -> PointCounts {
        let total = Swift.min(lons.count, lats.count)
        guard let layout = PaddedCounts(columns: frame.columns, rows: frame.rows) else {
            return PointCounts(counts: [], inside: 0, outside: total)
        }
        // Each worker's counts, with the ring that collects the points outside.
        let partials = GridParallel.fold(count: total, chunkSize: Self.chunkSize, initial: [UInt32]()) {
            counts, range in
            if counts.isEmpty { counts = [UInt32](repeating: 0, count: layout.count) }
            countChunk(lons: lons, lats: lats, range: range, layout: layout, into: &counts)
        }
        let (counts, inside) = layout.merge(partials)
        return PointCounts(counts: counts, inside: inside, outside: total - inside)
    }

    /// One chunk into `counts` (laid out as `layout`).
    private func countChunk(
        lons: [Double], lats: [Double], range: Range<Int>, layout: PaddedCounts, into counts: inout [UInt32]
    ) {
        counts.withUnsafeMutableBufferPointer { counts in
            guard let cells = counts.baseAddress else { return }
            lons.withUnsafeBufferPointer { lon in
                lats.withUnsafeBufferPointer { lat in
                    guard let lon = lon.baseAddress, let lat = lat.baseAddress else { return }
                    if let kernel {
                        kernel.count(
                            lon: lon + range.lowerBound, lat: lat + range.lowerBound, count: range.count, into: cells)
                    } else {
                        countExactly(lon: lon, lat: lat, range: range, layout: layout, into: cells)
                    }
                }
            }
        }
    }

    /// PROJ's batch transform on this thread's transformer, 64 Ki points at a time.
    private func countExactly(
        lon: UnsafePointer<Double>, lat: UnsafePointer<Double>, range: Range<Int>, layout: PaddedCounts,
        into cells: UnsafeMutablePointer<UInt32>
    ) {
        let binning = CellBinning(frame: frame, layout: layout)
        var points: [Coordinate] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Swift.min(range.upperBound, start + (1 << 16))
            points.removeAll(keepingCapacity: true)
            for i in start..<end { points.append(Coordinate(x: lon[i], y: lat[i])) }
            do {
                try transform.transform(&points, policy: .keepNonFinite)
            } catch {
                // Only a transformer that cannot be made lands here (validated in init):
                // then no point of the batch has a position.
                for i in points.indices { points[i] = Coordinate(x: .nan, y: .nan) }
            }
            for p in points { cells[binning.index(p.x, p.y)] &+= 1 }
            start = end
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

/// Which count a projected position adds to (a ``PaddedCounts`` index).
private struct CellBinning {
    let originX: Double
    let originY: Double
    let inverseCell: Double
    let layout: PaddedCounts

    init(frame: MetricGrid, layout: PaddedCounts) {
        originX = frame.originX
        originY = frame.originY
        inverseCell = 1 / frame.cellSize
        self.layout = layout
    }

    /// The count index of a position (the ring's ``PaddedCounts/outside`` outside the
    /// frame or for a non-finite position).
    @inline(__always)
    func index(_ x: Double, _ y: Double) -> Int {
        let u = (x - originX) * inverseCell
        let v = (y - originY) * inverseCell
        guard u >= 0, v >= 0, u < Double(layout.columns), v < Double(layout.rows) else { return PaddedCounts.outside }
        return layout.index(column: Int(u), row: Int(v))
    }
}

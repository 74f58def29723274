import GeoCore

/// PROJ's lon/lat → metres transform, evaluated by PROJ on a lattice over an area and
/// interpolated bilinearly in between, with its error against PROJ measured.
///
/// Binning millions of GPS pings into metric cells needs only each ping's cell, and
/// `proj_trans_generic` runs at about 5 M points/s a core here: the projection would
/// be most of the work. Over a city-sized area the projection is so smooth that
/// bilinear interpolation between PROJ-computed nodes a few hundred metres apart
/// reproduces it to well under a millimetre (GDAL's approximate transformer in
/// `gdalwarp` relies on the same fact). Nothing here is a projection formula: every
/// node is PROJ's answer, and the lattice refines itself until PROJ's answers at
/// every cell centre and edge midpoint (where bilinear error peaks) agree with the
/// interpolation to within `tolerance`.
///
/// Points outside the lattice get no answer (`nil`); callers project those with PROJ.
public struct ProjectionLattice: Sendable {
    /// The lon/lat area the lattice covers.
    public let bounds: BoundingBox
    /// The largest difference from PROJ seen at the check points, in metres.
    public let measuredError: Double
    /// Node spacing in degrees.
    public let step: Double
    /// Nodes per row and per column.
    let nodeColumns: Int
    let nodeRows: Int
    /// Projected node coordinates, row-major from the south-west node.
    let nodeX: [Double]
    let nodeY: [Double]

    /// The most nodes a lattice may have (32 MB of coordinates).
    public static let maximumNodes = 2_000_000

    /// Builds the lattice, halving its spacing until the interpolation matches PROJ
    /// within `tolerance` metres everywhere it was checked.
    ///
    /// - Parameters:
    ///   - transform: lon/lat → projected metres.
    ///   - bounds: the lon/lat area to cover.
    ///   - tolerance: the largest acceptable difference from PROJ, in metres (default 1 mm).
    /// - Returns: nil when no lattice of at most ``maximumNodes`` nodes reaches the
    ///   tolerance (a continental area, or a CRS that bends sharply there); project
    ///   with PROJ directly then.
    /// - Throws: ``PROJError`` when PROJ cannot transform a node.
    public init?(transform: CRSTransform, bounds: BoundingBox, tolerance: Double = 0.001) throws(PROJError) {
        guard bounds.isValid, bounds.width > 0, bounds.height > 0 else { return nil }
        var step = Swift.min(0.02, Swift.max(bounds.width, bounds.height) / 4)
        while true {
            let columns = Int((bounds.width / step).rounded(.up)) + 1, rows = Int((bounds.height / step).rounded(.up)) + 1
            guard columns * rows <= Self.maximumNodes else { return nil }
            var nodes: [Coordinate] = []
            nodes.reserveCapacity(columns * rows)
            for row in 0..<rows {
                for column in 0..<columns {
                    nodes.append(Coordinate(x: bounds.minX + Double(column) * step, y: bounds.minY + Double(row) * step))
                }
            }
            try transform.transform(&nodes)
            let candidate = ProjectionLattice(bounds: bounds, step: step, columns: columns, rows: rows, nodes: nodes)
            let error = try candidate.checkError(transform)
            if error <= tolerance {
                self = ProjectionLattice(bounds: bounds, step: step, columns: columns, rows: rows, nodes: nodes,
                                         measuredError: error)
                return
            }
            step /= 2
        }
    }

    private init(bounds: BoundingBox, step: Double, columns: Int, rows: Int, nodes: [Coordinate],
                 measuredError: Double = .infinity) {
        self.bounds = bounds
        self.step = step
        self.nodeColumns = columns
        self.nodeRows = rows
        self.nodeX = nodes.map(\.x)
        self.nodeY = nodes.map(\.y)
        self.measuredError = measuredError
    }

    /// The largest distance between interpolation and PROJ at every cell centre and
    /// every edge midpoint of the lattice.
    private func checkError(_ transform: CRSTransform) throws(PROJError) -> Double {
        var probes: [Coordinate] = []
        for row in 0..<nodeRows {
            for column in 0..<nodeColumns {
                let x = bounds.minX + Double(column) * step, y = bounds.minY + Double(row) * step
                if column + 1 < nodeColumns { probes.append(Coordinate(x: x + step / 2, y: y)) }
                if row + 1 < nodeRows { probes.append(Coordinate(x: x, y: y + step / 2)) }
                if column + 1 < nodeColumns, row + 1 < nodeRows {
                    probes.append(Coordinate(x: x + step / 2, y: y + step / 2))
                }
            }
        }
        let exact = try transform.transformed(probes)
        var worst = 0.0
        for (probe, truth) in zip(probes, exact) {
            guard let guess = project(lon: probe.x, lat: probe.y) else { continue }
            worst = Swift.max(worst, guess.distance(to: truth))
        }
        return worst
    }

    /// The projected position of a lon/lat point, or nil outside the lattice.
    public func project(lon: Double, lat: Double) -> Coordinate? {
        withInterpolator { $0.project(lon: lon, lat: lat) }
    }

    /// Runs `body` with a view of the nodes that needs no reference counting per
    /// point (for hot loops on several threads, where retaining the shared node
    /// arrays per call would bounce their reference count between cores).
    func withInterpolator<R>(_ body: (LatticeInterpolator) -> R) -> R {
        nodeX.withUnsafeBufferPointer { xs in
            nodeY.withUnsafeBufferPointer { ys in
                body(LatticeInterpolator(minLon: bounds.minX, minLat: bounds.minY, inverseStep: 1 / step,
                                         columns: nodeColumns, rows: nodeRows, xs: xs, ys: ys))
            }
        }
    }
}

/// Bilinear interpolation on a ``ProjectionLattice``'s nodes, valid only inside
/// `ProjectionLattice.withInterpolator`.
struct LatticeInterpolator {
    let minLon: Double
    let minLat: Double
    let inverseStep: Double
    let columns: Int
    let rows: Int
    let xs: UnsafeBufferPointer<Double>
    let ys: UnsafeBufferPointer<Double>

    /// The interpolated position, or nil outside the lattice.
    @inline(__always)
    func project(lon: Double, lat: Double) -> Coordinate? {
        let u = (lon - minLon) * inverseStep, v = (lat - minLat) * inverseStep
        guard u >= 0, v >= 0, u <= Double(columns - 1), v <= Double(rows - 1) else { return nil }
        let i = Swift.min(Int(u), columns - 2), j = Swift.min(Int(v), rows - 2)
        let fu = u - Double(i), fv = v - Double(j)
        let a = j * columns + i, b = a + columns
        let x = (1 - fv) * ((1 - fu) * xs[a] + fu * xs[a + 1]) + fv * ((1 - fu) * xs[b] + fu * xs[b + 1])
        let y = (1 - fv) * ((1 - fu) * ys[a] + fu * ys[a + 1]) + fv * ((1 - fu) * ys[b] + fu * ys[b + 1])
        return Coordinate(x: x, y: y)
    }
}

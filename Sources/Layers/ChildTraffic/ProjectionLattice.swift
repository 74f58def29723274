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
    public private(set) var measuredError: Double
    /// Node spacing in degrees.
    public let step: Double
    /// Nodes per row and per column.
    let nodeColumns: Int
    let nodeRows: Int
    /// One bilinear patch per lattice cell, row-major from the south-west cell: each
    /// in one 64-byte block, so interpolating a point reads one cache line.
    private(set) var patches: [LatticePatch]

    /// The most nodes a lattice may have (32 MB of patches).
    public static let maximumNodes = 500_000

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
            let columns = Int((bounds.width / step).rounded(.up)) + 1
            let rows = Int((bounds.height / step).rounded(.up)) + 1
            guard columns * rows <= Self.maximumNodes else { return nil }
            var nodes: [Coordinate] = []
            nodes.reserveCapacity(columns * rows)
            for row in 0..<rows {
                for column in 0..<columns {
                    nodes.append(
                        Coordinate(x: bounds.minX + Double(column) * step, y: bounds.minY + Double(row) * step))
                }
            }
            try transform.transform(&nodes)
            let candidate = ProjectionLattice(bounds: bounds, step: step, columns: columns, rows: rows, nodes: nodes)
            let error = try candidate.checkError(transform)
            if error <= tolerance {
                self = candidate
                self.measuredError = error
                return
            }
            step /= 2
        }
    }

    /// The same lattice with every node mapped to `((x − originX)·scale, (y − originY)·scale)`:
    /// with a grid's origin and `1 / cellSize`, interpolated positions are cell units.
    func rescaled(originX: Double, originY: Double, scale: Double) -> ProjectionLattice {
        let origin = SIMD2(originX, originY)
        var copy = self
        copy.patches = patches.map {
            LatticePatch(base: ($0.base - origin) * scale, du: $0.du * scale, dv: $0.dv * scale, duv: $0.duv * scale)
        }
        copy.measuredError = measuredError * scale
        return copy
    }

    private init(bounds: BoundingBox, step: Double, columns: Int, rows: Int, nodes: [Coordinate]) {
        self.bounds = bounds
        self.step = step
        self.nodeColumns = columns
        self.nodeRows = rows
        var patches: [LatticePatch] = []
        patches.reserveCapacity((columns - 1) * (rows - 1))
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let a = nodes[j * columns + i]
                let b = nodes[j * columns + i + 1]
                let c = nodes[(j + 1) * columns + i]
                let d = nodes[(j + 1) * columns + i + 1]
                let p00 = SIMD2(a.x, a.y)
                let p10 = SIMD2(b.x, b.y)
                let p01 = SIMD2(c.x, c.y)
                let p11 = SIMD2(d.x, d.y)
                patches.append(LatticePatch(base: p00, du: p10 - p00, dv: p01 - p00, duv: p11 - p10 - p01 + p00))
            }
        }
        self.patches = patches
        self.measuredError = .infinity
    }

    /// The largest distance between interpolation and PROJ at every cell centre and
    /// every edge midpoint of the lattice.
    private func checkError(_ transform: CRSTransform) throws(PROJError) -> Double {
        var probes: [Coordinate] = []
        for row in 0..<nodeRows {
            for column in 0..<nodeColumns {
                let x = bounds.minX + Double(column) * step
                let y = bounds.minY + Double(row) * step
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
        withInterpolator { $0.project(lon: lon, lat: lat).map { Coordinate(x: $0.x, y: $0.y) } }
    }

    /// Runs `body` with a view of the patches that needs no reference counting per
    /// point (for hot loops on several threads, where retaining the shared array per
    /// call would bounce its reference count between cores).
    func withInterpolator<R>(_ body: (LatticeInterpolator) -> R) -> R {
        patches.withUnsafeBufferPointer { patches in
            body(
                LatticeInterpolator(
                    minLon: bounds.minX, minLat: bounds.minY, inverseStep: 1 / step,
                    cellColumns: nodeColumns - 1, cellRows: nodeRows - 1, patches: patches))
        }
    }
}

/// The bilinear map of one lattice cell: `p(u, v) = base + du·u + dv·v + duv·u·v` for
/// `u, v` in 0…1 across the cell (exactly PROJ's values at the four corners).
struct LatticePatch: Sendable, Hashable {
    var base: SIMD2<Double>
    var du: SIMD2<Double>
    var dv: SIMD2<Double>
    var duv: SIMD2<Double>
}

/// Bilinear interpolation on a ``ProjectionLattice``'s patches, valid only inside
/// `ProjectionLattice.withInterpolator`.
struct LatticeInterpolator {
    let minLon: Double
    let minLat: Double
    let inverseStep: Double
    let cellColumns: Int
    let cellRows: Int
    let patches: UnsafeBufferPointer<LatticePatch>

    /// The interpolated position, or nil outside the lattice.
    @inline(__always)
    func project(lon: Double, lat: Double) -> SIMD2<Double>? {
        let u = (lon - minLon) * inverseStep
        let v = (lat - minLat) * inverseStep
        guard u >= 0, v >= 0, u <= Double(cellColumns), v <= Double(cellRows) else { return nil }
        let i = Swift.min(Int(u), cellColumns &- 1)
        let j = Swift.min(Int(v), cellRows &- 1)
        let fu = u - Double(i)
        let fv = v - Double(j)
        let patch = patches[j &* cellColumns &+ i]
        return patch.base + patch.du * fu + patch.dv * fv + patch.duv * (fu * fv)
    }
}

/// Two points at a time, as the lanes of one SSE2 register.
typealias PointPair = SIMD2<Double>

/// The hot loop of ``PointBinner``: lon/lat → fitted polynomial in cell units → count
/// index, two points per instruction, with no branch and no call per point.
///
/// It evaluates both polynomials by Horner's rule on `SIMD2<Double>` lanes (the x86-64
/// baseline has 128-bit vectors, so two doubles per instruction; no FMA), then turns
/// each position into a count index with floating-point operations only:
///
/// - *Inside tests* as `|offset| < half` (a NaN compares false, so non-finite inputs
///   fall out): once on the lon/lat offsets (the fit is only valid inside its bounds)
///   and once on the cell position.
/// - *Cell* by adding `1.5·2⁵²`: the sum's last mantissa bits are then the value rounded
///   to the nearest integer (ties to even). The constant terms are shifted (y by −½, x
///   by −½ + 1, the 1 making room for index 0), so rounding gives the floor of the cell
///   position for every value except one lying exactly on a cell edge, which may go to
///   either side (such a point is 0 m from the edge, within any stated tolerance). The
///   lanes are combined as `row·columns + column` (exact in doubles), masked to 0 where
///   a test failed, and the index read from the sum's low 32 bits.
///
/// Index 0 counts every point outside (the frame, the fit, or non-finite); cell
/// `(column, row)` is index `1 + row·columns + column`.
struct CellKernel: Sendable {
    /// Centre and half-size of the fitted lon/lat box.
    let lonCentre, latCentre, lonHalf, latHalf: PointPair
    /// Centre and half-size of the frame in the kernel's shifted cell units.
    let xCentre, yCentre, xHalf, yHalf: PointPair
    let columns: PointPair
    let degree: Int
    /// Polynomial coefficients in Horner order (``FittedPolynomial``), each in both lanes,
    /// giving `column + ½` for x and `row − ½` for y.
    let x: [PointPair]
    let y: [PointPair]

    /// 1.5·2⁵²: adding it rounds any |value| < 2⁵¹ to an integer in the low mantissa bits.
    static let rounding = PointPair(repeating: 6_755_399_441_055_744)

    /// The kernel for a fit whose outputs are cell units of a `columns × rows` grid
    /// (cell (c, r) spanning `[c, c+1) × [r, r+1)`), or nil for a grid too large for
    /// 32-bit indices.
    init?(cellFit fit: ProjectionFit, columns: Int, rows: Int) {
        guard columns > 0, rows > 0, columns.multipliedReportingOverflow(by: rows).partialValue < Int(Int32.max),
            !columns.multipliedReportingOverflow(by: rows).overflow
        else { return nil }
        let polynomial = fit.polynomial.mapped(x: (1, 0.5), y: (1, -0.5))
        lonCentre = PointPair(repeating: polynomial.centre.x)
        latCentre = PointPair(repeating: polynomial.centre.y)
        lonHalf = PointPair(repeating: fit.bounds.width / 2)
        latHalf = PointPair(repeating: fit.bounds.height / 2)
        // x + ½ inside (0, W) ⇔ x' in (½, W + ½); y − ½ in (−½, H − ½).
        xCentre = PointPair(repeating: (Double(columns) + 1) / 2)
        yCentre = PointPair(repeating: (Double(rows) - 1) / 2)
        xHalf = PointPair(repeating: Double(columns) / 2)
        yHalf = PointPair(repeating: Double(rows) / 2)
        self.columns = PointPair(repeating: Double(columns))
        degree = polynomial.degree
        x = polynomial.x.map { PointPair(repeating: $0) }
        y = polynomial.y.map { PointPair(repeating: $0) }
    }

    /// Counts `count` points from `lon` and `lat` into `cells` (index 0: outside).
    func count(
        lon: UnsafePointer<Double>, lat: UnsafePointer<Double>, count: Int, into cells: UnsafeMutablePointer<UInt32>
    ) {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                guard let xs = x.baseAddress, let ys = y.baseAddress else { return }
                if degree == 3, x.count == 10, y.count == 10 {
                    Self.bin(CubicPair(x: xs, y: ys), self, lon, lat, count, cells)
                } else {
                    Self.bin(GeneralPair(degree: degree, x: xs, y: ys), self, lon, lat, count, cells)
                }
            }
        }
    }

    /// Points per block: each block is projected, then indexed, then counted, in three
    /// short loops over L1-resident scratch (splitting the long floating-point chains
    /// from the scattered increments lets the core overlap far more of both: measured
    /// 30 % faster than one fused loop here).
    static let block = 1024

    /// The three passes over every block of `count` points.
    @inline(__always)
    private static func bin<P: PairPolynomial>(
        _ polynomial: P, _ kernel: CellKernel, _ lon: UnsafePointer<Double>, _ lat: UnsafePointer<Double>,
        _ count: Int, _ cells: UnsafeMutablePointer<UInt32>
    ) {
        withUnsafeTemporaryAllocation(of: PointPair.self, capacity: block) { positions in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: block) { indices in
                guard let xs = positions.baseAddress, let indices = indices.baseAddress else { return }
                let ys = xs + block / 2
                var start = 0
                while start < count {
                    let n = Swift.min(block, count &- start)
                    project(polynomial, kernel, lon + start, lat + start, n, xs, ys)
                    index(kernel, xs, ys, (n &+ 1) / 2, indices)
                    for j in 0..<n { cells[Int(truncatingIfNeeded: indices[j])] &+= 1 }
                    start &+= n
                }
            }
        }
    }

    /// Pass 1: the positions of `n` points, pair by pair (an odd last point fills both
    /// lanes). A point outside the fitted box gets x = NaN, which fails the frame test.
    @inline(__always)
    private static func project<P: PairPolynomial>(
        _ polynomial: P, _ k: CellKernel, _ lon: UnsafePointer<Double>, _ lat: UnsafePointer<Double>, _ n: Int,
        _ xs: UnsafeMutablePointer<PointPair>, _ ys: UnsafeMutablePointer<PointPair>
    ) {
        let lons = UnsafeRawPointer(lon)
        let lats = UnsafeRawPointer(lat)
        var pair = 0
        while pair &* 2 &+ 2 <= n {
            let offset = pair &* 16
            project(
                polynomial, k, lons.loadUnaligned(fromByteOffset: offset, as: PointPair.self),
                lats.loadUnaligned(fromByteOffset: offset, as: PointPair.self), into: xs + pair, ys + pair)
            pair &+= 1
        }
        if n & 1 == 1 {
            project(
                polynomial, k, PointPair(repeating: lon[n &- 1]), PointPair(repeating: lat[n &- 1]), into: xs + pair,
                ys + pair)
        }
    }

    @inline(__always)
    private static func project<P: PairPolynomial>(
        _ polynomial: P, _ k: CellKernel, _ lon: PointPair, _ lat: PointPair,
        into x: UnsafeMutablePointer<PointPair>, _ y: UnsafeMutablePointer<PointPair>
    ) {
        let u = lon - k.lonCentre
        let v = lat - k.latCentre
        let inBox = within(u, k.lonHalf, strict: false) & within(v, k.latHalf, strict: false)
        let (px, py) = polynomial.evaluate(u, v)
        x.pointee = double(bits(px) | ~inBox)  // all ones: a NaN
        y.pointee = py
    }

    /// Pass 2: the count index of every position (see the type's discussion).
    @inline(__always)
    private static func index(
        _ k: CellKernel, _ xs: UnsafePointer<PointPair>, _ ys: UnsafePointer<PointPair>, _ pairs: Int,
        _ indices: UnsafeMutablePointer<UInt32>
    ) {
        for pair in 0..<pairs {
            let x = xs[pair]
            let y = ys[pair]
            let inside = within(x - k.xCentre, k.xHalf, strict: true) & within(y - k.yCentre, k.yHalf, strict: true)
            let column = (x + rounding) - rounding
            let row = (y + rounding) - rounding
            let r = bits(double(bits(row * k.columns + column) & inside) + rounding)
            indices[pair &* 2] = UInt32(truncatingIfNeeded: r.x)
            indices[pair &* 2 &+ 1] = UInt32(truncatingIfNeeded: r.y)
        }
    }

    /// All ones in the lanes where `|offset| < half` (`≤` unless strict), else 0.
    @inline(__always)
    private static func within(_ offset: PointPair, _ half: PointPair, strict: Bool) -> SIMD2<UInt64> {
        let distance = double(bits(offset) & SIMD2(repeating: 0x7FFF_FFFF_FFFF_FFFF))
        // A SIMDMask<SIMD2<Int64>> is its two 64-bit lanes, all ones or all zeros.
        return unsafeBitCast(strict ? distance .< half : distance .<= half, to: SIMD2<UInt64>.self)
    }

    /// The lanes' IEEE bit patterns (same size, no conversion).
    @inline(__always)
    private static func bits(_ value: PointPair) -> SIMD2<UInt64> { unsafeBitCast(value, to: SIMD2<UInt64>.self) }

    /// The doubles with these bit patterns.
    @inline(__always)
    private static func double(_ value: SIMD2<UInt64>) -> PointPair { unsafeBitCast(value, to: PointPair.self) }
}

/// Two polynomials (x and y) evaluated on two points at once.
protocol PairPolynomial {
    func evaluate(_ u: PointPair, _ v: PointPair) -> (PointPair, PointPair)
}

/// The cubic case written out (Horner order: c30, c21, c20, c12, c11, c10, c03, c02, c01, c00),
/// so the compiler keeps every coefficient in a register or one load away.
private struct CubicPair: PairPolynomial {
    let x: UnsafePointer<PointPair>
    let y: UnsafePointer<PointPair>

    @inline(__always)
    func evaluate(_ u: PointPair, _ v: PointPair) -> (PointPair, PointPair) {
        (Self.cubic(x, u, v), Self.cubic(y, u, v))
    }

    @inline(__always)
    private static func cubic(_ c: UnsafePointer<PointPair>, _ u: PointPair, _ v: PointPair) -> PointPair {
        let a2 = c[2] + c[1] * v
        let a1 = c[5] + (c[4] + c[3] * v) * v
        let a0 = c[9] + (c[8] + (c[7] + c[6] * v) * v) * v
        return a0 + (a1 + (a2 + c[0] * u) * u) * u
    }
}

/// Any degree, by loops over the Horner-ordered coefficients.
private struct GeneralPair: PairPolynomial {
    let degree: Int
    let x: UnsafePointer<PointPair>
    let y: UnsafePointer<PointPair>

    @inline(__always)
    func evaluate(_ u: PointPair, _ v: PointPair) -> (PointPair, PointPair) {
        var k = 0
        var rx = PointPair()
        var ry = PointPair()
        var i = degree
        while i >= 0 {
            var px = x[k]
            var py = y[k]
            k &+= 1
            var j = degree &- i
            while j > 0 {
                px = px * v + x[k]
                py = py * v + y[k]
                k &+= 1
                j &-= 1
            }
            rx = rx * u + px
            ry = ry * u + py
            i &-= 1
        }
        return (rx, ry)
    }
}

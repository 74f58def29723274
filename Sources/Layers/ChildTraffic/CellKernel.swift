/// Two points at a time, as the lanes of one SSE2 register.
typealias PointPair = SIMD2<Double>

/// The hot loop of ``PointBinner``: lon/lat → fitted polynomial in cell units → count
/// index, two points per instruction, with no branch and no call per point.
///
/// It evaluates both polynomials by Horner's rule on `SIMD2<Double>` lanes (the x86-64
/// baseline has 128-bit vectors, so two doubles per instruction; no FMA), then turns
/// each position into an index into a count grid with a one-cell guard ring around the
/// frame (``PaddedCounts``), with floating-point operations only:
///
/// - *Outside the fit*: a point whose lon/lat offset is beyond the fitted box
///   (`|offset| > half`, also true for NaN) gets x = NaN.
/// - *Clamp*: x is clamped to `[0, columns + 1]` and y to `[0, rows + 1]` by
///   `x > 0 ? x : 0` (a NaN becomes 0) and `x < high ? x : high`, so every point, outside
///   or non-finite ones included, lands in the padded grid: outside points in the ring.
/// - *Cell* by adding `1.5·2⁵²`: the sum's last mantissa bits are then the value rounded
///   to the nearest integer (ties to even). The constant terms carry +½ (−½ for the floor,
///   +1 for the ring), so rounding gives the floor of the cell position for every value
///   except one lying exactly on a cell edge, which may go to either side (such a point
///   is 0 m from the edge, within any stated tolerance). Then
///   `(row + 1.5·2⁵²) − 1.5·2⁵²` times the padded width plus `column + 1.5·2⁵²` is exact,
///   and its low 32 bits are the index.
struct CellKernel: Sendable {
    /// Centre and half-size of the fitted lon/lat box.
    let lonCentre, latCentre, lonHalf, latHalf: PointPair
    /// The largest padded column and row (`columns + 1`, `rows + 1`).
    let xHigh, yHigh: PointPair
    /// The padded width, `columns + 2`.
    let width: PointPair
    let degree: Int
    /// Polynomial coefficients in Horner order (``FittedPolynomial``), each in both lanes,
    /// giving the padded column + ½ for x and the padded row + ½ for y.
    let x: [PointPair]
    let y: [PointPair]

    /// 1.5·2⁵²: adding it rounds any |value| < 2⁵¹ to an integer in the low mantissa bits.
    static let rounding = PointPair(repeating: 6_755_399_441_055_744)

    /// The kernel for a fit whose outputs are cell units of a `columns × rows` grid
    /// (cell (c, r) spanning `[c, c+1) × [r, r+1)`), or nil for a grid too large for
    /// 32-bit indices.
    init?(cellFit fit: ProjectionFit, columns: Int, rows: Int) {
        guard let padded = PaddedCounts(columns: columns, rows: rows), padded.count < Int(Int32.max) else {
            return nil
        }
        let polynomial = fit.polynomial.mapped(x: (1, 0.5), y: (1, 0.5))
        lonCentre = PointPair(repeating: polynomial.centre.x)
        latCentre = PointPair(repeating: polynomial.centre.y)
        lonHalf = PointPair(repeating: fit.bounds.width / 2)
        latHalf = PointPair(repeating: fit.bounds.height / 2)
        xHigh = PointPair(repeating: Double(columns + 1))
        yHigh = PointPair(repeating: Double(rows + 1))
        width = PointPair(repeating: Double(padded.width))
        degree = polynomial.degree
        x = polynomial.x.map { PointPair(repeating: $0) }
        y = polynomial.y.map { PointPair(repeating: $0) }
    }

    /// Counts `count` points from `lon` and `lat` into `cells` (laid out as ``PaddedCounts``).
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

    /// Pass 1: the clamped, rounded positions of `n` points, pair by pair (an odd last
    /// point fills both lanes).
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
                polynomial, k, PointPair(repeating: lon[n &- 1]), PointPair(repeating: lat[n &- 1]),
                into: xs + pair, ys + pair)
        }
    }

    @inline(__always)
    private static func project<P: PairPolynomial>(
        _ polynomial: P, _ k: CellKernel, _ lon: PointPair, _ lat: PointPair,
        into x: UnsafeMutablePointer<PointPair>, _ y: UnsafeMutablePointer<PointPair>
    ) {
        let u = lon - k.lonCentre
        let v = lat - k.latCentre
        let inBox = within(u, k.lonHalf) & within(v, k.latHalf)
        let (px, py) = polynomial.evaluate(u, v)
        x.pointee = clamp(double(bits(px) | ~inBox), k.xHigh) + rounding  // all ones: a NaN
        y.pointee = clamp(py, k.yHigh) + rounding
    }

    /// Pass 2: `row·width + column` from the rounded positions, exact in doubles; the
    /// low 32 bits of `row·width + (column + 1.5·2⁵²)` are the index.
    @inline(__always)
    private static func index(
        _ k: CellKernel, _ xs: UnsafePointer<PointPair>, _ ys: UnsafePointer<PointPair>, _ pairs: Int,
        _ indices: UnsafeMutablePointer<UInt32>
    ) {
        for pair in 0..<pairs {
            let r = bits((ys[pair] - rounding) * k.width + xs[pair])
            indices[pair &* 2] = UInt32(truncatingIfNeeded: r.x)
            indices[pair &* 2 &+ 1] = UInt32(truncatingIfNeeded: r.y)
        }
    }

    /// `value` limited to `0…high`, a NaN becoming 0 (by the comparisons' semantics, so
    /// whatever instructions implement them).
    @inline(__always)
    private static func clamp(_ value: PointPair, _ high: PointPair) -> PointPair {
        let low = value.replacing(with: PointPair(), where: .!(value .> PointPair()))
        return low.replacing(with: high, where: .!(low .< high))
    }

    /// All ones in the lanes where `|offset| ≤ half`, else 0 (a NaN gives 0).
    @inline(__always)
    private static func within(_ offset: PointPair, _ half: PointPair) -> SIMD2<UInt64> {
        let distance = double(bits(offset) & SIMD2(repeating: 0x7FFF_FFFF_FFFF_FFFF))
        // A SIMDMask<SIMD2<Int64>> is its two 64-bit lanes, all ones or all zeros.
        return unsafeBitCast(distance .<= half, to: SIMD2<UInt64>.self)
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

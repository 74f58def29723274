/// Ordinary least squares by Householder QR: the coefficients `b` minimising
/// `‖y − X b‖²`, for the per-site rainfall-response fits of the flood-risk layer.
///
/// QR is used rather than the normal equations `XᵀX b = Xᵀy` because lagged rainfall
/// columns are strongly correlated (rain comes in runs), which squares the condition
/// number in the normal equations. The result equals `numpy.linalg.lstsq` for a
/// full-rank design; a rank-deficient design (a column that is constant zero, or a
/// combination of others) is reported as `nil`, never solved arbitrarily.
struct LeastSquares {
    /// The fitted coefficients, one per column of the design.
    let coefficients: [Double]
    /// Σ (y − ŷ)².
    let residualSumOfSquares: Double
    /// Σ (y − ȳ)².
    let totalSumOfSquares: Double
    let observations: Int

    /// The coefficient of determination 1 − SSres/SStot (nil when y never varies).
    var rSquared: Double? {
        totalSumOfSquares > 0 ? 1 - residualSumOfSquares / totalSumOfSquares : nil
    }

    /// Root mean squared residual.
    var rootMeanSquaredError: Double {
        observations > 0 ? (residualSumOfSquares / Double(observations)).squareRoot() : 0
    }

    /// Fits `y ≈ X b`.
    ///
    /// - Parameters:
    ///   - columns: the design matrix by column (each `y.count` long); include a
    ///     column of ones for an intercept.
    ///   - y: the observations.
    ///   - relativeTolerance: a column whose remaining norm falls below this fraction
    ///     of its original norm (or is zero) makes the design rank-deficient.
    /// - Returns: the fit, or nil when there are fewer observations than columns or the
    ///   design is rank-deficient.
    init?(columns: [[Double]], y: [Double], relativeTolerance: Double = 1e-10) {
        let n = y.count
        let p = columns.count
        guard p > 0, n > p, columns.allSatisfy({ $0.count == n }) else { return nil }
        // Column-major working copy, reduced to R in place; `qty` becomes Qᵀy.
        var a = [Double](repeating: 0, count: n * p)
        for j in 0..<p { a.replaceSubrange((j * n)..<((j + 1) * n), with: columns[j]) }
        var qty = y
        var v = [Double](repeating: 0, count: n)
        let solved: [Double]? = a.withUnsafeMutableBufferPointer { a in
            qty.withUnsafeMutableBufferPointer { qty in
                v.withUnsafeMutableBufferPointer { v in
                    Self.householder(a, qty, v, n: n, p: p, relativeTolerance: relativeTolerance)
                }
            }
        }
        guard let b = solved else { return nil }
        guard b.allSatisfy(\.isFinite) else { return nil }
        let mean = y.reduce(0, +) / Double(n)
        var ssRes = 0.0
        var ssTot = 0.0
        for i in 0..<n {
            var fitted = 0.0
            for k in 0..<p { fitted += columns[k][i] * b[k] }
            ssRes += (y[i] - fitted) * (y[i] - fitted)
            ssTot += (y[i] - mean) * (y[i] - mean)
        }
        coefficients = b
        residualSumOfSquares = ssRes
        totalSumOfSquares = ssTot
        observations = n
    }

    /// Reduces the column-major `a` (n × p) to R by Householder reflections, applying
    /// them to `qty` as well, then solves R b = (Qᵀy)[0..<p]; nil when rank-deficient.
    private static func householder(
        _ a: UnsafeMutableBufferPointer<Double>, _ qty: UnsafeMutableBufferPointer<Double>,
        _ v: UnsafeMutableBufferPointer<Double>, n: Int, p: Int,
        relativeTolerance: Double
    ) -> [Double]? {
        for j in 0..<p {
            let column = j * n
            let originalNorm = norm(a, from: column, to: column + n)
            var alpha = norm(a, from: column + j, to: column + n)
            guard alpha > 0, originalNorm > 0, alpha > relativeTolerance * originalNorm else { return nil }
            if a[column + j] > 0 { alpha = -alpha }
            // v = x − alpha·e₁ over rows j..<n; H = I − 2vvᵀ/vᵀv maps x to alpha·e₁.
            var vv = 0.0
            for i in j..<n {
                v[i] = a[column + i]
                if i == j { v[i] -= alpha }
                vv += v[i] * v[i]
            }
            guard vv > 0 else { return nil }
            for k in j..<p {
                let other = k * n
                var dot = 0.0
                for i in j..<n { dot += v[i] * a[other + i] }
                let f = 2 * dot / vv
                for i in j..<n { a[other + i] -= f * v[i] }
            }
            var dot = 0.0
            for i in j..<n { dot += v[i] * qty[i] }
            let f = 2 * dot / vv
            for i in j..<n { qty[i] -= f * v[i] }
        }
        var b = [Double](repeating: 0, count: p)
        for j in stride(from: p - 1, through: 0, by: -1) {
            var s = qty[j]
            for k in (j + 1)..<p { s -= a[k * n + j] * b[k] }
            b[j] = s / a[j * n + j]
        }
        return b
    }

    /// The Euclidean norm of `a[start..<end]`, scaled against overflow.
    private static func norm(_ a: UnsafeMutableBufferPointer<Double>, from start: Int, to end: Int) -> Double {
        var scale = 0.0
        for i in start..<end { scale = Swift.max(scale, abs(a[i])) }
        guard scale > 0 else { return 0 }
        var sum = 0.0
        for i in start..<end {
            let x = a[i] / scale
            sum += x * x
        }
        return scale * sum.squareRoot()
    }
}

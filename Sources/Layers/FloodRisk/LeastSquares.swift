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
        let n = y.count, p = columns.count
        guard p > 0, n > p, columns.allSatisfy({ $0.count == n }) else { return nil }
        var a = columns  // column-major working copy, reduced to R in place
        var qty = y       // becomes Qᵀy
        for j in 0..<p {
            let originalNorm = Self.norm(a[j], from: 0)
            var norm = Self.norm(a[j], from: j)
            guard norm > 0, originalNorm > 0, norm > relativeTolerance * originalNorm else { return nil }
            if a[j][j] > 0 { norm = -norm }
            // Householder vector v = x − norm·e₁ stored in a[j][j...], scaled so v[0] = 1 is not needed.
            var v = Array(a[j][j..<n])
            v[0] -= norm
            let vv = v.reduce(0) { $0 + $1 * $1 }
            guard vv > 0 else { return nil }
            for k in j..<p {
                var dot = 0.0
                for i in j..<n { dot += v[i - j] * a[k][i] }
                let f = 2 * dot / vv
                for i in j..<n { a[k][i] -= f * v[i - j] }
            }
            var dot = 0.0
            for i in j..<n { dot += v[i - j] * qty[i] }
            let f = 2 * dot / vv
            for i in j..<n { qty[i] -= f * v[i - j] }
        }
        // Back substitution R b = (Qᵀy)[0..<p].
        var b = [Double](repeating: 0, count: p)
        for j in stride(from: p - 1, through: 0, by: -1) {
            var s = qty[j]
            for k in (j + 1)..<p { s -= a[k][j] * b[k] }
            b[j] = s / a[j][j]
        }
        guard b.allSatisfy(\.isFinite) else { return nil }
        let mean = y.reduce(0, +) / Double(n)
        var ssRes = 0.0, ssTot = 0.0
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

    private static func norm(_ column: [Double], from start: Int) -> Double {
        var scale = 0.0
        for i in start..<column.count { scale = Swift.max(scale, abs(column[i])) }
        guard scale > 0 else { return 0 }
        var sum = 0.0
        for i in start..<column.count {
            let x = column[i] / scale
            sum += x * x
        }
        return scale * sum.squareRoot()
    }
}

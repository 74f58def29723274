import GeoCore

/// Two polynomials (x and y) in the offsets `u = lon − centre.x`, `v = lat − centre.y`
/// (degrees), of total degree `degree`, with coefficients stored in Horner order.
///
/// Horner order lists, for the power of `u` from `degree` down to 0, the coefficients of
/// that power's polynomial in `v` from its highest power down to 0, so that
/// `x = (…(P_d(v)·u + P_{d−1}(v))·u + …)·u + P_0(v)` is evaluated in one pass.
struct FittedPolynomial: Sendable, Hashable {
    let degree: Int
    let centre: Coordinate
    /// x coefficients in Horner order.
    private(set) var x: [Double]
    /// y coefficients in Horner order.
    private(set) var y: [Double]

    /// The (lon power, lat power) of every coefficient, in Horner order.
    static func exponents(degree: Int) -> [(lon: Int, lat: Int)] {
        var terms: [(lon: Int, lat: Int)] = []
        for i in stride(from: degree, through: 0, by: -1) {
            for j in stride(from: degree - i, through: 0, by: -1) { terms.append((i, j)) }
        }
        return terms
    }

    /// - Parameters:
    ///   - x, y: coefficients in the order of ``exponents(degree:)``.
    init(degree: Int, centre: Coordinate, x: [Double], y: [Double]) {
        self.degree = degree
        self.centre = centre
        self.x = x
        self.y = y
    }

    /// The index of the constant term (the last in Horner order).
    var constantIndex: Int { x.count - 1 }

    /// Both polynomials at a point.
    func evaluate(lon: Double, lat: Double) -> SIMD2<Double> {
        let u = lon - centre.x
        let v = lat - centre.y
        var k = 0
        var result = SIMD2<Double>()
        for i in stride(from: degree, through: 0, by: -1) {
            var p = SIMD2(x[k], y[k])
            k += 1
            for _ in 0..<(degree - i) {
                p = p * v + SIMD2(x[k], y[k])
                k += 1
            }
            result = result * u + p
        }
        return result
    }

    /// The polynomials of `a·x + b` and `c·y + d`.
    func mapped(x xMap: (scale: Double, offset: Double), y yMap: (scale: Double, offset: Double)) -> FittedPolynomial {
        var copy = self
        copy.x = x.map { $0 * xMap.scale }
        copy.y = y.map { $0 * yMap.scale }
        copy.x[constantIndex] += xMap.offset
        copy.y[constantIndex] += yMap.offset
        return copy
    }
}

import Foundation
import GeoCore

/// PROJ's lon/lat → projected transform over one area, as a polynomial in longitude and
/// latitude least-squares fitted to PROJ's answers, with its distance from PROJ measured.
///
/// Binning millions of GPS pings into metric cells needs only each ping's cell, and
/// `proj_trans_generic` runs at about 5–10 M points/s a core here: the projection would
/// be most of the work. Over a city-sized area a conformal projection is so smooth that a
/// low-degree polynomial in (lon, lat) reproduces it to micrometres: over Nagai's
/// 0.2° × 0.2° a cubic stays within 4 µm of PROJ (a quadratic misses by 4 mm). GDAL's
/// approximate transformer and its polynomial GCP warps rely on the same smoothness.
/// Nothing here is a projection formula: the polynomial is fitted to PROJ's own answers
/// at Chebyshev–Lobatto nodes, then PROJ is asked again at a uniform 65 × 65 grid of
/// check points (edges and corners included, where the fit is worst) and the largest
/// distance between polynomial and PROJ is ``measuredError``. The degree rises from 3
/// until that error is within the tolerance.
///
/// Points outside ``bounds`` get no answer (the polynomial is only checked inside).
public struct ProjectionFit: Sendable, Hashable {
    /// The lon/lat area the fit covers (and was checked over).
    public let bounds: BoundingBox
    /// The polynomial's total degree (3 or more).
    public let degree: Int
    /// The largest distance from PROJ seen at the check points, in output units (metres).
    public private(set) var measuredError: Double
    /// The fitted polynomial, in offsets from the centre of `bounds` in degrees.
    private(set) var polynomial: FittedPolynomial

    /// Check points per side of the uniform check grid.
    public static let checkPointsPerSide = 65
    /// The highest degree tried before giving up.
    public static let maximumDegree = 7

    /// Fits the transform over `bounds`, raising the degree until the fit is within
    /// `tolerance` of PROJ at every check point.
    ///
    /// - Parameters:
    ///   - transform: lon/lat → projected metres.
    ///   - bounds: the lon/lat area to cover.
    ///   - tolerance: the largest acceptable distance from PROJ, in metres (default 1 mm).
    /// - Returns: nil when no polynomial of degree ``maximumDegree`` or less reaches the
    ///   tolerance (a continental area, or a CRS that bends sharply there): project with
    ///   PROJ directly then.
    /// - Throws: ``PROJError`` when PROJ cannot transform a node or check point.
    public init?(transform: CRSTransform, bounds: BoundingBox, tolerance: Double = 0.001) throws(PROJError) {
        guard bounds.isValid, bounds.width > 0, bounds.height > 0, tolerance > 0 else { return nil }
        let checks = try Self.checkPoints(transform, bounds)
        for degree in 3...Self.maximumDegree {
            guard let polynomial = try Self.fit(transform, bounds, degree: degree) else { return nil }
            var worst = 0.0
            for (probe, truth) in zip(checks.probes, checks.truths) {
                let p = polynomial.evaluate(lon: probe.x, lat: probe.y)
                worst = Swift.max(
                    worst, ((p.x - truth.x) * (p.x - truth.x) + (p.y - truth.y) * (p.y - truth.y)).squareRoot())
            }
            guard worst.isFinite else { return nil }
            if worst <= tolerance {
                self.bounds = bounds
                self.degree = degree
                self.measuredError = worst
                self.polynomial = polynomial
                return
            }
        }
        return nil
    }

    /// The projected position of a lon/lat point, or nil outside ``bounds``.
    public func project(lon: Double, lat: Double) -> Coordinate? {
        guard bounds.contains(Coordinate(x: lon, y: lat)) else { return nil }
        let p = polynomial.evaluate(lon: lon, lat: lat)
        return Coordinate(x: p.x, y: p.y)
    }

    /// The same fit with outputs mapped to `((x − originX)·scale, (y − originY)·scale)`:
    /// with a grid's origin and `1 / cellSize`, positions come out in cell units.
    func rescaled(originX: Double, originY: Double, scale: Double) -> ProjectionFit {
        var copy = self
        copy.polynomial = polynomial.mapped(x: (scale, -originX * scale), y: (scale, -originY * scale))
        copy.measuredError = measuredError * scale
        return copy
    }

    /// PROJ's answers at the uniform check grid over `bounds`.
    private static func checkPoints(_ transform: CRSTransform, _ bounds: BoundingBox) throws(PROJError)
        -> (probes: [Coordinate], truths: [Coordinate])
    {
        let n = checkPointsPerSide
        var probes: [Coordinate] = []
        probes.reserveCapacity(n * n)
        for row in 0..<n {
            // The last row and column are the max edges exactly (no rounding past them).
            let lat = row == n - 1 ? bounds.maxY : bounds.minY + bounds.height * Double(row) / Double(n - 1)
            for column in 0..<n {
                let lon = column == n - 1 ? bounds.maxX : bounds.minX + bounds.width * Double(column) / Double(n - 1)
                probes.append(Coordinate(x: lon, y: lat))
            }
        }
        return (probes, try transform.transformed(probes))
    }

    /// The least-squares polynomial of `degree` through PROJ's answers at
    /// `2·degree + 4` Chebyshev–Lobatto nodes per side (nil if the system is singular).
    private static func fit(_ transform: CRSTransform, _ bounds: BoundingBox, degree: Int) throws(PROJError)
        -> FittedPolynomial?
    {
        let n = 2 * degree + 4
        let nodes = (0..<n).map { cos(Double.pi * Double($0) / Double(n - 1)) }  // 1 … −1
        let centre = Coordinate(x: (bounds.minX + bounds.maxX) / 2, y: (bounds.minY + bounds.maxY) / 2)
        let half = Coordinate(x: bounds.width / 2, y: bounds.height / 2)
        var samples: [Coordinate] = []
        samples.reserveCapacity(n * n)
        for t in nodes {
            for s in nodes { samples.append(Coordinate(x: centre.x + half.x * s, y: centre.y + half.y * t)) }
        }
        let answers = try transform.transformed(samples)
        let terms = FittedPolynomial.exponents(degree: degree)
        // The design matrix by column: each term's value at every node, in unit offsets.
        let units = samples.map { ((($0.x - centre.x) / half.x), (($0.y - centre.y) / half.y)) }
        let design = terms.map { term in units.map { Self.power($0.0, term.lon) * Self.power($0.1, term.lat) } }
        guard let fitX = LeastSquares(columns: design, y: answers.map(\.x)),
            let fitY = LeastSquares(columns: design, y: answers.map(\.y))
        else { return nil }
        // Back from unit offsets to offsets in degrees.
        var x: [Double] = []
        var y: [Double] = []
        for (index, term) in terms.enumerated() {
            let scale = 1 / (Self.power(half.x, term.lon) * Self.power(half.y, term.lat))
            x.append(fitX.coefficients[index] * scale)
            y.append(fitY.coefficients[index] * scale)
        }
        return FittedPolynomial(degree: degree, centre: centre, x: x, y: y)
    }

    private static func power(_ value: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= value }
        return result
    }
}

import Foundation
@testable import Layers
import TestSupport
import XCTest

/// The QR least-squares solver against `numpy.linalg.lstsq`.
final class LeastSquaresTests: XCTestCase {
    private struct Case: Codable {
        var columns: [[Double]]
        var y: [Double]
    }

    private struct Answer: Codable {
        var coefficients: [Double]
        var ssRes: Double
        var r2: Double
    }

    private static let numpy = """
        import json, sys
        import numpy as np
        out = []
        for case in json.load(sys.stdin):
            X = np.array(case["columns"]).T
            y = np.array(case["y"])
            b, *_ = np.linalg.lstsq(X, y, rcond=None)
            res = y - X @ b
            ss_res = float(res @ res)
            ss_tot = float(((y - y.mean()) ** 2).sum())
            out.append({"coefficients": b.tolist(), "ssRes": ss_res, "r2": 1 - ss_res / ss_tot})
        print(json.dumps(out))
        """

    func testMatchesNumpyOnGeneratedCorrelatedDesigns() throws {
        var random = SeededRandom(seed: 5)
        var cases: [Case] = []
        for _ in 0..<30 {
            let n = random.int(in: 20...400)
            let p = random.int(in: 1...14)
            var columns = [[Double](repeating: 1, count: n)]
            // Correlated columns, like lagged rainfall: each a noisy shift of a base series.
            let base = (0..<(n + p)).map { _ in random.double(in: 0...1) < 0.3 ? random.double(in: 0...40) : 0 }
            for k in 0..<p { columns.append((0..<n).map { base[$0 + k] + random.double(in: 0...0.5) }) }
            let truth = (0...p).map { _ in random.double(in: -2...2) }
            let y = (0..<n).map { i in
                (0...p).reduce(0) { $0 + truth[$1] * columns[$1][i] } + random.double(in: -1...1)
            }
            cases.append(Case(columns: columns, y: y))
        }
        let answers = try ReferencePython.decode([Answer].self, Self.numpy, packages: ["numpy"], sending: cases)
        for (c, expected) in zip(cases, answers) {
            let fit = try XCTUnwrap(LeastSquares(columns: c.columns, y: c.y))
            XCTAssertEqual(fit.coefficients.count, expected.coefficients.count)
            for (a, b) in zip(fit.coefficients, expected.coefficients) { assertClose(a, b, tolerance: 1e-8) }
            assertRelativelyClose(fit.residualSumOfSquares, expected.ssRes, relative: 1e-9)
            assertClose(try XCTUnwrap(fit.rSquared), expected.r2, tolerance: 1e-10)
        }
    }

    func testExactLineByHand() throws {
        // y = 3 + 2x exactly: coefficients (3, 2), no residual, R² = 1.
        let x = [0.0, 1, 2, 3, 4]
        let fit = try XCTUnwrap(LeastSquares(columns: [[1, 1, 1, 1, 1], x], y: x.map { 3 + 2 * $0 }))
        assertClose(fit.coefficients[0], 3, tolerance: 1e-12)
        assertClose(fit.coefficients[1], 2, tolerance: 1e-12)
        assertClose(fit.residualSumOfSquares, 0, tolerance: 1e-20)
        assertClose(try XCTUnwrap(fit.rSquared), 1, tolerance: 1e-12)
    }

    func testRankDeficientAndUnderdeterminedDesignsAreRefused() {
        XCTAssertNil(LeastSquares(columns: [[1, 1, 1, 1], [0, 0, 0, 0]], y: [1, 2, 3, 4]), "a zero column")
        XCTAssertNil(
            LeastSquares(columns: [[1, 1, 1, 1], [2, 2, 2, 2]], y: [1, 2, 3, 4]), "a copy of the intercept")
        XCTAssertNil(LeastSquares(columns: [[1, 1], [1, 2]], y: [1, 2]), "as many columns as rows")
    }
}

import Foundation
import TestSupport
import XCTest

@testable import TileRenderer

/// Golden tests of the coverage rasterizer. Goldens are analytic (rectangles) or exact
/// polygon/pixel intersection areas from shapely, never our own output.
final class RasterizerTests: XCTestCase {
    /// Exact overlap of pixel (x, y) with the axis-aligned rectangle [x0, x1] × [y0, y1].
    private func rectangleCoverage(x: Int, y: Int, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Double {
        let w = max(0, min(Double(x + 1), x1) - max(Double(x), x0))
        let h = max(0, min(Double(y + 1), y1) - max(Double(y), y0))
        return w * h
    }

    func testFractionalRectangleHasExactAreaCoverage() {
        let rasterizer = Rasterizer(width: 32, height: 24)
        var path = Path()
        path.addRectangle(x: 3.3, y: 2.75, width: 20.45, height: 15.1)
        let coverage = rasterizer.coverage(of: path)
        for y in 0..<24 {
            for x in 0..<32 {
                let expected = rectangleCoverage(x: x, y: y, 3.3, 2.75, 23.75, 17.85)
                assertClose(coverage[y * 32 + x], expected, tolerance: 1e-5, "pixel \(x),\(y)")
            }
        }
    }

    func testShapesPartlyOutsideTheCanvasAreClippedExactly() {
        let rasterizer = Rasterizer(width: 16, height: 16)
        var path = Path()
        path.addRectangle(x: -50.5, y: -7.25, width: 60, height: 100)  // to x 9.5, y 92.75
        let coverage = rasterizer.coverage(of: path)
        for y in 0..<16 {
            for x in 0..<16 {
                assertClose(
                    coverage[y * 16 + x], rectangleCoverage(x: x, y: y, -50.5, -7.25, 9.5, 92.75),
                    tolerance: 1e-5, "pixel \(x),\(y)")
            }
        }
    }

    func testHolesUnderBothFillRules() {
        let rasterizer = Rasterizer(width: 20, height: 20)
        let outer = [PixelPoint(2, 2), PixelPoint(18, 2), PixelPoint(18, 18), PixelPoint(2, 18)]
        let holeSame = [PixelPoint(6.5, 6.5), PixelPoint(13.5, 6.5), PixelPoint(13.5, 13.5), PixelPoint(6.5, 13.5)]
        let holeOpposite = Array(holeSame.reversed())
        func expected(_ x: Int, _ y: Int, holeFilled: Bool) -> Double {
            let o = rectangleCoverage(x: x, y: y, 2, 2, 18, 18)
            let h = rectangleCoverage(x: x, y: y, 6.5, 6.5, 13.5, 13.5)
            return holeFilled ? o : o - h
        }
        let cases: [([PixelPoint], FillRule, Bool)] = [
            (holeOpposite, .nonZero, false), (holeOpposite, .evenOdd, false),
            (holeSame, .evenOdd, false), (holeSame, .nonZero, true),
        ]
        for (hole, rule, filled) in cases {
            let coverage = rasterizer.coverage(of: Path(rings: [outer, hole]), rule: rule)
            for y in 0..<20 {
                for x in 0..<20 {
                    assertClose(
                        coverage[y * 20 + x], expected(x, y, holeFilled: filled), tolerance: 1e-5,
                        "\(rule) pixel \(x),\(y)")
                }
            }
        }
    }

    func testCircleMatchesShapelyAreas() throws {
        let rasterizer = Rasterizer(width: 40, height: 40)
        var path = Path()
        path.addCircle(center: PixelPoint(19.3, 20.6), radius: 12.7)
        let coverage = rasterizer.coverage(of: path)
        assertRelativelyClose(coverage.reduce(0, +), Double.pi * 12.7 * 12.7, relative: 1e-4)
        let reference = try ShapelyCoverage.coverage(
            of: "Point(19.3, 20.6).buffer(12.7, quad_segs=512)", width: 40, height: 40)
        assertCoverage(coverage, reference, maximum: 0.01, mean: 0.001, width: 40, "circle")
    }

    func testSelfIntersectingStarUnderBothFillRules() throws {
        // A pentagram: non-zero fills the centre pentagon, even-odd leaves it empty.
        let star = (0..<5).map { k -> PixelPoint in
            let t = -Double.pi / 2 + Double(k) * 4 * Double.pi / 5
            return PixelPoint(25 + 20 * cos(t), 25.5 + 20 * sin(t))
        }
        let rasterizer = Rasterizer(width: 50, height: 50)
        let points = (star + [star[0]]).map { "(\($0.x), \($0.y))" }.joined(separator: ", ")
        // The faces of the star's arrangement (shapely.polygonize): five tips with winding
        // number 1 and the centre pentagon with winding number 2.
        let faces = "list(shapely.polygonize([shapely.unary_union(LineString([\(points)]))]).geoms)"
        let allFaces = try ShapelyCoverage.coverage(of: "shapely.unary_union(\(faces))", width: 50, height: 50)
        let tips = try ShapelyCoverage.coverage(
            of: "shapely.unary_union([f for f in \(faces) if not f.contains(Point(25, 25.5))])", width: 50, height: 50)
        let nonZero = rasterizer.coverage(of: Path(rings: [star]), rule: .nonZero)
        let evenOdd = rasterizer.coverage(of: Path(rings: [star]), rule: .evenOdd)
        XCTAssertGreaterThan(allFaces.reduce(0, +), tips.reduce(0, +) + 50, "the reference has a centre face")
        // Area accumulation is exact wherever edges do not cross inside a pixel; in the five
        // pixels around a self-intersection, where two edges share a pixel, the fill rule
        // applies to the pixel's net area (as in AGG and FreeType), so only those may differ.
        for (ours, reference, name) in [(nonZero, allFaces, "non-zero"), (evenOdd, tips, "even-odd")] {
            let errors = zip(ours, reference).map { abs($0 - $1) }.sorted(by: >)
            XCTAssertLessThanOrEqual(errors[15], 0.002, "\(name): more than 3 pixels per crossing differ")
            XCTAssertLessThanOrEqual(errors.reduce(0, +) / Double(errors.count), 0.0006, "\(name) mean")
        }
    }

    func testFillCompositesWithCoverageAsAlpha() {
        var canvas = Canvas(width: 8, height: 8)
        let rasterizer = Rasterizer(width: 8, height: 8)
        var path = Path()
        path.addRectangle(x: 1, y: 1, width: 2.5, height: 3)  // column 3 half covered
        rasterizer.fill(path, color: Color(red: 200, green: 50, blue: 50), on: &canvas)
        XCTAssertEqual(canvas.color(x: 1, y: 1), Color(red: 200, green: 50, blue: 50))
        let half = canvas.color(x: 3, y: 2)
        XCTAssertEqual(Int(half.alpha), 128, accuracy: 1)
        XCTAssertEqual(Int(half.red), 200, accuracy: 2)
        XCTAssertEqual(canvas.color(x: 4, y: 2), .transparent)
        XCTAssertEqual(canvas.color(x: 1, y: 4), .transparent)
    }
}

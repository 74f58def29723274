import Foundation
import TestSupport
import XCTest

@testable import TileRenderer

/// Stroke outlines against shapely's buffers (GEOS offset curves), pixel by pixel.
final class StrokerTests: XCTestCase {
    private func strokeCoverage(
        _ points: [PixelPoint], closed: Bool = false, style: StrokeStyle,
        size: Int
    ) -> [Double] {
        var path = Path()
        Stroker.stroke(points, closed: closed, style: style, into: &path)
        return Rasterizer(width: size, height: size).coverage(of: path)
    }

    private func python(_ points: [PixelPoint]) -> String {
        "[" + points.map { "(\($0.x), \($0.y))" }.joined(separator: ", ") + "]"
    }

    /// All but `exceptions` pixels within `maximum`; where outline pieces cross inside one
    /// pixel (inner corners) the net-area rule of scanline rasterizers is approximate.
    private func assertMostlyEqual(
        _ ours: [Double], _ reference: [Double], maximum: Double, exceptions: Int,
        _ name: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let errors = zip(ours, reference).map { abs($0 - $1) }.sorted(by: >)
        XCTAssertLessThanOrEqual(
            errors[exceptions], maximum, "\(name): \(errors.prefix(exceptions + 3))",
            file: file, line: line)
        XCTAssertLessThanOrEqual(errors[0], 0.5, "\(name): worst pixel", file: file, line: line)
        assertClose(
            ours.reduce(0, +), reference.reduce(0, +), tolerance: 0.5, "\(name) total area",
            file: file, line: line)
    }

    func testThinHorizontalLineCoversExactly() {
        let coverage = strokeCoverage(
            [PixelPoint(2, 10.25), PixelPoint(30, 10.25)],
            style: StrokeStyle(width: 0.5, cap: .butt), size: 32)
        for y in 0..<32 {
            for x in 0..<32 {
                let expected = (x >= 2 && x < 30 && y == 10) ? 0.5 : 0
                assertClose(coverage[y * 32 + x], expected, tolerance: 1e-5, "pixel \(x),\(y)")
            }
        }
    }

    func testThinDiagonalLineMatchesShapely() throws {
        let line = [PixelPoint(3.2, 4.1), PixelPoint(36.7, 29.9)]
        let ours = strokeCoverage(line, style: StrokeStyle(width: 0.7, cap: .butt), size: 40)
        let reference = try ShapelyCoverage.coverage(
            of: "LineString(\(python(line))).buffer(0.35, cap_style='flat')", width: 40, height: 40)
        assertMostlyEqual(ours, reference, maximum: 0.003, exceptions: 0, "thin diagonal")
    }

    func testJoinsAndCapsMatchShapelyBuffers() throws {
        let line = [PixelPoint(5.5, 40.2), PixelPoint(20.1, 10.7), PixelPoint(35.3, 38.4), PixelPoint(44.6, 14.9)]
        let cases: [(LineJoin, LineCap, String, String)] = [
            (.round, .round, "round", "round"),
            (.miter, .butt, "mitre", "flat"),
            (.bevel, .square, "bevel", "square"),
        ]
        for (join, cap, shapelyJoin, shapelyCap) in cases {
            let ours = strokeCoverage(
                line, style: StrokeStyle(width: 6, join: join, cap: cap, miterLimit: 10),
                size: 56)
            let reference = try ShapelyCoverage.coverage(
                of: "LineString(\(python(line))).buffer(3, quad_segs=128, join_style='\(shapelyJoin)', "
                    + "cap_style='\(shapelyCap)', mitre_limit=10)",
                width: 56, height: 56)
            assertMostlyEqual(ours, reference, maximum: 0.01, exceptions: 4, "\(join) join, \(cap) cap")
        }
    }

    func testMiterBeyondTheLimitBecomesBevel() throws {
        // A 25° hairpin: its miter would reach 1/sin(12.5°) ≈ 4.6 half-widths, over the limit of 4.
        let line = [PixelPoint(4, 10), PixelPoint(40, 20), PixelPoint(4, 26)]
        let ours = strokeCoverage(
            line, style: StrokeStyle(width: 4, join: .miter, cap: .butt, miterLimit: 4),
            size: 48)
        let reference = try ShapelyCoverage.coverage(
            of: "LineString(\(python(line))).buffer(2, join_style='bevel', cap_style='flat')", width: 48, height: 48)
        assertMostlyEqual(ours, reference, maximum: 0.01, exceptions: 4, "clipped miter")
    }

    func testClosedRingStrokeLeavesTheInsideEmpty() throws {
        let ring = [PixelPoint(8.5, 8.5), PixelPoint(38.25, 10), PixelPoint(34, 37.5), PixelPoint(10, 33)]
        let ours = strokeCoverage(
            ring, closed: true, style: StrokeStyle(width: 3, join: .miter, miterLimit: 10),
            size: 48)
        let reference = try ShapelyCoverage.coverage(
            of: "Polygon(\(python(ring))).exterior.buffer(1.5, join_style='mitre', mitre_limit=10)",
            width: 48, height: 48)
        assertMostlyEqual(ours, reference, maximum: 0.01, exceptions: 8, "closed ring")
        XCTAssertEqual(ours[22 * 48 + 22], 0, "the ring's inside stays empty")
    }

    func testDashesFollowThePattern() {
        let coverage = strokeCoverage(
            [PixelPoint(0, 5.5), PixelPoint(100, 5.5)],
            style: StrokeStyle(width: 1, cap: .butt, dashes: [10, 5]), size: 100)
        for x in 0..<100 {
            let expected = x % 15 < 10 ? 1.0 : 0.0
            assertClose(coverage[5 * 100 + x], expected, tolerance: 1e-5, "column \(x)")
            assertClose(coverage[6 * 100 + x], 0, tolerance: 1e-9)
        }
    }

    func testDashOffsetShiftsThePattern() {
        let coverage = strokeCoverage(
            [PixelPoint(0, 5.5), PixelPoint(60, 5.5)],
            style: StrokeStyle(width: 1, cap: .butt, dashes: [4, 2], dashOffset: 3),
            size: 60)
        for x in 0..<60 {
            let expected = (x + 3) % 6 < 4 ? 1.0 : 0.0
            assertClose(coverage[5 * 60 + x], expected, tolerance: 1e-5, "column \(x)")
        }
    }
}

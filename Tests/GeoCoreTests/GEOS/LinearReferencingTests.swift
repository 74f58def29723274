import Foundation
import GeoCore
import TestSupport
import XCTest

/// `Geometry.project` and `Geometry.interpolate` against shapely's `project` and
/// `interpolate` on generated lines and points: bent lines, a line with a repeated
/// vertex, multi-part lines, points off both ends, negative and too-long distances.
final class LinearReferencingTests: XCTestCase {
    struct Case: Codable {
        var line: [[[Double]]]
        var points: [[Double]]
        var distances: [Double]
    }

    struct Expected: Decodable {
        var projected: [[Double]]
        var interpolated: [[[Double]]]
    }

    static func cases() -> [Case] {
        var random = SeededRandom(seed: 0x11E4)
        var cases: [Case] = []
        for index in 0..<40 {
            let partCount = index % 5 == 4 ? 2 : 1
            var parts: [[[Double]]] = []
            for _ in 0..<partCount {
                var x = random.double(in: -500...500)
                var y = random.double(in: -500...500)
                var part = [[x, y]]
                for _ in 0..<random.int(in: 1...8) {
                    x += random.double(in: -300...300)
                    y += random.double(in: -300...300)
                    part.append([x, y])
                }
                if index % 7 == 3, let last = part.last { part.append(last) }  // a repeated vertex
                parts.append(part)
            }
            let points = (0..<12).map { _ in [random.double(in: -1200...1200), random.double(in: -1200...1200)] }
            let distances = [0, -50, 1e6, -1e6] + (0..<8).map { _ in random.double(in: -400...2500) }
            cases.append(Case(line: parts, points: points, distances: distances))
        }
        return cases
    }

    func testProjectAndInterpolateAgreeWithShapely() throws {
        let cases = Self.cases()
        let expected = try ReferencePython.decode(
            [Expected].self,
            """
            import json, sys
            from shapely.geometry import LineString, MultiLineString, Point
            out = []
            for c in json.load(sys.stdin):
                line = LineString(c["line"][0]) if len(c["line"]) == 1 else MultiLineString(c["line"])
                out.append({"projected": [[line.project(Point(p)), line.distance(Point(p))] for p in c["points"]],
                            "interpolated": [[list(line.interpolate(d).coords[0])] for d in c["distances"]]})
            print(json.dumps(out))
            """, packages: ["shapely"], sending: cases)
        let context = try GEOSContext()
        for (i, (c, reference)) in zip(cases, expected).enumerated() {
            let parts = c.line.map { $0.map { Coordinate(x: $0[0], y: $0[1]) } }
            let line = try Geometry(
                parts.count == 1 ? .lineString(parts[0]) : .multiLineString(parts), context: context)
            for (p, want) in zip(c.points, reference.projected) {
                let point = Coordinate(x: p[0], y: p[1])
                assertClose(try line.project(point), want[0], tolerance: 1e-9, "case \(i): project \(p)")
                // On one part the projected position is the line's nearest point (where
                // two parts meet, the distance names the end of the first part).
                guard parts.count == 1 else { continue }
                let foot = try line.coordinate(atDistance: try line.project(point))
                assertClose(foot.distance(to: point), want[1], tolerance: 1e-7, "case \(i): foot of \(p)")
            }
            for (d, want) in zip(c.distances, reference.interpolated) {
                let at = try line.coordinate(atDistance: d)
                assertClose(at.x, want[0][0], tolerance: 1e-9, "case \(i): x at \(d)")
                assertClose(at.y, want[0][1], tolerance: 1e-9, "case \(i): y at \(d)")
                XCTAssertEqual(try line.interpolate(d).type, .point)
            }
        }
    }

    func testRefusalsCarryGEOSMessages() throws {
        let context = try GEOSContext()
        let line = try Geometry(.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0)]), context: context)
        let square = try Geometry(box: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), context: context)
        XCTAssertEqual(try line.project(Coordinate(x: 4, y: 3)), 4)
        XCTAssertEqual(try line.coordinate(atDistance: -3), Coordinate(x: 7, y: 0))
        XCTAssertThrowsError(try line.project(line)) { error in
            XCTAssertEqual((error as? GEOSError)?.function, "GEOSProject_r")
            XCTAssertFalse((error as? GEOSError)?.message.isEmpty ?? true)
        }
        XCTAssertThrowsError(try square.interpolate(0.5)) { error in
            XCTAssertEqual((error as? GEOSError)?.function, "GEOSInterpolate_r")
        }
        let empty = try Geometry(.lineString([]), context: context)
        XCTAssertThrowsError(try empty.coordinate(atDistance: 0))
    }
}

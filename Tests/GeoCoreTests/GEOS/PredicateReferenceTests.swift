import Foundation
import GeoCore
import TestSupport
import XCTest

/// Binary predicates on 1,500 generated pairs, checked against shapely 2 (which
/// runs its own GEOS build): every answer must be identical, prepared or not.
final class PredicateReferenceTests: XCTestCase {
    private static let names = [
        "intersects", "contains", "within", "covers", "covered_by", "touches", "disjoint",
        "crosses", "overlaps", "equals", "dwithin", "contains_properly",
    ]

    private struct Expected: Decodable {
        var results: [String: [Bool]]
        var relate: [String]
        var distance: [Double]
    }

    /// Pairs that meet in every way: overlapping polygons, points and lines around
    /// them, and lattice shapes whose boundaries touch exactly.
    private func makePairs() -> [(Shape, Shape, Double)] {
        var random = SeededRandom(seed: 0x9E05)
        let area = BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)
        var pairs: [(Shape, Shape, Double)] = []
        for k in 0..<1_500 {
            let d = random.double(in: 0...2)
            switch k % 6 {
            case 5:
                // A shape with its ring reversed (topologically equal), or a small
                // polygon well inside a big one (contained properly).
                let center = Coordinate(x: random.double(in: 3...7), y: random.double(in: 3...7))
                let big = ShapeFixtures.star(&random, center: center, radius: 2...3, vertices: 12)
                if k % 12 == 5 {
                    pairs.append(
                        (
                            .polygon(PolygonRings(exterior: big)),
                            .polygon(PolygonRings(exterior: big.reversed())), d
                        ))
                } else {
                    let small = ShapeFixtures.star(&random, center: center, radius: 0.2...0.8, vertices: 5)
                    pairs.append((.polygon(PolygonRings(exterior: big)), .polygon(PolygonRings(exterior: small)), d))
                }
            case 0:
                pairs.append(
                    (
                        ShapeFixtures.polygon(&random, in: area, size: 1...5),
                        ShapeFixtures.polygon(&random, in: area, size: 1...5), d
                    ))
            case 1:
                let point = Shape.point(Coordinate(x: random.double(in: 0...10), y: random.double(in: 0...10)))
                pairs.append((point, ShapeFixtures.polygon(&random, in: area, size: 2...6), d))
            case 2:
                pairs.append(
                    (
                        ShapeFixtures.line(&random, in: area, step: 3),
                        ShapeFixtures.polygon(&random, in: area, size: 1...5), d
                    ))
            case 3:
                // Lattice: exact shared edges, corners, and points on boundaries.
                let a = ShapeFixtures.latticePolygon(&random, span: 6)
                let b: Shape =
                    random.int(in: 0...1) == 0
                    ? ShapeFixtures.latticePolygon(&random, span: 6)
                    : .point(Coordinate(x: Double(random.int(in: 0...12)), y: Double(random.int(in: 0...12))))
                pairs.append((b, a, Double(random.int(in: 0...3))))
            default:
                pairs.append(
                    (
                        ShapeFixtures.anyShape(&random, in: area, size: 2, collections: false),
                        ShapeFixtures.anyShape(&random, in: area, size: 2, collections: false), d
                    ))
            }
        }
        return pairs
    }

    private func shapelyPredicates(_ pairs: [(Shape, Shape, Double)]) throws -> Expected {
        let input =
            "{\"a\":" + ShapeFixtures.jsonArray(pairs.map(\.0)) + ",\"b\":"
            + ShapeFixtures.jsonArray(pairs.map(\.1)) + ",\"d\":[" + pairs.map { "\($0.2)" }.joined(separator: ",")
            + "]}"
        let script = """
            import json, sys
            import numpy as np, shapely
            from shapely.geometry import shape
            data = json.load(sys.stdin)
            a = np.array([shape(g) for g in data["a"]]); b = np.array([shape(g) for g in data["b"]])
            d = np.array(data["d"])
            r = {"intersects": shapely.intersects(a, b), "contains": shapely.contains(a, b),
                 "within": shapely.within(a, b), "covers": shapely.covers(a, b),
                 "covered_by": shapely.covered_by(a, b), "touches": shapely.touches(a, b),
                 "disjoint": shapely.disjoint(a, b), "crosses": shapely.crosses(a, b),
                 "overlaps": shapely.overlaps(a, b), "equals": shapely.equals(a, b),
                 "dwithin": shapely.dwithin(a, b, d),
                 "contains_properly": shapely.contains_properly(a, b)}
            json.dump({"results": {k: [bool(x) for x in v] for k, v in r.items()},
                       "relate": shapely.relate(a, b).tolist(), "distance": shapely.distance(a, b).tolist()},
                      sys.stdout)
            """
        return try ReferencePython.decode(
            Expected.self, script, packages: ["shapely", "numpy"],
            input: Data(input.utf8))
    }

    func testPredicatesAgreeWithShapely() throws {
        let pairs = makePairs()
        let reference = try shapelyPredicates(pairs)
        let expected = reference.results
        let context = try GEOSContext()
        var mismatches: [String] = []
        var trueCounts: [String: Int] = [:]
        for (i, (sa, sb, d)) in pairs.enumerated() {
            let a = try Geometry(sa, context: context)
            let b = try Geometry(sb, context: context)
            let prepared = try a.prepared()
            let ours: [String: Bool] = [
                "intersects": try a.intersects(b), "contains": try a.contains(b), "within": try a.within(b),
                "covers": try a.covers(b), "covered_by": try a.coveredBy(b), "touches": try a.touches(b),
                "disjoint": try a.disjoint(b), "crosses": try a.crosses(b), "overlaps": try a.overlaps(b),
                "equals": try a.topologicallyEquals(b), "dwithin": try a.isWithinDistance(d, of: b),
            ]
            let preparedAnswers: [String: Bool] = [
                "intersects": try prepared.intersects(b), "contains": try prepared.contains(b),
                "within": try prepared.within(b), "covers": try prepared.covers(b),
                "covered_by": try prepared.coveredBy(b), "touches": try prepared.touches(b),
                "dwithin": try prepared.isWithinDistance(d, of: b),
                "contains_properly": try prepared.containsProperly(b),
            ]
            // The full DE-9IM matrix, and the prepared distance, as well.
            XCTAssertEqual(try a.relate(b), reference.relate[i], "relate \(i)")
            // DistanceOp, to the last bit; the prepared route to within rounding (and 0 when
            // the geometries meet, also for a line inside a polygon).
            XCTAssertEqual(try a.distance(to: b), reference.distance[i], "distance \(i)")
            assertClose(try prepared.distance(to: b), reference.distance[i], tolerance: 1e-12, "prepared distance \(i)")
            for name in Self.names {
                let want = try XCTUnwrap(expected[name]?[i], "shapely gave no \(name) for pair \(i)")
                if let o = ours[name], o != want { mismatches.append("pair \(i) \(name): ours \(o) shapely \(want)") }
                if let p = preparedAnswers[name], p != want {
                    mismatches.append("pair \(i) prepared \(name): \(p) vs \(want)")
                }
                if want { trueCounts[name, default: 0] += 1 }
            }
        }
        XCTAssertEqual(mismatches, [], "\(mismatches.count) disagreements, first: \(mismatches.prefix(5))")
        // The generated pairs exercise both answers of every predicate.
        for name in Self.names {
            XCTAssertGreaterThan(trueCounts[name, default: 0], 5, "\(name) is rarely true in the generated pairs")
            XCTAssertLessThan(trueCounts[name, default: 0], pairs.count - 5, "\(name) is rarely false")
        }
    }
}

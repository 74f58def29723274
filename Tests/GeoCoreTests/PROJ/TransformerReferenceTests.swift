import Foundation
import GeoCore
import TestSupport
import XCTest

/// Transforms checked against pyproj (its own bundled PROJ) on generated points.
final class TransformerReferenceTests: XCTestCase {
    /// One pair of CRSs, the region points are drawn from, and the tolerance in
    /// target units (1 mm for metres, ~1 mm for degrees).
    private struct Case {
        var source: String
        var target: String
        var lon: ClosedRange<Double>
        var lat: ClosedRange<Double>
        var tolerance: Double
        var inverseTolerance: Double
    }

    private static let millimetreInDegrees = 1e-8  // 1e-8° of latitude ≈ 1.1 mm

    private let cases: [Case] = [
        Case(source: "EPSG:4326", target: "EPSG:3857", lon: -179.9...179.9, lat: -85...85, tolerance: 1e-3,
             inverseTolerance: millimetreInDegrees),
        Case(source: "EPSG:4326", target: "EPSG:6678", lon: 138.5...141.5, lat: 36.5...40.5, tolerance: 1e-3,
             inverseTolerance: millimetreInDegrees),
        Case(source: "EPSG:4326", target: "EPSG:6668", lon: 122...154, lat: 20...46, tolerance: millimetreInDegrees,
             inverseTolerance: millimetreInDegrees),
        Case(source: "EPSG:4326", target: "EPSG:32654", lon: 138...144, lat: 30...46, tolerance: 1e-3,
             inverseTolerance: millimetreInDegrees),
        Case(source: "EPSG:6668", target: "+proj=tmerc +lat_0=38 +lon_0=140.25 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m",
             lon: 139...141.5, lat: 37...39.5, tolerance: 1e-3, inverseTolerance: millimetreInDegrees),
        Case(source: "EPSG:6678", target: "EPSG:3857", lon: -150_000...150_000, lat: -300_000...100_000,
             tolerance: 1e-3, inverseTolerance: 1e-3),
    ]

    private struct Request: Encodable {
        var source: String
        var target: String
        var points: [[Double]]
    }

    /// Asks pyproj (always_xy) for forward transforms of every case's points.
    private func pyprojForward(_ payload: [Request]) throws -> [[[Double]]] {
        let script = """
            import json, sys
            from pyproj import Transformer
            out = []
            for case in json.load(sys.stdin):
                t = Transformer.from_crs(case["source"], case["target"], always_xy=True)
                xs, ys = t.transform([p[0] for p in case["points"]], [p[1] for p in case["points"]])
                out.append([[x, y] for x, y in zip(xs, ys)])
            json.dump(out, sys.stdout)
            """
        return try ReferencePython.decode([[[Double]]].self, script, packages: ["pyproj"], sending: payload)
    }

    func testForwardAndInverseAgreeWithPyproj() throws {
        var random = SeededRandom(seed: 0x6678)
        var inputs: [[Coordinate]] = []
        for c in cases {
            inputs.append((0..<1_200).map { _ in
                Coordinate(x: random.double(in: c.lon), y: random.double(in: c.lat))
            })
        }
        let payload = zip(cases, inputs).map { c, points in
            Request(source: c.source, target: c.target, points: points.map { [$0.x, $0.y] })
        }
        let expected = try pyprojForward(payload)
        XCTAssertEqual(expected.count, cases.count)

        for (index, c) in cases.enumerated() {
            let transformer = try Transformer(from: CRS(c.source), to: CRS(c.target))
            var batch = inputs[index]
            try transformer.transform(&batch)
            XCTAssertEqual(batch.count, expected[index].count)
            var worst = 0.0
            for (i, got) in batch.enumerated() {
                let want = expected[index][i]
                worst = max(worst, abs(got.x - want[0]), abs(got.y - want[1]))
                if i % 97 == 0 {
                    // The single-point path must give the batch's answer exactly.
                    XCTAssertEqual(try transformer.transform(inputs[index][i]), got, "\(c.source)→\(c.target) #\(i)")
                }
            }
            XCTAssertLessThanOrEqual(worst, c.tolerance, "\(c.source) → \(c.target): worst difference \(worst)")

            // And back: the inverse must return the original points.
            try transformer.transform(&batch, direction: .inverse)
            var worstBack = 0.0
            for (got, original) in zip(batch, inputs[index]) {
                worstBack = max(worstBack, abs(got.x - original.x), abs(got.y - original.y))
            }
            XCTAssertLessThanOrEqual(worstBack, c.inverseTolerance, "\(c.target) → \(c.source) round trip: \(worstBack)")
        }
    }

    func testInverseAgreesWithPyprojFromProjectedPoints() throws {
        // Points drawn in EPSG:6678 metres around Nagai, taken back to lon/lat by both.
        var random = SeededRandom(seed: 42)
        let points = (0..<1_000).map { _ in
            Coordinate(x: random.double(in: -120_000 ... -20_000), y: random.double(in: -260_000 ... -160_000))
        }
        let expected = try pyprojForward([
            Request(source: "EPSG:6678", target: "EPSG:4326", points: points.map { [$0.x, $0.y] })
        ])[0]
        let transformer = try Transformer(from: .wgs84, to: CRS("EPSG:6678"))
        let back = try transformer.transformed(points, direction: .inverse)
        for (got, want) in zip(back, expected) {
            assertClose(got, Coordinate(x: want[0], y: want[1]), tolerance: Self.millimetreInDegrees)
        }
    }

    func testInteropReferencePoints() throws {
        // The values INTEROP.md records for Nagai city hall's neighbourhood.
        let nagai = Coordinate(lon: 140.04, lat: 38.107)
        let mercator = try Transformer(from: .wgs84, to: .webMercator).transform(nagai)
        assertClose(mercator, Coordinate(x: 15_589_181.4907, y: 4_594_552.3710), tolerance: 1e-3)
        let plane = try Transformer(from: .wgs84, to: CRS("EPSG:6678")).transform(nagai)
        assertClose(plane, Coordinate(x: -69_572.6311, y: -209_836.0053), tolerance: 1e-3)
    }

    func testBoundingBoxesAgreeWithPyprojTransformBounds() throws {
        var random = SeededRandom(seed: 7)
        var boxes: [BoundingBox] = []
        for _ in 0..<200 {
            let w = random.double(in: 138.5...141), s = random.double(in: 37...39.5)
            boxes.append(BoundingBox(west: w, south: s, east: w + random.double(in: 0.001...1.5),
                                     north: s + random.double(in: 0.001...1)))
        }
        let script = """
            import json, sys
            from pyproj import Transformer
            req = json.load(sys.stdin)
            out = {}
            for target in req["targets"]:
                t = Transformer.from_crs("EPSG:4326", target, always_xy=True)
                out[target] = [list(t.transform_bounds(*b, densify_pts=21)) for b in req["boxes"]]
                back = [t.transform_bounds(*b, densify_pts=21) for b in req["boxes"]]
                out[target + " inverse"] = [list(t.transform_bounds(*b, densify_pts=21, direction="INVERSE"))
                                            for b in back]
            json.dump(out, sys.stdout)
            """
        let targets = ["EPSG:3857", "EPSG:6678", "EPSG:32654"]
        struct BoundsRequest: Encodable {
            var targets: [String]
            var boxes: [[Double]]
        }
        let expected = try ReferencePython.decode([String: [[Double]]].self, script, packages: ["pyproj"],
                                                  sending: BoundsRequest(targets: targets, boxes: boxes.map(\.array)))
        for target in targets {
            let transform = try CRSTransform(from: .wgs84, to: CRS(target))
            let want = try XCTUnwrap(expected[target])
            let wantBack = try XCTUnwrap(expected[target + " inverse"])
            for ((box, reference), referenceBack) in zip(zip(boxes, want), wantBack) {
                let got = try transform.transform(box)
                for (a, b) in zip(got.array, reference) { assertClose(a, b, tolerance: 1e-3, "\(target) \(box)") }
                // The projected box back to degrees, as pyproj's INVERSE direction does it.
                let back = try transform.inverse.transform(got)
                for (a, b) in zip(back.array, referenceBack) { assertClose(a, b, tolerance: 1e-8, "\(target) back") }
            }
        }
    }
}

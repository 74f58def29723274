import Foundation
import GeoCore
import TestSupport
import XCTest

/// Writing GeoJSON: orientation against shapely, precision, determinism, GDAL.
final class GeoJSONWriterTests: XCTestCase {
    /// A star-shaped ring around `center` (radii in `radius`), closed, in random direction.
    private func starRing(
        center: Coordinate, radius: ClosedRange<Double>, vertices: Int,
        using rng: inout SeededRandom
    ) -> [Coordinate] {
        var ring: [Coordinate] = []
        for k in 0..<vertices {
            let angle = Double(k) / Double(vertices) * 2 * .pi
            let r = Double.random(in: radius, using: &rng)
            ring.append(Coordinate(x: center.x + r * cos(angle), y: center.y + r * sin(angle)))
        }
        if Bool.random(using: &rng) { ring.reverse() }
        ring.append(ring[0])
        return ring
    }

    private func randomPolygon(using rng: inout SeededRandom) -> PolygonRings {
        let center = Coordinate(
            x: Double.random(in: 139.88...140.13, using: &rng), y: Double.random(in: 38.03...38.20, using: &rng))
        let size = Double.random(in: 0.0005...0.02, using: &rng)
        let exterior = starRing(
            center: center, radius: size * 0.6...size, vertices: Int.random(in: 3...40, using: &rng),
            using: &rng)
        var holes: [[Coordinate]] = []
        for h in 0..<Int.random(in: 0...2, using: &rng) {
            let offset = (h == 0 ? -1.0 : 1.0) * size * 0.3
            holes.append(
                starRing(
                    center: Coordinate(x: center.x + offset, y: center.y), radius: size * 0.1...size * 0.2,
                    vertices: Int.random(in: 3...12, using: &rng), using: &rng))
        }
        return PolygonRings(exterior: exterior, holes: holes)
    }

    /// 1,200 random polygons and multipolygons with random ring directions: shapely
    /// reads our output and finds every exterior counter-clockwise (`is_ccw`), every
    /// hole clockwise, the rings equal to `orient(polygon, 1.0)` of the input, and
    /// the same area.
    func testRightHandRuleMatchesShapelyOrient() throws {
        var rng = SeededRandom(seed: 42)
        var features: [Feature] = []
        var inputs: [JSONValue] = []
        for i in 0..<1200 {
            let parts =
                i % 4 == 3 ? [randomPolygon(using: &rng), randomPolygon(using: &rng)] : [randomPolygon(using: &rng)]
            features.append(Feature(id: "p\(i)", shape: parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(parts)))
            inputs.append(
                .array(
                    parts.map { polygon in
                        .array(polygon.rings.map { ring in .array(ring.map { [.double($0.x), .double($0.y)] }) })
                    }))
        }
        let written = try GeoJSONWriter().data(for: features)
        let payload: JSONValue = [
            "written": .string(String(decoding: written, as: UTF8.self)), "input": .array(inputs),
        ]
        let script = """
            import json, sys
            from shapely.geometry import shape, Polygon, LinearRing
            from shapely.geometry.polygon import orient
            data = json.load(sys.stdin)
            features = json.loads(data['written'])['features']
            problems, rings = [], 0
            for i, (feature, parts) in enumerate(zip(features, data['input'])):
                geom = shape(feature['geometry'])
                polys = list(geom.geoms) if geom.geom_type == 'MultiPolygon' else [geom]
                for poly, rings_in in zip(polys, parts):
                    rounded = [[(round(x, 7), round(y, 7)) for x, y in ring] for ring in rings_in]
                    expected = orient(Polygon(rounded[0], rounded[1:]), 1.0)
                    if not LinearRing(poly.exterior.coords).is_ccw: problems.append((i, 'exterior not ccw'))
                    for hole in poly.interiors:
                        rings += 1
                        if LinearRing(hole.coords).is_ccw: problems.append((i, 'hole ccw'))
                    if list(poly.exterior.coords) != list(expected.exterior.coords): problems.append((i, 'exterior differs'))
                    if [list(h.coords) for h in poly.interiors] != [list(h.coords) for h in expected.interiors]:
                        problems.append((i, 'holes differ'))
                    if abs(poly.area - expected.area) > 1e-12 * max(1.0, expected.area): problems.append((i, 'area'))
                    rings += 1
            print(json.dumps({'features': len(features), 'rings': rings, 'problems': problems[:20]}))
            """
        let answer = try XCTUnwrap(
            try ReferencePython.json(script, packages: ["shapely"], input: payload.jsonData())
                as? [String: Any])
        XCTAssertEqual(answer["features"] as? Int, 1200)
        XCTAssertGreaterThan(answer["rings"] as? Int ?? 0, 2000)
        XCTAssertEqual((answer["problems"] as? [Any])?.count, 0, "\(answer["problems"] ?? "")")
    }

    func testPrecisionNoExponentNoTrailingZerosNoCRS() throws {
        let feature = Feature(
            id: "0101",
            shape: .lineString([
                Coordinate(x: 140.123456789, y: 38.1), Coordinate(x: 1e-9, y: -0.00000006),
                Coordinate(x: 140, y: 38.12345675),
            ]), properties: ["z": 1, "a": "長井", "m": 0.1])
        let text = String(decoding: try GeoJSONWriter().data(for: [feature]), as: UTF8.self)
        XCTAssertEqual(
            text,
            """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"0101","geometry":{"type":"LineString","coordinates":[[140.1234568,38.1],[0,-0.0000001],[140,38.1234568]]},"properties":{"a":"長井","m":0.1,"z":1}}
            ]}

            """)
        XCTAssertFalse(text.contains("crs"))
        let three = String(
            decoding: try GeoJSONWriter(options: .init(maxFractionDigits: 3)).data(
                for: .point(Coordinate(x: 139.99999, y: 38.0005))), as: UTF8.self)
        XCTAssertEqual(three, #"{"type":"Point","coordinates":[140,38.001]}"#)
        XCTAssertThrowsError(try GeoJSONWriter().data(for: .point(Coordinate(x: .nan, y: 1))))
        XCTAssertEqual(
            String(decoding: try GeoJSONWriter().data(for: []), as: UTF8.self),
            "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
    }

    func testIdenticalInputsGiveIdenticalBytesAndRoundTrip() throws {
        var rng = SeededRandom(seed: 7)
        var first: [Feature] = []
        var second: [Feature] = []
        for i in 0..<300 {
            let keys = (0..<8).map { "key\($0)" }
            var a: [String: JSONValue] = [:]
            var b: [String: JSONValue] = [:]
            for k in keys { a[k] = .double(Double(i) / 7) }
            for k in keys.reversed() { b[k] = .double(Double(i) / 7) }
            let shape: Shape = .polygon(randomPolygon(using: &rng))
            first.append(Feature(id: "\(i)", shape: shape, properties: a))
            second.append(Feature(id: "\(i)", shape: shape, properties: b))
        }
        let one = try GeoJSONWriter().data(for: first)
        let two = try GeoJSONWriter().data(for: second)
        XCTAssertEqual(one, two)
        // Reading back gives the input rounded to 7 decimals (and right-handed).
        let back = try GeoJSONReader.read(data: one, name: "rt.geojson").features
        XCTAssertEqual(back.count, 300)
        for (original, read) in zip(first, back) {
            XCTAssertEqual(read.id, original.id)
            XCTAssertEqual(read.properties, original.properties)
            guard case .polygon(let p) = read.shape, case .polygon(let q) = original.shape else { return XCTFail() }
            XCTAssertEqual(p.exterior.count, q.exterior.count)
            XCTAssertEqual(p.holes.count, q.holes.count)
            let inputPoints = Set(
                q.exterior.map { "\(NumberText.decimal($0.x) ?? ""),\(NumberText.decimal($0.y) ?? "")" })
            let readPoints = Set(
                p.exterior.map { "\(NumberText.decimal($0.x) ?? ""),\(NumberText.decimal($0.y) ?? "")" })
            XCTAssertEqual(inputPoints, readPoints)
        }
        // Writing what was read gives the same bytes again.
        XCTAssertEqual(try GeoJSONWriter().data(for: back), one)
    }

    func testStreamWriterMatchesBatchAndWritesAtomically() throws {
        let folder = try makeTemporaryDirectory("geojson-stream")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("points.geojson")
        var features: [Feature] = []
        for i in 0..<50_000 {
            features.append(
                Feature(
                    id: "s\(i)", shape: .point(Coordinate(x: 140 + Double(i) * 1e-6, y: 38.1)),
                    properties: ["n": .int(i), "kind": i % 2 == 0 ? "even" : "odd"]))
        }
        let stream = try GeoJSONStreamWriter(output: try ByteOutput(atomicallyWritingTo: url))
        for feature in features.prefix(25_000) { try stream.write(feature) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        for feature in features.dropFirst(25_000) { try stream.write(feature) }
        try stream.finish()
        XCTAssertEqual(stream.count, 50_000)
        XCTAssertEqual(try Data(contentsOf: url), try GeoJSONWriter().data(for: features))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["points.geojson"])
        let count = try ReferencePython.run(
            "import json,sys; print(len(json.load(open(sys.argv[1]))['features']))",
            packages: [], arguments: [url.path])
        XCTAssertEqual(String(decoding: count, as: UTF8.self), "50000\n")
    }

    /// GDAL's GeoJSON driver opens what we write and sees the same features and values.
    func testOgrinfoOpensWrittenFile() throws {
        let ogrinfo = "/usr/bin/ogrinfo"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: ogrinfo), "GDAL's ogrinfo is not installed")
        let folder = try makeTemporaryDirectory("geojson-ogr")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("schools.geojson")
        var rng = SeededRandom(seed: 3)
        var features = [
            Feature(
                id: "0101", shape: .point(Coordinate(x: 140.0412, y: 38.1071)),
                properties: ["name": "長井小学校", "pupils": 412, "ratio": 0.25])
        ]
        for i in 0..<99 {
            features.append(
                Feature(
                    id: "p\(i)", shape: .polygon(randomPolygon(using: &rng)),
                    properties: ["name": .string("zone \(i)"), "pupils": .int(i), "ratio": .double(Double(i) / 8)]))
        }
        try GeoJSONWriter().write(features, to: url)
        let summary = String(decoding: try Shell.run(ogrinfo, ["-ro", "-al", "-so", url.path]), as: UTF8.self)
        XCTAssertTrue(summary.contains("Feature Count: 100"), summary)
        XCTAssertTrue(summary.contains("name: String"), summary)
        XCTAssertTrue(summary.contains("pupils: Integer"), summary)
        XCTAssertTrue(summary.contains("ratio: Real"), summary)
        XCTAssertTrue(summary.contains("Extent: (139.8"), summary)
        let first = String(
            decoding: try Shell.run(ogrinfo, ["-ro", "-al", "-where", "pupils = 412", url.path]), as: UTF8.self)
        XCTAssertTrue(first.contains("name (String) = 長井小学校"), first)
        XCTAssertTrue(first.contains("POINT (140.0412 38.1071)"), first)
    }
}

import Foundation
import GeoCore
import TestSupport
import XCTest

/// WKT, WKB (binary and hex) and GeoJSON in and out on 1,200 generated shapes of
/// every kind, checked against shapely's writers and readers, plus Shape round trips.
final class GeometryIOTests: XCTestCase {
    private struct Expected: Decodable {
        var wkbHex: [String]
        var wkbHexBig: [String]
        var wkt: [String]
        var geojson: [String]
        /// Type name, number of parts and of coordinates.
        var structure: [[String]]
        /// Whether shapely reads back exactly what we wrote (WKT, WKB, GeoJSON).
        var readsOurs: [[Bool]]
    }

    func testRoundTripsAgreeWithShapely() throws {
        var random = SeededRandom(seed: 0x10AD)
        let area = BoundingBox(minX: -180, minY: -90, maxX: 180, maxY: 90)
        let shapes = (0..<1_200).map { _ in ShapeFixtures.anyShape(&random, in: area, size: 20) }
        let context = try GEOSContext()
        let geometries = try shapes.map { try Geometry($0, context: context) }
        let ourWKT = try geometries.map { try $0.wkt() }
        let ourWKB = try geometries.map { try $0.wkbHex() }
        let ourGeoJSON = try geometries.map { try $0.geoJSON() }
        func strings(_ values: [String]) throws -> String {
            String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        }
        let input =
            "{\"a\":\(ShapeFixtures.jsonArray(shapes)),\"wkt\":\(try strings(ourWKT)),"
            + "\"wkb\":\(try strings(ourWKB)),\"geojson\":\(try strings(ourGeoJSON))}"
        let expected = try ReferencePython.decode(
            Expected.self,
            """
            import json, sys
            import shapely
            from shapely.geometry import shape
            data = json.load(sys.stdin)
            a = [shape(g) for g in data["a"]]
            same = lambda x, y: bool(shapely.equals_exact(x, y, tolerance=0))
            # Full-precision WKT has 16 significant digits, so it may move the 17th.
            close = lambda x, y: bool(shapely.equals_exact(x, y, tolerance=1e-12))
            json.dump({
                "wkbHex": [shapely.to_wkb(g, hex=True, output_dimension=2) for g in a],
                "wkbHexBig": [shapely.to_wkb(g, hex=True, output_dimension=2, byte_order=0) for g in a],
                "wkt": [shapely.to_wkt(g, rounding_precision=-1, trim=True) for g in a],
                "geojson": [shapely.to_geojson(g) for g in a],
                "structure": [[g.geom_type, str(shapely.get_num_geometries(g)), str(shapely.get_num_coordinates(g))]
                              for g in a],
                "readsOurs": [[close(shapely.from_wkt(w), g), same(shapely.from_wkb(b), g), same(shapely.from_geojson(j), g)]
                              for g, w, b, j in zip(a, data["wkt"], data["wkb"], data["geojson"])],
            }, sys.stdout)
            """, packages: ["shapely"], input: Data(input.utf8))

        for (i, g) in geometries.enumerated() {
            // Writers: byte for byte what shapely writes.
            XCTAssertEqual(ourWKB[i], expected.wkbHex[i], "WKB hex \(i)")
            XCTAssertEqual(try g.wkbHex(byteOrder: .bigEndian), expected.wkbHexBig[i], "big-endian WKB \(i)")
            XCTAssertEqual(try g.wkb(), try XCTUnwrap(Data(hex: expected.wkbHex[i])), "WKB \(i)")
            XCTAssertEqual(expected.readsOurs[i], [true, true, true], "shapely reads our WKT/WKB/GeoJSON \(i)")
            // GeoJSON: the same JSON values as shapely's writer.
            XCTAssertEqual(try jsonValue(ourGeoJSON[i]), try jsonValue(expected.geojson[i]), "GeoJSON \(i)")
            // WKT text: the same as shapely's (16 significant digits, trimmed), except that
            // GEOS 3.12 started writing MultiPoint members in parentheses.
            var theirs = expected.wkt[i]
            if theirs.hasPrefix("MULTIPOINT ((") {
                theirs = theirs.replacingOccurrences(of: "((", with: "(").replacingOccurrences(of: "))", with: ")")
                    .replacingOccurrences(of: "), (", with: ", ")
            }
            XCTAssertEqual(ourWKT[i], theirs, "WKT \(i)")
            // Readers: shapely's bytes give back exactly our geometry, its text to 1e-12.
            for other in [
                try Geometry(wkbHex: expected.wkbHex[i], context: context),
                try Geometry(wkbHex: expected.wkbHexBig[i].lowercased(), context: context),
                try Geometry(wkb: try XCTUnwrap(Data(hex: expected.wkbHexBig[i])), context: context),
                try Geometry(geoJSON: expected.geojson[i], context: context),
            ] {
                XCTAssertTrue(try g.equalsExact(other), "reading shapely's output \(i)")
            }
            XCTAssertTrue(
                try g.equalsExact(Geometry(wkt: expected.wkt[i], context: context), tolerance: 1e-12),
                "reading shapely's WKT \(i)")
            XCTAssertEqual(
                [try g.type.rawValue, "\(try g.partCount)", "\(try g.coordinateCount)"], expected.structure[i],
                "type and counts \(i)")
            XCTAssertTrue(try g.clone().equalsExact(g), "clone \(i)")
            // Shape → Geometry → Shape is the identity, also through WKB and GeoJSON.
            XCTAssertEqual(try g.shape(), shapes[i], "shape round trip \(i)")
            XCTAssertEqual(try Geometry(wkb: g.wkb(), context: context).shape(), shapes[i], "WKB round trip \(i)")
            XCTAssertEqual(
                try Geometry(geoJSON: ourGeoJSON[i], context: context).shape(), shapes[i],
                "GeoJSON round trip \(i)")
        }
    }

    func testRoundedWKTMatchesShapely() throws {
        var random = SeededRandom(seed: 0x3D1)
        let shapes = (0..<200).map { _ in
            ShapeFixtures.anyShape(&random, in: BoundingBox(minX: 130, minY: 30, maxX: 145, maxY: 45), size: 1)
        }
        let input = "{\"a\":\(ShapeFixtures.jsonArray(shapes))}"
        let expected = try ReferencePython.decode(
            [String].self,
            """
            import json, sys
            import shapely
            from shapely.geometry import shape
            json.dump([shapely.to_wkt(shape(g), rounding_precision=3, trim=True)
                       for g in json.load(sys.stdin)["a"]], sys.stdout)
            """, packages: ["shapely"], input: Data(input.utf8))
        let context = try GEOSContext()
        for (i, shape) in shapes.enumerated() {
            // Same rounding: equal geometries after reading both back.
            let ours = try Geometry(wkt: Geometry(shape, context: context).wkt(precision: 3), context: context)
            XCTAssertTrue(try ours.equalsExact(Geometry(wkt: expected[i], context: context), tolerance: 0), "\(i)")
        }
    }

    func testEmptyGeometries() throws {
        let context = try GEOSContext()
        for (wkt, shape) in [
            ("LINESTRING EMPTY", Shape.lineString([])),
            ("POLYGON EMPTY", .polygon(PolygonRings(exterior: []))),
            ("MULTIPOLYGON EMPTY", .multiPolygon([])),
            ("GEOMETRYCOLLECTION EMPTY", .geometryCollection([])),
            ("POINT EMPTY", .multiPoint([])),
        ] {
            let g = try Geometry(wkt: wkt, context: context)
            XCTAssertTrue(try g.isEmpty, wkt)
            XCTAssertNil(try g.bounds, wkt)
            XCTAssertEqual(try g.shape(), shape, wkt)
        }
        XCTAssertEqual(try Geometry(.polygon(PolygonRings(exterior: [])), context: context).wkt(), "POLYGON EMPTY")
    }

    private func jsonValue(_ text: String) throws -> NSObject {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSObject)
    }
}

extension Data {
    /// Bytes from hex text, or nil if it is not hex.
    init?(hex: String) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in hex.utf8 {
            guard let v = UInt8(String(UnicodeScalar(c)), radix: 16) else { return nil }
            if let h = high {
                bytes.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        guard high == nil else { return nil }
        self.init(bytes)
    }
}

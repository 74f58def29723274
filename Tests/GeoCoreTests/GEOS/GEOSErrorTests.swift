import Foundation
import GeoCore
import TestSupport
import XCTest

/// Failures reach Swift as `GEOSError` carrying GEOS's own message: checked against
/// the messages shapely's GEOS gives for the same 1,200 broken inputs.
final class GEOSErrorTests: XCTestCase {
    private struct Outcome: Decodable {
        var ok: Bool
        var message: String
    }

    /// Broken WKT made by cutting valid WKT short, misspelling or prefixing its type
    /// word, or breaking ring rules. (Not by garbling numbers or adding trailing text:
    /// GEOS 3.11, ours, reads `POINT (1 2)x` as the point and `7 .9 8` as x y z, where
    /// shapely's GEOS ≥ 3.12 refuses both.)
    private func brokenWKT() throws -> [String] {
        var random = SeededRandom(seed: 0xE220)
        let context = try GEOSContext()
        let words = ["POLIGON", "POINTS", "LINE", "MULTI", "X", "(", "1", "EMPTY("]
        var texts: [String] = []
        while texts.count < 1_200 {
            let shape = ShapeFixtures.anyShape(&random, in: BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10), size: 2)
            let wkt = try Geometry(shape, context: context).wkt(precision: 2)
            switch random.int(in: 0...3) {
            case 0, 1: texts.append(String(wkt.prefix(random.int(in: 0...(wkt.count - 1)))))
            case 2:
                let word = words[random.int(in: 0...(words.count - 1))]
                let rest = wkt.drop { $0 != " " }
                texts.append(random.int(in: 0...1) == 0 ? word + rest : word + " " + wkt)
            default:
                texts.append(
                    [
                        "POLYGON ((0 0, 1 0, 1 1, 0 0.5))", "LINESTRING (1 1)", "POLYGON ((0 0, 1 1, 0 0))",
                        "MULTIPOLYGON (((0 0, 1 0, 1 1)))", "", "POINT ()", "POINT (1)",
                        "LINEARRING (0 0, 1 0, 1 1)",
                    ][random.int(in: 0...7)])
            }
        }
        return texts
    }

    func testBrokenWKTGivesGEOSMessages() throws {
        let texts = try brokenWKT()
        let input = String(decoding: try JSONEncoder().encode(texts), as: UTF8.self)
        let expected = try ReferencePython.decode(
            [Outcome].self,
            """
            import json, sys
            import shapely
            out = []
            for text in json.load(sys.stdin):
                try:
                    shapely.from_wkt(text)
                    out.append({"ok": True, "message": ""})
                except Exception as e:
                    out.append({"ok": False, "message": str(e)})
            json.dump(out, sys.stdout)
            """, packages: ["shapely"], input: Data(input.utf8))
        let context = try GEOSContext()
        var failures = 0
        var sameMessage = 0
        for (i, text) in texts.enumerated() {
            do {
                _ = try Geometry(wkt: text, context: context)
                XCTAssertTrue(expected[i].ok, "we read \(text.debugDescription), shapely said \(expected[i].message)")
            } catch {
                failures += 1
                XCTAssertEqual(error.function, "GEOSWKTReader_read_r")
                XCTAssertFalse(expected[i].ok, "we rejected \(text.debugDescription): \(error.message)")
                // GEOS's message, as shapely shows it; newer GEOS words a few differently,
                // but the kind of exception is always the same.
                if error.message == expected[i].message { sameMessage += 1 }
                let kind = { (m: String) in m.split(separator: ":").first.map(String.init) ?? m }
                XCTAssertEqual(kind(error.message), kind(expected[i].message), "\(text.debugDescription)")
            }
        }
        XCTAssertGreaterThan(failures, 800)
        XCTAssertGreaterThan(sameMessage, failures * 9 / 10, "messages should mostly be word for word GEOS's")
    }

    func testBrokenBinaryAndGeoJSON() throws {
        let context = try GEOSContext()
        let cases: [(String, () throws(GEOSError) -> Geometry, String)] = [
            (
                "GEOSWKBReader_readHEX_r",
                { () throws(GEOSError) in try Geometry(wkbHex: "0101000000", context: context) },
                "ParseException"
            ),
            (
                "GEOSWKBReader_readHEX_r", { () throws(GEOSError) in try Geometry(wkbHex: "zz", context: context) },
                "ParseException"
            ),
            (
                "GEOSWKBReader_read_r",
                { () throws(GEOSError) in try Geometry(wkb: Data([1, 9, 0, 0, 0]), context: context) },
                "ParseException"
            ),
            (
                "GEOSGeoJSONReader_readGeometry_r",
                { () throws(GEOSError) in
                    try Geometry(geoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[1,1]"#, context: context)
                },
                "ParseException"
            ),
            (
                "GEOSGeom_createLinearRing_r",
                { () throws(GEOSError) in
                    try Geometry(
                        .polygon(
                            PolygonRings(exterior: [
                                Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0),
                                Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1),
                            ])),
                        context: context)
                }, "IllegalArgumentException"
            ),
        ]
        for (function, make, kind) in cases {
            do {
                _ = try make()
                XCTFail("\(function) accepted broken input")
            } catch {
                XCTAssertEqual(error.function, function)
                XCTAssertTrue(error.message.hasPrefix(kind), "\(function): \(error.message)")
                XCTAssertEqual(error.description, "GEOS \(function): \(error.message)")
            }
        }
        // The context recovers: later calls work and do not see the old message.
        XCTAssertEqual(try Geometry(wkt: "POINT (1 2)", context: context).shape(), .point(Coordinate(x: 1, y: 2)))
    }

    func testMixingContextsAndLateInsertsAreRefused() throws {
        let a = try GEOSContext()
        let b = try GEOSContext()
        let p = try Geometry(point: Coordinate(x: 0, y: 0), context: a)
        let q = try Geometry(point: Coordinate(x: 1, y: 1), context: b)
        XCTAssertThrowsError(try Geometry.collection([p, q], context: a))

        let index = try SpatialIndex(context: a)
        try index.insert(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        XCTAssertEqual(try index.query(BoundingBox(minX: 0.5, minY: 0.5, maxX: 2, maxY: 2)), [0])
        XCTAssertThrowsError(try index.insert(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))) { error in
            XCTAssertTrue("\(error)".contains("after the first query"))
        }
        XCTAssertThrowsError(try SpatialIndex(context: a).insert(q))
    }

    func testEachThreadHasItsOwnCurrentContext() throws {
        let here = try GEOSContext.current
        XCTAssertTrue(here === (try GEOSContext.current), "the same thread keeps its context")
        let box = ContextBox()
        let hereID = ObjectIdentifier(here)
        let thread = Thread {
            box.sameAsMain = (try? GEOSContext.current).map { ObjectIdentifier($0) == hereID }
            box.done.signal()
        }
        thread.start()
        box.done.wait()
        XCTAssertEqual(box.sameAsMain, false)
        XCTAssertTrue(GEOSContext.version.hasPrefix("3."), GEOSContext.version)
    }
}

/// Carries a result back from a test thread.
private final class ContextBox: @unchecked Sendable {
    var sameAsMain: Bool?
    let done = DispatchSemaphore(value: 0)
}

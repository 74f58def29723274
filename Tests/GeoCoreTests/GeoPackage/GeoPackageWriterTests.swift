import Foundation
import GeoCore
import TestSupport
import XCTest

final class GeoPackageWriterTests: XCTestCase {
    private let features = [
        Feature(shape: .point(Coordinate(lon: 140.0388, lat: 38.1078)),
                properties: ["site_id": "0101", "level_m": 2.25, "count": 3, "status": "warning"]),
        Feature(shape: .point(Coordinate(lon: 140.05, lat: 38.11)),
                properties: ["site_id": "0102", "level_m": 1, "count": 4, "status": .null]),
    ]
    private let polygon = Feature(
        shape: .polygon(PolygonRings(
            exterior: [Coordinate(x: 140, y: 38), Coordinate(x: 140.01, y: 38), Coordinate(x: 140.01, y: 38.01),
                       Coordinate(x: 140, y: 38.01), Coordinate(x: 140, y: 38)],
            holes: [[Coordinate(x: 140.002, y: 38.002), Coordinate(x: 140.002, y: 38.004),
                     Coordinate(x: 140.004, y: 38.004), Coordinate(x: 140.002, y: 38.002)]])),
        properties: ["mesh_code": "574010233", "tags": ["a", "b"]])

    func testOgrinfoReadsLayersFieldsAndGeometries() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("layers.gpkg")
        try GeoPackageWriter(lastChange: Date(timeIntervalSince1970: 1_659_484_800)).write(
            [.init(name: "flood-risk", features: features), .init(name: "census", features: [polygon])], to: url)

        let summary = String(decoding: try Shell.run("/usr/bin/ogrinfo", ["-so", "-al", url.path]), as: UTF8.self)
        XCTAssertTrue(summary.contains("Layer name: flood-risk"), summary)
        XCTAssertTrue(summary.contains("Geometry: Point"), summary)
        XCTAssertTrue(summary.contains("Feature Count: 2"), summary)
        XCTAssertTrue(summary.contains("level_m: Real"), summary)
        XCTAssertTrue(summary.contains("count: Integer"), summary)
        XCTAssertTrue(summary.contains("site_id: String"), summary)
        XCTAssertTrue(summary.contains("Extent: (140.038800, 38.107800) - (140.050000, 38.110000)"), summary)
        XCTAssertTrue(summary.contains("Layer name: census"), summary)
        XCTAssertTrue(summary.contains("Geometry: Polygon"), summary)

        let full = String(decoding: try Shell.run("/usr/bin/ogrinfo", ["-al", "-q", url.path, "census"]), as: UTF8.self)
        XCTAssertTrue(full.contains("mesh_code (String) = 574010233"), full)
        XCTAssertTrue(full.contains(#"tags (String) = ["a","b"]"#), full)
        // GDAL prints the geometry as WKT: compare it topologically with what we wrote.
        let wkt = try XCTUnwrap(full.split(separator: "\n").first { $0.contains("POLYGON") })
        let context = try GEOSContext()
        let read = try Geometry(wkt: wkt.trimmingCharacters(in: .whitespaces), context: context)
        XCTAssertTrue(try read.topologicallyEquals(Geometry(polygon.shape, context: context)), String(wkt))
        let points = String(decoding: try Shell.run("/usr/bin/ogrinfo", ["-al", "-q", url.path, "flood-risk"]), as: UTF8.self)
        XCTAssertTrue(points.contains("site_id (String) = 0101"), points)
        XCTAssertTrue(points.contains("POINT (140.0388 38.1078)"), points)
    }

    func testIdenticalInputsGiveIdenticalBytesAndNoTemporaryFilesRemain() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = GeoPackageWriter(lastChange: Date(timeIntervalSince1970: 0))
        let a = dir.appendingPathComponent("a.gpkg"), b = dir.appendingPathComponent("b.gpkg")
        try writer.write([.init(name: "x", features: features + [polygon])], to: a)
        try writer.write([.init(name: "x", features: features + [polygon])], to: b)
        XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b))
        // Writing again over an existing file replaces it.
        try writer.write([.init(name: "x", features: features)], to: a)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["a.gpkg", "b.gpkg"])
        let db = try SQLiteDatabase(path: a.path, mode: .readOnly)
        XCTAssertEqual(try db.scalar("PRAGMA application_id")?.int, 0x4750_4B47)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM x")?.int, 2)
    }
}

import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub inspect` on every kind of file the other commands read and write.
final class InspectEndToEndTests: XCTestCase {
    private static let shared = Locked<NagaiCopy?>(nil)

    override class func tearDown() {
        shared.withLock { $0 = nil }
        super.tearDown()
    }

    private func inspect(_ copy: NagaiCopy, _ file: URL) throws -> String {
        let result = try copy.succeed(["inspect", file.path])
        XCTAssertEqual(result.stderrText, "")
        return result.stdoutText
    }

    func testSourceCSVs() throws {
        let copy = try NagaiCopy.built(Self.shared)
        let levels = try inspect(copy, copy.data.appendingPathComponent("river_levels.csv"))
        let rows = try XCTUnwrap(
            (try ReferencePython.json(
                "import csv, sys, json; print(json.dumps([sum(1 for _ in csv.DictReader(open(sys.argv[1])))]))",
                packages: [], arguments: [copy.data.appendingPathComponent("river_levels.csv").path]) as? [Int])?.first)
        XCTAssertTrue(levels.contains("columns: site_id, timestamp, level_m (3)\n"), levels)
        XCTAssertTrue(levels.contains("records: \(rows) (0 malformed)\n"), levels)
        XCTAssertTrue(levels.contains("source: riverLevels of project Nagai"), levels)
        XCTAssertTrue(levels.contains("accepted rows: \(rows)\nrejected rows: 0\n"), levels)

        // The e-Stat file is Shift_JIS (Python's cp932 codec reads it; UTF-8 does not).
        let estat = copy.data.appendingPathComponent("tblT000876Q5740.txt")
        let decodes = try XCTUnwrap(
            try ReferencePython.json(
                """
                import sys, json
                raw = open(sys.argv[1], 'rb').read()
                def ok(codec):
                    try: raw.decode(codec); return True
                    except UnicodeDecodeError: return False
                print(json.dumps([ok('cp932'), ok('utf-8')]))
                """, packages: [], arguments: [estat.path]) as? [Bool])
        XCTAssertEqual(decodes, [true, false])
        let report = try inspect(copy, estat)
        XCTAssertTrue(report.contains("encoding: Shift_JIS (CP932)\n"), report)
        XCTAssertTrue(report.contains("columns: KEY_CODE, HTKSYORI, HTKSAKI, GASSAN, T000876001"), report)

        // A bad row is named as build names it, and children's device ids never appear.
        let gps = copy.data.appendingPathComponent("child_gps.csv")
        var text = try String(contentsOf: gps, encoding: .utf8)
        text += "DEV-SECRET-1,2022-09-09T07:30:00+09:00,not-a-latitude,140.03,12\n"
        try text.write(to: gps, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let gpsReport = try inspect(copy, gps)
        XCTAssertTrue(gpsReport.contains("rejected rows: 1\n"), gpsReport)
        XCTAssertTrue(gpsReport.contains("  child_gps.csv:\(lines): lat "), gpsReport)
        XCTAssertFalse(gpsReport.contains("DEV-SECRET-1"), "no device id in: \(gpsReport)")
        XCTAssertFalse(gpsReport.contains("not-a-latitude"), "no GPS value in: \(gpsReport)")
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: copy.project.appendingPathComponent("hub.sqlite-journal").path))
    }

    func testHubArchivesAndFeatureFiles() throws {
        let copy = try NagaiCopy.built(Self.shared)
        let hub = try inspect(copy, copy.project.appendingPathComponent("hub.sqlite"))
        XCTAssertTrue(hub.hasPrefix("hub.sqlite: geohub hub\nsources: 14\n"), hub)
        XCTAssertTrue(hub.contains("riverLevels: data/river_levels.csv\n"), hub)

        let out = copy.root.appendingPathComponent("out")
        try copy.succeed([
            "export", copy.project.path, "--out", out.path, "--layers", "basemap,wildlife", "--format",
            "mbtiles,pmtiles,geojson,gpkg", "--zoom", "11-12", "--quiet",
        ])
        // Tiles per zoom, as Python's sqlite3 counts them.
        let perZoom = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                print(json.dumps({str(z): n for z, n in db.execute('SELECT zoom_level, count(*) FROM tiles GROUP BY zoom_level')}))
                """, packages: [], arguments: [out.appendingPathComponent("basemap.mbtiles").path]) as? [String: Int])
        let mbtiles = try inspect(copy, out.appendingPathComponent("basemap.mbtiles"))
        XCTAssertTrue(mbtiles.contains("minzoom: 11\nmaxzoom: 12\n"), mbtiles)
        XCTAssertTrue(mbtiles.contains("tiles: \(perZoom.values.reduce(0, +)) ("), mbtiles)
        for (zoom, count) in perZoom { XCTAssertTrue(mbtiles.contains("  z\(zoom): \(count)\n"), mbtiles) }
        let pmtiles = try inspect(copy, out.appendingPathComponent("basemap.pmtiles"))
        XCTAssertTrue(pmtiles.contains("zooms: 11-12\n"), pmtiles)
        for (zoom, count) in perZoom { XCTAssertTrue(pmtiles.contains("  z\(zoom): \(count)\n"), pmtiles) }

        let geojson = try inspect(copy, out.appendingPathComponent("wildlife.geojson"))
        let counts = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, sys, collections
                from shapely.geometry import shape
                from shapely.ops import unary_union
                fs = json.load(open(sys.argv[1]))['features']
                c = collections.Counter(f['geometry']['type'] for f in fs)
                b = unary_union([shape(f['geometry']) for f in fs]).bounds
                print(json.dumps({'n': len(fs), 'types': ', '.join('%s %d' % kv for kv in sorted(c.items())), 'bounds': b}))
                """, packages: ["shapely"], arguments: [out.appendingPathComponent("wildlife.geojson").path])
                as? [String: Any])
        XCTAssertTrue(geojson.contains("features: \(try XCTUnwrap(counts["n"] as? Int))\n"), geojson)
        XCTAssertTrue(geojson.contains("geometry types: \(try XCTUnwrap(counts["types"] as? String))\n"), geojson)
        let bounds = try XCTUnwrap(counts["bounds"] as? [Double])
        let line = try XCTUnwrap(geojson.split(separator: "\n").first { $0.hasPrefix("bbox: [") })
        let printed = line.dropFirst("bbox: [".count).dropLast().split(separator: ",").compactMap {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        XCTAssertEqual(printed.count, 4)
        for (a, b) in zip(printed, bounds) { assertClose(a, b, tolerance: 1e-7) }

        let gpkg = try inspect(copy, out.appendingPathComponent("wildlife.gpkg"))
        XCTAssertTrue(gpkg.contains("application id: GPKG\ntables: 1\n"), gpkg)
        XCTAssertTrue(
            gpkg.contains("wildlife: features GEOMETRY, \(try XCTUnwrap(counts["n"] as? Int)) rows, EPSG:4326"), gpkg)

        let project = try inspect(copy, copy.project.appendingPathComponent("geohub.json"))
        XCTAssertTrue(project.contains("bbox: [139.88, 38.03, 140.13, 38.2]\ncrs: EPSG:6678\n"), project)
        XCTAssertTrue(project.contains("private layers: child-traffic\n"), project)

        let unknown = copy.root.appendingPathComponent("notes.bin")
        try Data([0, 1, 2, 3]).write(to: unknown)
        let refused = try copy.geohub(["inspect", unknown.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderrText.contains("cannot tell what notes.bin is"), refused.stderrText)
    }
}

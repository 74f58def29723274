import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub export` of every layer in every format on a copy of examples/nagai, the
/// files checked with tools no one here wrote: `ogrinfo` (GeoJSON, GeoPackage),
/// `gdalinfo` (MBTiles), Pillow (PNG tiles), the `pmtiles` package (PMTiles), Python's
/// json and sqlite3 modules, shapely and mercantile.
final class ExportEndToEndTests: XCTestCase {
    static let featureLayers = ["basemap", "bus-routes", "census-delta", "flood-risk", "wildlife"]
    static let surfaceLayers = ["child-traffic", "composite"]

    override class func tearDown() {
        SharedExport.release()
        super.tearDown()
    }

    private func export() throws -> (copy: NagaiCopy, out: URL) { try SharedExport.get() }

    private func tool(_ executable: String, _ arguments: [String]) throws -> Shell.Result {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw XCTSkip("\(executable) is not installed (Debian gdal-bin)")
        }
        return try Shell.capture(executable, arguments)
    }

    /// The feature count of a GeoJSON file as Python's json module reads it.
    private func featureCount(_ file: URL) throws -> Int {
        try XCTUnwrap(
            (try ReferencePython.json(
                "import json, sys; print([len(json.load(open(sys.argv[1]))['features'])])", packages: [],
                arguments: [file.path]) as? [Int])?.first)
    }

    func testEveryFileIsThere() throws {
        let (_, out) = try export()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        var expected: Set<String> = []
        for layer in Self.featureLayers + Self.surfaceLayers {
            expected.formUnion([layer, "\(layer).mbtiles", "\(layer).pmtiles"])
        }
        for layer in Self.featureLayers { expected.formUnion(["\(layer).geojson", "\(layer).gpkg"]) }
        XCTAssertEqual(names, expected, "no temporary file is left behind")
    }

    func testGeoJSONOpensInOgrinfoAndFollowsRFC7946() throws {
        let (_, out) = try export()
        for layer in Self.featureLayers {
            let file = out.appendingPathComponent("\(layer).geojson")
            let info = try tool("/usr/bin/ogrinfo", ["-ro", "-so", "-al", file.path])
            XCTAssertEqual(info.status, 0, info.stderrText)
            XCTAssertEqual(info.stderrText, "", "ogrinfo warns about \(layer): \(info.stderrText)")
            XCTAssertTrue(info.stdoutText.contains("using driver `GeoJSON' successful"), info.stdoutText)
            XCTAssertTrue(info.stdoutText.contains("Feature Count: \(try featureCount(file))\n"), info.stdoutText)
        }
        // RFC 7946: no crs member, counter-clockwise outer rings, at most 7 decimals.
        let check = try ReferencePython.json(
            """
            import json, re, sys
            from shapely.geometry import shape
            problems = []
            for path in sys.argv[1:]:
                text = open(path).read()
                doc = json.loads(text)
                if 'crs' in doc: problems.append(path + ': crs member')
                for line in text.splitlines():
                    geometry = line.split('"geometry"')[-1].split('"properties"')[0]
                    if re.search(r'\\.\\d{8,}', geometry): problems.append(path + ': more than 7 decimals')
                for f in doc['features']:
                    g = shape(f['geometry'])
                    polys = [g] if g.geom_type == 'Polygon' else list(g.geoms) if g.geom_type == 'MultiPolygon' else []
                    for p in polys:
                        if not p.exterior.is_ccw: problems.append(path + ': clockwise outer ring in ' + str(f.get('id')))
                        if any(r.is_ccw for r in p.interiors): problems.append(path + ': counter-clockwise hole')
            print(json.dumps(problems))
            """, packages: ["shapely"],
            arguments: Self.featureLayers.map { out.appendingPathComponent("\($0).geojson").path })
        XCTAssertEqual(check as? [String], [])
    }

    func testGeoPackageOpensInOgrinfo() throws {
        let (_, out) = try export()
        for layer in Self.featureLayers {
            let file = out.appendingPathComponent("\(layer).gpkg")
            let table = layer.replacingOccurrences(of: "-", with: "_")
            let info = try tool("/usr/bin/ogrinfo", ["-ro", "-so", file.path, table])
            XCTAssertEqual(info.status, 0, info.stderrText)
            XCTAssertEqual(info.stderrText, "", "ogrinfo warns about \(layer).gpkg: \(info.stderrText)")
            XCTAssertTrue(info.stdoutText.contains("using driver `GPKG' successful"), info.stdoutText)
            let count = try featureCount(out.appendingPathComponent("\(layer).geojson"))
            XCTAssertTrue(info.stdoutText.contains("Feature Count: \(count)\n"), "\(layer): \(info.stdoutText)")
        }
        // The flood gauges keep their ids in both files.
        let sql = try tool(
            "/usr/bin/ogrinfo",
            ["-ro", "-q", out.appendingPathComponent("flood-risk.gpkg").path, "-sql", "SELECT site_id FROM flood_risk"])
        let ids = try XCTUnwrap(
            try ReferencePython.json(
                "import json, sys; print(json.dumps(sorted(f['properties']['site_id'] for f in json.load(open(sys.argv[1]))['features'])))",
                packages: [], arguments: [out.appendingPathComponent("flood-risk.geojson").path]) as? [String])
        XCTAssertEqual(ids.count, 20)
        for id in ids { XCTAssertTrue(sql.stdoutText.contains("site_id (String) = \(id)\n"), id) }
    }

    func testMBTilesOpensInGdalinfoAndHoldsTheFolderTiles() throws {
        let (_, out) = try export()
        for layer in Self.featureLayers + Self.surfaceLayers {
            let file = out.appendingPathComponent("\(layer).mbtiles")
            let info = try tool(
                "/usr/bin/gdalinfo", ["--config", "GDAL_PAM_ENABLED", "NO", "-json", "-stats", file.path])
            XCTAssertEqual(info.status, 0, info.stderrText)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: info.stdout) as? [String: Any])
            XCTAssertEqual(object["driverShortName"] as? String, "MBTiles")
            let metadata = try XCTUnwrap((object["metadata"] as? [String: Any])?[""] as? [String: String])
            XCTAssertEqual(metadata["minzoom"], "10")
            XCTAssertEqual(metadata["maxzoom"], "12")
            XCTAssertEqual(metadata["name"], layer)
            XCTAssertEqual(metadata["format"], "png")
            let bands = try XCTUnwrap(object["bands"] as? [[String: Any]])
            XCTAssertEqual(bands.count, 4, "RGBA")
            XCTAssertGreaterThan(bands.last?["maximum"] as? Double ?? 0, 0, "\(layer): GDAL decodes something drawn")
        }
        // Every folder tile is in the MBTiles under its TMS row, byte for byte (Python's sqlite3).
        let mismatches = try ReferencePython.json(
            """
            import json, os, sqlite3, sys
            out = sys.argv[1]
            problems = []
            for layer in sys.argv[2:]:
                db = sqlite3.connect(os.path.join(out, layer + '.mbtiles'))
                rows = {(z, x, y): bytes(d) for z, x, y, d in db.execute('SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles')}
                folder = {}
                for root, _, files in os.walk(os.path.join(out, layer)):
                    for name in files:
                        if not name.endswith('.png'): continue
                        z, x = (int(p) for p in os.path.relpath(root, os.path.join(out, layer)).split('/'))
                        y = int(name[:-4])
                        folder[(z, x, (1 << z) - 1 - y)] = open(os.path.join(root, name), 'rb').read()
                if rows != folder: problems.append(layer)
                meta = dict(db.execute('SELECT name, value FROM metadata'))
                for key in ['name', 'format', 'bounds', 'center', 'minzoom', 'maxzoom', 'attribution']:
                    if key not in meta: problems.append(layer + ': no ' + key)
            print(json.dumps(problems))
            """, packages: [], arguments: [out.path] + Self.featureLayers + Self.surfaceLayers)
        XCTAssertEqual(mismatches as? [String], [])
    }

    func testPNGTilesDecodeWithPillowInsideTheCover() throws {
        let (copy, out) = try export()
        let bbox = "139.88,38.03,140.13,38.20"
        XCTAssertTrue(
            try String(contentsOf: copy.project.appendingPathComponent("geohub.json"), encoding: .utf8)
                .contains("[139.88, 38.03, 140.13, 38.20]"))
        let answer = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, os, sys, mercantile
                from PIL import Image
                out, bbox = sys.argv[1], [float(v) for v in sys.argv[2].split(',')]
                cover = {(t.z, t.x, t.y) for t in mercantile.tiles(*bbox, zooms=[10, 11, 12])}
                report = {}
                for layer in sys.argv[3:]:
                    count, problems = 0, []
                    for root, _, files in os.walk(os.path.join(out, layer)):
                        for name in files:
                            if not name.endswith('.png'): continue
                            z, x = (int(p) for p in os.path.relpath(root, os.path.join(out, layer)).split('/'))
                            im = Image.open(os.path.join(root, name)); im.load()
                            rgba = im.convert('RGBA')
                            count += 1
                            if im.size != (256, 256): problems.append('size')
                            if rgba.getextrema()[3][1] == 0: problems.append('blank tile written')
                            if (z, x, int(name[:-4])) not in cover: problems.append('outside the cover')
                    report[layer] = [count, sorted(set(problems))]
                print(json.dumps(report))
                """, packages: ["pillow", "mercantile"],
                arguments: [out.path, bbox] + Self.featureLayers + Self.surfaceLayers) as? [String: [Any]])
        for layer in Self.featureLayers + Self.surfaceLayers {
            let entry = try XCTUnwrap(answer[layer], layer)
            XCTAssertGreaterThan(entry.first as? Int ?? 0, 0, "\(layer) has tiles")
            XCTAssertEqual(entry.last as? [String], [], layer)
        }
    }

    func testPMTilesReadByThePMTilesPackage() throws {
        let (_, out) = try export()
        let answer = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, os, sys
                from pmtiles.reader import Reader, MmapSource, all_tiles
                out = sys.argv[1]
                report = {}
                for layer in sys.argv[2:]:
                    with open(os.path.join(out, layer + '.pmtiles'), 'rb') as f:
                        source = MmapSource(f)
                        reader = Reader(source)
                        h = reader.header()
                        tiles = {t[0]: t[1] for t in all_tiles(source)}
                        folder = {}
                        for root, _, files in os.walk(os.path.join(out, layer)):
                            for name in files:
                                if name.endswith('.png'):
                                    z, x = (int(p) for p in os.path.relpath(root, os.path.join(out, layer)).split('/'))
                                    folder[(z, x, int(name[:-4]))] = open(os.path.join(root, name), 'rb').read()
                        report[layer] = [h['tile_type'].value, h['min_zoom'], h['max_zoom'], h['addressed_tiles_count'],
                                         tiles == folder, reader.metadata().get('name')]
                print(json.dumps(report))
                """, packages: ["pmtiles"], arguments: [out.path] + Self.featureLayers + Self.surfaceLayers)
                as? [String: [Any]])
        for layer in Self.featureLayers + Self.surfaceLayers {
            let entry = try XCTUnwrap(answer[layer], layer)
            XCTAssertEqual(entry[0] as? Int, 2, "\(layer): PNG tiles")
            XCTAssertEqual(entry[1] as? Int, 10)
            XCTAssertEqual(entry[2] as? Int, 12)
            XCTAssertGreaterThan(entry[3] as? Int ?? 0, 0)
            XCTAssertEqual(entry[4] as? Bool, true, "\(layer): the archive holds exactly the folder's tiles")
            XCTAssertEqual(entry[5] as? String, layer)
        }
    }

    func testTileJSONDescribesTheFolder() throws {
        let (_, out) = try export()
        for layer in Self.featureLayers + Self.surfaceLayers {
            let data = try Data(contentsOf: out.appendingPathComponent("\(layer)/tilejson.json"))
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(object["tilejson"] as? String, "3.0.0")
            XCTAssertEqual(object["tiles"] as? [String], ["./{z}/{x}/{y}.png"])
            XCTAssertEqual(object["minzoom"] as? Int, 10)
            XCTAssertEqual(object["maxzoom"] as? Int, 12)
            XCTAssertEqual(object["bounds"] as? [Double], [139.88, 38.03, 140.13, 38.2])
            XCTAssertNotNil(object["legend"], layer)
        }
    }
}

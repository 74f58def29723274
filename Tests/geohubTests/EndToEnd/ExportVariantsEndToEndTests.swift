import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub export` variations on the same copy of examples/nagai: the same export again
/// (byte for byte), @2x tiles in a bounding box, and a rainfall scenario.
final class ExportVariantsEndToEndTests: XCTestCase {
    override class func tearDown() {
        SharedExport.release()
        super.tearDown()
    }

    private func export() throws -> (copy: NagaiCopy, out: URL) { try SharedExport.get() }

    private static var zooms: String { SharedExport.zooms }

    /// Identical inputs, identical bytes: a second export to another folder and a third
    /// over the first one.
    func testReExportsAreByteIdentical() throws {
        let (copy, out) = try export()
        let first = try FolderContents.files(out)
        let again = copy.root.appendingPathComponent("again")
        try copy.succeed([
            "export", copy.project.path, "--out", again.path, "--format", "tiles,mbtiles,pmtiles,geojson,gpkg",
            "--zoom", Self.zooms, "--quiet",
        ])
        let second = try FolderContents.files(again)
        XCTAssertEqual(Set(first.keys), Set(second.keys))
        for (path, bytes) in first where second[path] != bytes { XCTFail("\(path) differs between exports") }
        try copy.succeed([
            "export", copy.project.path, "--out", out.path, "--format", "tiles,mbtiles,pmtiles,geojson,gpkg",
            "--zoom", Self.zooms, "--quiet",
        ])
        XCTAssertEqual(try FolderContents.files(out), first, "an export over the same folder gives the same files")
        XCTAssertGreaterThan(first.count, 100)
    }

    func testRetinaTilesInABoundingBox() throws {
        let (copy, _) = try export()
        let out = copy.root.appendingPathComponent("retina")
        let bbox = "140.02,38.09,140.06,38.13"
        try copy.succeed([
            "export", copy.project.path, "--out", out.path, "--layers", "basemap", "--format", "tiles", "--zoom", "13",
            "--scale", "2", "--bbox", bbox, "--quiet",
        ])
        let answer = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, os, sys, mercantile
                from PIL import Image
                folder, bbox = sys.argv[1], [float(v) for v in sys.argv[2].split(',')]
                cover = {(13, t.x, t.y) for t in mercantile.tiles(*bbox, zooms=[13])}
                found, sizes, names = set(), set(), set()
                for root, _, files in os.walk(folder):
                    for name in files:
                        if name.endswith('.png'):
                            names.add(name.split('.')[0][-3:])
                            x = int(os.path.basename(root))
                            found.add((13, x, int(name.split('@')[0])))
                            sizes.add(Image.open(os.path.join(root, name)).size)
                print(json.dumps({'inside': found <= cover, 'count': len(found), 'cover': len(cover),
                                  'sizes': sorted(list(s) for s in sizes), 'suffixes': sorted(names)}))
                """, packages: ["pillow", "mercantile"],
                arguments: [out.appendingPathComponent("basemap").path, bbox]) as? [String: Any])
        XCTAssertEqual(answer["inside"] as? Bool, true)
        XCTAssertGreaterThan(answer["count"] as? Int ?? 0, 0)
        XCTAssertEqual(answer["sizes"] as? [[Int]], [[512, 512]])
        XCTAssertEqual(answer["suffixes"] as? [String], ["@2x"])
        let tileJSON = try Data(contentsOf: out.appendingPathComponent("basemap/tilejson.json"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: tileJSON) as? [String: Any])
        XCTAssertEqual(object["tiles"] as? [String], ["./{z}/{x}/{y}@2x.png"])
        XCTAssertEqual(object["tileSize"] as? Int, 512)
    }

    /// `--scenario rain=50` reaches the flood-risk builder: predicted statuses appear with
    /// it and not without (the prediction's numbers are checked against numpy in the
    /// layer's own tests), and the summary line counts them.
    func testRainScenarioAddsPredictions() throws {
        let (copy, out) = try export()
        let drill = copy.root.appendingPathComponent("drill")
        let result = try copy.succeed([
            "export", copy.project.path, "--out", drill.path, "--layers", "flood-risk", "--format", "geojson",
            "--scenario", "rain=50",
        ])
        XCTAssertTrue(result.stderrText.contains("scenario rain=50: flood-risk 20 features"), result.stderrText)
        let script = """
            import json, sys
            features = json.load(open(sys.argv[1]))['features']
            print(json.dumps({'predicted': [f['properties'].get('predicted_status') for f in features],
                              'rain': sorted({f['properties'].get('scenario_rain_mm_per_h') for f in features}, key=str)}))
            """
        let rainy = try XCTUnwrap(
            try ReferencePython.json(
                script, packages: [], arguments: [drill.appendingPathComponent("flood-risk.geojson").path])
                as? [String: Any])
        let plain = try XCTUnwrap(
            try ReferencePython.json(
                script, packages: [], arguments: [out.appendingPathComponent("flood-risk.geojson").path])
                as? [String: Any])
        let predicted = try XCTUnwrap(rainy["predicted"] as? [Any])
        XCTAssertEqual(predicted.count, 20)
        XCTAssertTrue(
            predicted.contains { ($0 as? String) == "danger" || ($0 as? String) == "warning" }, "\(predicted)")
        XCTAssertEqual(rainy["rain"] as? [Double], [50])
        XCTAssertTrue(
            (plain["predicted"] as? [Any])?.allSatisfy { $0 is NSNull } == true, "no prediction without a scenario")
        for status in ["normal", "advisory", "warning", "danger"] {
            let count = predicted.filter { ($0 as? String) == status }.count
            if count > 0 {
                XCTAssertTrue(result.stderrText.contains("\(count) predicted \(status)"), result.stderrText)
            }
        }
    }
}

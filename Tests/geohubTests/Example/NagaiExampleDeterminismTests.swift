import Foundation
import TestSupport
import XCTest

/// The generator is reproducible, and the committed example is what it makes today.
final class NagaiExampleDeterminismTests: XCTestCase {
    func testTwoRunsAreByteIdenticalAndMatchTheCommittedExample() throws {
        let first = try makeTemporaryDirectory("nagai-a")
        let second = try makeTemporaryDirectory("nagai-b")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try NagaiExample.generate(into: first)
        try NagaiExample.generate(into: second)

        let files = NagaiExample.files(under: first)
        XCTAssertEqual(files, NagaiExample.files(under: second))
        for expected in [
            "examples/nagai/geohub.json", "examples/nagai/README.md", "examples/nagai/data/gtfs.zip",
            "examples/nagai/data/child_gps.csv", "examples/nagai/data/tblT000876Q5740.txt",
            "basemap/roads.geojson", "basemap/schools.geojson", "basemap/README.md",
        ] {
            XCTAssertTrue(files.contains(expected), "\(expected) not generated")
        }
        for file in files {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            XCTAssertEqual(a, b, "\(file) differs between two runs")
            let committed = ReferencePython.packageRoot.appendingPathComponent(file)
            let c = try? Data(contentsOf: committed)
            XCTAssertEqual(a, c, "\(file) differs from the committed copy: rerun `swift run nagai-example`")
        }
    }

    func testProjectFileHasTheDesignShape() throws {
        let data = try Data(contentsOf: NagaiExample.project.appendingPathComponent("geohub.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["name", "bbox", "crs", "sources", "layers"])
        XCTAssertEqual(json["name"] as? String, "Nagai")
        XCTAssertEqual(json["bbox"] as? [Double], [139.88, 38.03, 140.13, 38.20])
        XCTAssertEqual(json["crs"] as? String, "EPSG:6678")
        let sources = try XCTUnwrap(json["sources"] as? [String: Any])
        XCTAssertEqual(
            Set(sources.keys),
            [
                "childGPS", "riverSensors", "riverLevels", "rainfall", "wildlifeCameras",
                "wildlifeDetections", "census", "gtfs", "busBoardings", "boundary", "roads",
                "rivers", "schools",
            ])
        // Every path resolves from the project folder.
        var paths = sources.values.compactMap { $0 as? String }
        for entry in sources["census"] as? [Any] ?? [] {
            if let path = entry as? String { paths.append(path) }
            if let object = entry as? [String: Any], let path = object["path"] as? String {
                paths.append(path)
                XCTAssertEqual(object["year"] as? Int, 2020)
            }
        }
        XCTAssertEqual(paths.count, 14)
        for path in paths {
            let url = NagaiExample.project.appendingPathComponent(path).standardizedFileURL
            XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "\(path) does not resolve")
        }
        XCTAssertEqual(sources["roads"] as? String, "../../basemap/roads.geojson")
        let layers = try XCTUnwrap(json["layers"] as? [String: [String: Int]])
        XCTAssertEqual(layers["child-traffic"]?["minDistinctDevices"], 5)
    }

    func testScaleWritesAnEnlargedCopyAndNeedsAnOutFolder() throws {
        let root = try makeTemporaryDirectory("nagai-scaled")
        defer { try? FileManager.default.removeItem(at: root) }
        try NagaiExample.generate(into: root, scale: 2)
        let script = """
            import csv, json, sys
            def rows(path): return list(csv.DictReader(open(path, encoding="utf-8")))
            out = {}
            for name, folder in (("scaled", sys.argv[1]), ("base", sys.argv[2])):
                gps = rows(folder + "/data/child_gps.csv")
                out[name] = {"devices": len({r["device_id"] for r in gps}),
                             "levels": len(rows(folder + "/data/river_levels.csv")),
                             "taps": len(rows(folder + "/data/bus_boardings.csv")),
                             "detections": len(rows(folder + "/data/wildlife_detections.csv"))}
            print(json.dumps(out))
            """
        let answer = try XCTUnwrap(
            try ReferencePython.json(
                script, packages: [],
                arguments: [
                    root.appendingPathComponent("examples/nagai").path, NagaiExample.project.path,
                ]) as? [String: [String: Int]])
        let scaled = try XCTUnwrap(answer["scaled"])
        let base = try XCTUnwrap(answer["base"])
        XCTAssertEqual(scaled["devices"], 650)
        XCTAssertEqual(base["devices"], 325)
        for key in ["levels", "taps", "detections"] {
            let ratio = Double(scaled[key] ?? 0) / Double(max(1, base[key] ?? 0))
            XCTAssertEqual(ratio, 2, accuracy: 0.15, "\(key) should double at scale 2")
        }

        let refused = try NagaiExample.run(["--scale", "2"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderrText.contains("--out"), refused.stderrText)
        XCTAssertEqual(try NagaiExample.run(["--bogus"]).status, 2)
    }
}

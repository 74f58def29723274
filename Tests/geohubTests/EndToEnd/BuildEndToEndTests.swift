import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub build` run as a user runs it, on a copy of examples/nagai: its summary,
/// `--strict` with a bad row, usage and runtime errors and their exit codes.
final class BuildEndToEndTests: XCTestCase {
    /// Row counts of the example's CSVs, counted by Python's csv module.
    private func csvRows(_ file: URL) throws -> Int {
        let answer = try ReferencePython.json(
            "import csv, sys, json; print(json.dumps([sum(1 for _ in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8-sig')))]))",
            packages: [], arguments: [file.path])
        return try XCTUnwrap((answer as? [Int])?.first)
    }

    func testBuildPrintsEverySourceEveryLayerAndTheSummary() throws {
        let copy = try NagaiCopy()
        let result = try copy.succeed(["build", copy.project.path])
        let text = result.stderrText
        XCTAssertEqual(result.stdoutText, "", "build talks on standard error")
        let levels = try csvRows(copy.data.appendingPathComponent("river_levels.csv"))
        let sensors = try csvRows(copy.data.appendingPathComponent("river_sensors.csv"))
        let cameras = try csvRows(copy.data.appendingPathComponent("wildlife_cameras.csv"))
        XCTAssertTrue(text.contains("riverLevels data/river_levels.csv: \(levels) rows\n"), text)
        XCTAssertTrue(text.contains("riverSensors data/river_sensors.csv: \(sensors) rows\n"), text)
        XCTAssertTrue(text.contains("14 sources: 14 ingested, 0 unchanged; 0 rows rejected"), text)
        XCTAssertTrue(text.contains("layer flood-risk: \(sensors) features (\(sensors) Point)"), text)
        XCTAssertTrue(text.contains("layer wildlife: "), text)
        XCTAssertTrue(text.contains("\(cameras) Point"), "one point per camera: \(text)")
        XCTAssertTrue(text.contains("layer child-traffic: grid "), text)
        XCTAssertTrue(
            text.contains(
                "built 7 layers (basemap, bus-routes, census-delta, child-traffic, composite, flood-risk, wildlife) from "
            ),
            text)
        XCTAssertTrue(text.contains("into \(copy.project.appendingPathComponent("hub.sqlite").path) in "), text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.project.appendingPathComponent("hub.sqlite").path))

        // Children's device ids never reach the output.
        let ids = try XCTUnwrap(
            try ReferencePython.json(
                "import csv, sys, json; print(json.dumps(sorted({r['device_id'] for r in csv.DictReader(open(sys.argv[1]))})))",
                packages: [], arguments: [copy.data.appendingPathComponent("child_gps.csv").path]) as? [String])
        XCTAssertGreaterThan(ids.count, 100)
        for id in ids { XCTAssertFalse(text.contains(id), "device id \(id) printed") }

        let again = try copy.succeed(["build", copy.project.path])
        XCTAssertTrue(again.stderrText.contains("14 sources: 0 ingested, 14 unchanged"), again.stderrText)
        XCTAssertTrue(again.stderrText.contains("built 7 layers"), again.stderrText)

        let quiet = try copy.succeed(["build", copy.project.path, "--quiet"])
        XCTAssertEqual(quiet.stderrText, "", "--quiet prints nothing when nothing is rejected")
    }

    /// A bad river reading: build names it `river_levels.csv:LINE: reason`; `--strict`
    /// exits 3 and builds nothing; without it the good rows are kept.
    func testStrictExitsThreeAndNamesTheFileAndLine() throws {
        let copy = try NagaiCopy()
        let levels = copy.data.appendingPathComponent("river_levels.csv")
        let handle = try FileHandle(forWritingTo: levels)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("IZ01,2022-08-09T00:00:00,abc\n".utf8))
        try handle.close()
        // The line number as Python's reading of the file has it.
        let line = try XCTUnwrap(
            (try ReferencePython.json(
                "import sys, json; print(json.dumps([i for i, l in enumerate(open(sys.argv[1], encoding='utf-8'), 1) if ',abc' in l]))",
                packages: [], arguments: [levels.path]) as? [Int])?.first)

        let strict = try copy.geohub(["build", copy.project.path, "--strict"])
        XCTAssertEqual(strict.status, 3, strict.stderrText)
        XCTAssertTrue(strict.stderrText.contains("river_levels.csv:\(line): level_m "), strict.stderrText)
        XCTAssertTrue(strict.stderrText.contains("1 input row was rejected and --strict is set"), strict.stderrText)
        XCTAssertTrue(strict.stderrText.contains("(rolled back: --strict)"), strict.stderrText)

        let export = try copy.geohub([
            "export", copy.project.path, "--out", copy.root.appendingPathComponent("out").path, "--format", "geojson",
            "--strict",
        ])
        XCTAssertEqual(export.status, 3, export.stderrText)
        XCTAssertTrue(export.stderrText.contains("river_levels.csv:\(line): "), export.stderrText)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: copy.root.appendingPathComponent("out/flood-risk.geojson").path),
            "nothing is exported under --strict with rejections")

        let lenient = try copy.succeed(["build", copy.project.path])
        XCTAssertTrue(lenient.stderrText.contains("river_levels.csv:\(line): level_m "), lenient.stderrText)
        XCTAssertTrue(lenient.stderrText.contains(", 1 rejected"), lenient.stderrText)
        XCTAssertTrue(lenient.stderrText.contains("built 7 layers"), lenient.stderrText)
    }

    func testUsageErrorsExitTwoAndWriteNothing() throws {
        let copy = try NagaiCopy()
        let project = copy.project.path
        let out = copy.root.appendingPathComponent("never-written").path
        let cases: [([String], String)] = [
            (["build"], "geohub build: missing PROJECT"),
            (["build", copy.root.appendingPathComponent("nowhere").path], "is not a folder"),
            (["build", copy.data.path], "has no geohub.json"),
            (["export", project], "geohub export: missing --out"),
            (["export", project, "--out", out, "--zoom", "12-40"], "geohub export: --zoom: expected"),
            (
                ["export", project, "--out", out, "--layers", "composite", "--format", "geojson"],
                "composite is a surface with no features"
            ),
            (["route", project, "--from", "140.03,38.1"], "geohub route: missing --to"),
            (["inspect", copy.root.appendingPathComponent("nothing.csv").path], "does not exist"),
            (["serve", project, "--port", "70000"], "geohub serve: --port: expected"),
        ]
        for (arguments, expected) in cases {
            let result = try copy.geohub(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains(expected), "\(arguments): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.project.appendingPathComponent("hub.sqlite").path))
    }

    func testRuntimeErrorsExitOneAndSayWhatToDo() throws {
        let empty = try GeohubBinary.makeProject()
        defer { try? FileManager.default.removeItem(at: empty) }
        let out = empty.appendingPathComponent("out").path
        let missing = try GeohubBinary.run([
            "export", empty.path, "--out", out, "--layers", "flood-risk", "--format", "geojson",
        ])
        XCTAssertEqual(missing.status, 1, missing.stderrText)
        XCTAssertTrue(missing.stderrText.hasPrefix("geohub: error: layer flood-risk is not built"), missing.stderrText)
        let nothing = try GeohubBinary.run(["export", empty.path, "--out", out])
        XCTAssertEqual(nothing.status, 1, nothing.stderrText)
        XCTAssertTrue(nothing.stderrText.contains("no layer could be built"), nothing.stderrText)
        let route = try GeohubBinary.run(["route", empty.path, "--from", "140.03,38.1", "--to", "140.04,38.11"])
        XCTAssertEqual(route.status, 1, route.stderrText)
        XCTAssertTrue(route.stderrText.contains("no road lines"), route.stderrText)
    }
}

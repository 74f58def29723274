import Foundation
import TestSupport
import XCTest
@testable import geohub

/// The four task scripts in `examples/`, run as a user runs them (from the repository
/// root) against the built binary and a copy of examples/nagai.
final class ExampleScriptTests: XCTestCase {
    private static let shared = Locked<NagaiCopy?>(nil)

    override class func tearDown() {
        shared.withLock { $0 = nil }
        super.tearDown()
    }

    /// Runs `examples/NAME.sh` with the test binary, the copy and `out` as its settings.
    private func script(_ name: String, out: URL, _ settings: [String: String] = [:]) throws -> Shell.Result {
        guard FileManager.default.isExecutableFile(atPath: GeohubBinary.url.path) else {
            throw XCTSkip("\(GeohubBinary.url.path) is not built")
        }
        let copy = try NagaiCopy.built(Self.shared)
        let path = ReferencePython.packageRoot.appendingPathComponent("examples/\(name).sh").path
        let environment = [
            "GEOHUB": GeohubBinary.url.path, "PROJECT": copy.project.path, "OUT": out.path,
        ].merging(settings) { $1 }
        let result = try Shell.capture(
            "/bin/sh", [path], environment: environment,
            currentDirectory: ReferencePython.packageRoot)
        XCTAssertEqual(result.status, 0, "\(name).sh: \(result.stdoutText)\n\(result.stderrText)")
        return result
    }

    private func out(_ name: String) throws -> URL {
        try NagaiCopy.built(Self.shared).root.appendingPathComponent("out-\(name)")
    }

    func testSchoolRouteMap() throws {
        let out = try out("school")
        let result = try script("school-route-map", out: out, ["ZOOM": "12-13", "SCENARIO": "rain=50"])
        XCTAssertTrue(
            result.stdoutText.contains("== route from 140.0166,38.1224 to 140.0345,38.1125 at 07:30 under rain=50"),
            result.stdoutText)
        XCTAssertTrue(result.stderrText.contains("safe: "), result.stderrText)
        let routes = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("route.geojson")))
                as? [String: Any])
        let kinds = (routes["features"] as? [[String: Any]])?.compactMap {
            ($0["properties"] as? [String: Any])?["route"] as? String
        }
        XCTAssertEqual(kinds, ["safe", "shortest"])
        // On a flood morning the safe walk leaves the river bank: longer, with less hazard.
        let figures = (routes["features"] as? [[String: Any]])?.compactMap { feature -> (Double, Double)? in
            guard let p = feature["properties"] as? [String: Any], let length = p["length_m"] as? Double,
                let risk = p["risk"] as? Double
            else { return nil }
            return (length, risk)
        }
        let pair = try XCTUnwrap(figures)
        XCTAssertEqual(pair.count, 2)
        if pair.count == 2 {
            XCTAssertGreaterThan(pair[0].0, pair[1].0, "the safe route is the longer one")
            XCTAssertLessThan(pair[0].1, pair[1].1 / 2, "and meets less than half the hazard")
        }
        for file in ["composite/tilejson.json", "basemap/tilejson.json", "basemap.geojson"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), file)
        }
    }

    func testCitySiteTiles() throws {
        let out = try out("city")
        let result = try script("city-site-tiles", out: out, ["ZOOM": "11-12"])
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        let layers = ["basemap", "flood-risk", "wildlife", "census-delta", "bus-routes", "composite"]
        XCTAssertEqual(names, Set(layers + layers.map { "\($0).pmtiles" }), "no child-traffic, no leftovers")
        for layer in layers {
            XCTAssertTrue(result.stdoutText.contains("-- \(layer): "), result.stdoutText)
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: out.appendingPathComponent("\(layer)/tilejson.json").path))
        }
        XCTAssertTrue(result.stdoutText.contains("  zooms: 11-12\n"), result.stdoutText)
    }

    func testBusOverPopulation() throws {
        let out = try out("bus")
        let result = try script("bus-over-population", out: out)
        for file in ["bus-routes.geojson", "bus-routes.gpkg", "census-delta.geojson", "census-delta.gpkg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), file)
        }
        let low = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, sys
                fs = json.load(open(sys.argv[1]))['features']
                print(json.dumps([[f['properties']['stop_id'], f['properties']['name'], f['properties']['boardings']]
                                  for f in fs if f['properties'].get('low_use') is True]))
                """, packages: [], arguments: [out.appendingPathComponent("bus-routes.geojson").path]) as? [[Any]])
        XCTAssertFalse(low.isEmpty)
        XCTAssertTrue(result.stdoutText.contains("low-use (under 10 boardings in the period): \(low.count)\n"))
        for stop in low {
            let line = "  \(stop[0]) \(stop[1]): \(stop[2]) boardings;"
            XCTAssertTrue(result.stdoutText.contains(line), "\(line) in \(result.stdoutText)")
            XCTAssertLessThan(stop[2] as? Int ?? 99, 10)
        }
    }

    func testDisasterDrillIsRepeatable() throws {
        let out = try out("drill")
        let first = try script("disaster-drill", out: out, ["ZOOM": "11-12", "RAIN": "50"])
        let second = try script("disaster-drill", out: out, ["ZOOM": "11-12", "RAIN": "50"])
        XCTAssertEqual(first.stdoutText, second.stdoutText, "same statuses, same digests")
        let statuses = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, sys, collections
                fs = json.load(open(sys.argv[1]))['features']
                print(json.dumps(collections.Counter(f['properties']['predicted_status'] for f in fs)))
                """, packages: [], arguments: [out.appendingPathComponent("flood-risk.geojson").path]) as? [String: Int]
        )
        for status in ["danger", "warning", "advisory", "normal"] {
            XCTAssertTrue(first.stdoutText.contains("\n\(status): \(statuses[status] ?? 0)\n"), first.stdoutText)
        }
        XCTAssertGreaterThan(statuses["danger", default: 0] + statuses["warning", default: 0], 0)
        let alert = try Shell.capture(
            "/bin/sh", [ReferencePython.packageRoot.appendingPathComponent("examples/disaster-drill.sh").path],
            environment: [
                "GEOHUB": GeohubBinary.url.path, "PROJECT": try NagaiCopy.built(Self.shared).project.path,
                "OUT": out.path, "ZOOM": "11", "FAIL_ON_DANGER": "1",
            ])
        XCTAssertEqual(alert.status, statuses["danger", default: 0] > 0 ? 4 : 0, alert.stderrText)
    }
}

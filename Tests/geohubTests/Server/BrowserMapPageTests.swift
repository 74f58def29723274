import Foundation
import TestSupport
import XCTest
@testable import geohub

/// The map page in a real browser: headless Chromium (Debian's `chromium`) loads `/`
/// from the built binary serving a copy of examples/nagai, and
/// `Tests/Browser/drive_map_page.py` drives it over the DevTools protocol with real
/// mouse clicks: it waits for the first tiles to draw, toggles layers on and off,
/// picks a start and a destination on the map and clicks the drawn route. The test
/// asserts on what the page then holds (tiles drawn, layers on, both routes drawn with
/// their figures, no script errors) and on the screenshot, decoded by Pillow.
///
/// The screenshot is kept at `.build/browser-test/map-page.png` for a human to look at.
final class BrowserMapPageTests: XCTestCase {
    private static let chromiumCandidates = [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
    ]

    private func chromium() throws -> String {
        if let found = Self.chromiumCandidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        let message = "Chromium is not installed (scripts/install-deps test installs Debian's chromium)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
        throw XCTSkip(message)
    }

    func testMapPageDrawsTilesTogglesLayersAndPlansARoute() throws {
        let browser = try chromium()
        let copy = try NagaiCopy()
        let server = try BinaryServer(project: copy.project, arguments: ["--quiet"])
        defer { _ = server.terminate() }
        let out = ReferencePython.packageRoot.appendingPathComponent(".build/browser-test")
        try? FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let driver = ReferencePython.packageRoot.appendingPathComponent("Tests/Browser/drive_map_page.py")

        try ReferencePython.require(["pillow"])
        let run = try Shell.capture(
            ReferencePython.python.path,
            [driver.path, server.baseURL + "/", out.path, server.facts.routeFrom, server.facts.routeTo, browser])
        guard run.status == 0 else {
            let log = (try? String(contentsOf: out.appendingPathComponent("chromium.log"), encoding: .utf8)) ?? ""
            return XCTFail("the browser run failed: \(run.stderrText)\nChromium: \(log.suffix(2000))")
        }
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let page = try PageReport(report)

        // The first view: the layers that start on, drawn from real tiles.
        let initial = try page.state("initial")
        XCTAssertGreaterThan(initial.tilesLoaded, 0)
        XCTAssertEqual(initial.tileErrors, 0)
        XCTAssertEqual(Set(initial.layersOn), ["basemap", "flood-risk"])
        XCTAssertGreaterThan(initial.drawnTiles["basemap"] ?? 0, 0, "basemap tiles decoded in the page")
        XCTAssertEqual(initial.visibleEmptyTiles, 0, "an empty tile (204) leaves no frame on the map")
        XCTAssertGreaterThanOrEqual(initial.zoom, 12, "the first view shows the town, not the whole region")
        for legend in initial.legends {
            XCTAssertGreaterThan(legend.swatches + legend.ramps, 0, "\(legend.layer) has a legend")
            XCTAssertFalse(legend.text.contains("_"), "\(legend.layer): legend in words, not property names")
        }

        // Toggled by clicking the checkboxes.
        let wildlife = try page.state("wildlifeOn")
        XCTAssertTrue(wildlife.layersOn.contains("wildlife"))
        XCTAssertTrue(wildlife.checked.contains("wildlife"))
        XCTAssertGreaterThan(wildlife.drawnTiles["wildlife"] ?? 0, 0, "wildlife tiles drawn after the toggle")
        let busOff = try page.state("busRoutesOff")
        XCTAssertFalse(busOff.layersOn.contains("bus-routes"), "toggled on and off again")
        XCTAssertFalse(busOff.checked.contains("bus-routes"))

        // The route from two clicks on the map.
        let route = try page.state("route")
        XCTAssertTrue(route.routeDrawn, "route error: \(route.routeError ?? "none"), status '\(route.routeStatus)'")
        XCTAssertEqual(route.routeFeatures.compactMap { $0["route"] as? String }.sorted(), ["safe", "shortest"])
        XCTAssertEqual(route.markers, 2, "start and destination markers")
        XCTAssertGreaterThanOrEqual(route.routePaths, 2, "both routes drawn as paths")
        XCTAssertEqual(route.routeRows.filter { $0.hasPrefix("safe") || $0.hasPrefix("shortest") }.count, 2)
        let straight = try Self.metres(server.facts.routeFrom, server.facts.routeTo)
        for properties in route.routeFeatures {
            let length = try XCTUnwrap(properties["length_m"] as? Double)
            let snaps = (properties["start_snap_m"] as? Double ?? 0) + (properties["end_snap_m"] as? Double ?? 0)
            // A path along roads is at least as long as the straight line between its snapped ends.
            XCTAssertGreaterThanOrEqual(length, straight - snaps - 100, "\(properties)")
            XCTAssertLessThan(length, 5 * straight + snaps, "\(properties)")
            let row = try XCTUnwrap(route.routeRows.first { $0.hasPrefix(properties["route"] as? String ?? "?") })
            XCTAssertTrue(row.contains(String(format: "%.2f km", length / 1000)), "\(row) shows \(length) m")
        }
        XCTAssertTrue(page.panel.hasPrefix("Route: "), "a click on the route shows its properties: \(page.panel)")

        // The rain control at 50 mm/h plans the route again under that scenario: the same
        // shortest path, its flood risk no lower than in the dry.
        let rainy = try page.state("rainRoute")
        XCTAssertTrue(rainy.routeDrawn, "route error: \(rainy.routeError ?? "none"), status '\(rainy.routeStatus)'")
        func properties(_ state: PageReport.State, _ name: String) throws -> [String: Any] {
            try XCTUnwrap(state.routeFeatures.first { $0["route"] as? String == name }, "no \(name) route")
        }
        let (dryShortest, rainyShortest) = (try properties(route, "shortest"), try properties(rainy, "shortest"))
        XCTAssertEqual(
            try XCTUnwrap(rainyShortest["length_m"] as? Double), try XCTUnwrap(dryShortest["length_m"] as? Double),
            accuracy: 0.01)
        XCTAssertGreaterThanOrEqual(
            try XCTUnwrap(rainyShortest["risk"] as? Double), try XCTUnwrap(dryShortest["risk"] as? Double) - 1e-9)
        XCTAssertNotNil(try properties(rainy, "safe")["risk"] as? Double)
        let dryAgain = try page.state("dryRoute")
        XCTAssertEqual(
            try XCTUnwrap(try properties(dryAgain, "shortest")["risk"] as? Double),
            try XCTUnwrap(dryShortest["risk"] as? Double), accuracy: 1e-9, "rain back to none: the dry route again")

        // The screenshot, decoded by Pillow: not blank, the route and the layers visible.
        let shot = page.screenshot
        XCTAssertEqual(shot["format"] as? String, "PNG")
        XCTAssertEqual(shot["size"] as? [Int], [1280, 800])
        XCTAssertGreaterThan(shot["mapColours"] as? Int ?? 0, 500, "a drawn map has many colours")
        XCTAssertGreaterThan(shot["mapDrawnFraction"] as? Double ?? 0, 0.03, "more than the empty background")
        XCTAssertGreaterThan(shot["safeRoutePixels"] as? Int ?? 0, 100, "the safe route's teal is on screen")
        XCTAssertGreaterThan(shot["floodGreenPixels"] as? Int ?? 0, 50, "flood gauges drawn")
        XCTAssertGreaterThan(shot["riverBluePixels"] as? Int ?? 0, 100, "basemap rivers drawn")

        XCTAssertEqual(page.consoleErrors, [], "no failed requests or console errors")
        XCTAssertEqual(page.exceptions, [], "no uncaught exceptions")
        let timing = page.steps.map { "\($0.0) \($0.1) s" }.joined(separator: ", ")
        print("browser test: \(timing); screenshot \(shot["path"] as? String ?? "?")")
    }

    /// Great-circle distance between two `LON,LAT` points, in metres (haversine, R = 6371008.8 m).
    static func metres(_ a: String, _ b: String) throws -> Double {
        let p = a.split(separator: ",").compactMap { Double($0) }
        let q = b.split(separator: ",").compactMap { Double($0) }
        guard p.count == 2, q.count == 2 else { throw RawHTTP.Failure(description: "not LON,LAT: \(a), \(b)") }
        let radians = Double.pi / 180
        let dLat = (q[1] - p[1]) * radians
        let dLon = (q[0] - p[0]) * radians
        let h =
            sin(dLat / 2) * sin(dLat / 2) + cos(p[1] * radians) * cos(q[1] * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
    }
}

/// The driver's report, typed just enough for the assertions.
private struct PageReport {
    struct State {
        struct Legend {
            var layer: String
            var swatches: Int
            var ramps: Int
            var text: String
        }
        var tilesLoaded: Int
        var tileErrors: Int
        var routeDrawn: Bool
        var routeError: String?
        var zoom: Double
        var layersOn: [String]
        var checked: [String]
        var drawnTiles: [String: Int]
        var legends: [Legend]
        var routeFeatures: [[String: Any]]
        var routeRows: [String]
        var routeStatus: String
        var markers: Int
        var routePaths: Int
        var visibleEmptyTiles: Int
    }

    let raw: [String: Any]
    var panel: String { raw["panel"] as? String ?? "" }
    var screenshot: [String: Any] { raw["screenshot"] as? [String: Any] ?? [:] }
    var consoleErrors: [String] { raw["consoleErrors"] as? [String] ?? ["(missing)"] }
    var exceptions: [String] { raw["exceptions"] as? [String] ?? ["(missing)"] }
    var steps: [(String, Double)] {
        (raw["steps"] as? [[Any]] ?? []).compactMap { step in
            guard step.count == 2, let name = step[0] as? String, let seconds = step[1] as? Double else { return nil }
            return (name, seconds)
        }
    }

    init(_ raw: [String: Any]) throws { self.raw = raw }

    func state(_ key: String) throws -> State {
        let object = try XCTUnwrap(raw[key] as? [String: Any], "no '\(key)' in the report")
        let stats = try XCTUnwrap(object["stats"] as? [String: Any])
        return State(
            tilesLoaded: stats["tilesLoaded"] as? Int ?? 0, tileErrors: stats["tileErrors"] as? Int ?? -1,
            routeDrawn: stats["routeDrawn"] as? Bool ?? false, routeError: stats["routeError"] as? String,
            zoom: object["zoom"] as? Double ?? 0, layersOn: object["layersOn"] as? [String] ?? [],
            checked: object["checked"] as? [String] ?? [], drawnTiles: object["drawnTiles"] as? [String: Int] ?? [:],
            legends: (object["legends"] as? [[String: Any]] ?? []).map { legend in
                State.Legend(
                    layer: legend["layer"] as? String ?? "?", swatches: legend["swatches"] as? Int ?? 0,
                    ramps: legend["ramps"] as? Int ?? 0, text: legend["text"] as? String ?? "")
            },
            routeFeatures: object["routeFeatures"] as? [[String: Any]] ?? [],
            routeRows: object["routeRows"] as? [String] ?? [], routeStatus: object["routeStatus"] as? String ?? "",
            markers: object["markers"] as? Int ?? 0, routePaths: object["routePaths"] as? Int ?? 0,
            visibleEmptyTiles: object["visibleEmptyTiles"] as? Int ?? -1)
    }
}

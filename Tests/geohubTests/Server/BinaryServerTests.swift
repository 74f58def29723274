import Foundation
import TestSupport
import XCTest
@testable import geohub

/// The same scenarios as ``InProcessServerTests``, against the built binary serving
/// `examples/nagai` over real sockets, plus what only a process can show (signals,
/// decoded PNGs from the real renderer).
///
/// Skipped while `examples/nagai` is missing or the binary is not wired to the data
/// library (see ``BinaryServer``).
final class BinaryServerTests: XCTestCase {
    /// One server for the whole class (starting it may build the layers).
    private static let shared = Locked<BinaryServer?>(nil)

    private func server() throws -> BinaryServer {
        guard let project = GeohubBinary.nagaiProject else {
            throw XCTSkip("examples/nagai is not generated yet (swift run nagai-example)")
        }
        if let running = Self.shared.withLock({ $0 }) { return running }
        let started = try BinaryServer(project: project)
        Self.shared.withLock { $0 = started }
        return started
    }

    override class func tearDown() {
        if let running = shared.withLock({ $0 }) { _ = running.terminate() }
        shared.withLock { $0 = nil }
        super.tearDown()
    }

    private func scenarios() throws -> ServerScenarios { ServerScenarios(server: try server()) }

    func testMapPage() throws { try scenarios().mapPage() }
    func testLeafletFiles() throws { try scenarios().leafletFiles() }
    func testHealth() throws { try scenarios().health() }
    func testCatalogue() throws { try scenarios().catalogue() }
    func testEmptyTile() throws { try scenarios().emptyTile() }
    func testNotFound() throws { try scenarios().notFound() }
    func testBadRequests() throws { try scenarios().badRequests() }
    func testTileJSON() throws { try scenarios().tileJSON() }
    func testGeoJSON() throws { try scenarios().geoJSON() }
    func testScenario() throws { try scenarios().scenario() }
    func testRoute() throws { try scenarios().route() }
    func testPrivateLayers() throws { try scenarios().privateLayers() }
    func testMethods() throws { try scenarios().methods() }
    func testPathTraversal() throws { try scenarios().pathTraversal() }
    func testMalformedRequests() throws { try scenarios().malformedRequests() }
    func testOversizeRequests() throws { try scenarios().oversizeRequests() }
    func testSlowClientIsCutOff() throws { try scenarios().slowClient() }
    func testSixtyFourConcurrentClients() throws { try scenarios().concurrentClients() }
    func testAccessLog() throws { try scenarios().accessLog() }

    /// Tiles decode as PNGs of 256 and 512 pixels (Pillow, not our decoder).
    func testTilesArePNGsOfTheRightSize() throws {
        let tiles = try scenarios().tiles()
        for (data, size) in [(tiles.body, 256), (tiles.retina, 512)] {
            let decoded = try ReferencePython.json(
                "import sys, io, json; from PIL import Image; im = Image.open(io.BytesIO(sys.stdin.buffer.read())); "
                    + "im.load(); drawn = im.convert('RGBA').getbbox() is not None; "
                    + "print(json.dumps([im.format, im.size[0], im.size[1], 'drawn' if drawn else 'blank']))",
                packages: ["pillow"], input: data)
            XCTAssertEqual(decoded as? [AnyHashable], ["PNG", size, size, "drawn"])
        }
    }

    /// `/route?…&scenario=rain=50` plans on the composite under that rain, as
    /// `geohub route --scenario rain=50` does; the rain raises the flood risk along the
    /// shortest route (the drill pair walks along the Mogami), whose length stays.
    func testRouteUnderRainScenarioMatchesTheCommandLine() throws {
        let server = try server()
        let project = try XCTUnwrap(GeohubBinary.nagaiProject)
        let (from, to) = ("140.0166,38.1224", "140.0345,38.1125")
        func routes(_ data: Data) throws -> [String: [String: Any]] {
            let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let features = try XCTUnwrap(document["features"] as? [[String: Any]])
            var byName: [String: [String: Any]] = [:]
            for case let properties as [String: Any] in features.map({ $0["properties"] }) {
                byName[try XCTUnwrap(properties["route"] as? String)] = properties
            }
            XCTAssertEqual(Set(byName.keys), ["safe", "shortest"])
            return byName
        }
        let served = try server.get("/route?from=\(from)&to=\(to)&scenario=rain=50")
        XCTAssertEqual(served.status, 200, served.text)
        let dry = try server.get("/route?from=\(from)&to=\(to)")
        XCTAssertEqual(dry.status, 200, dry.text)
        let command = try GeohubBinary.run([
            "route", project.path, "--from", from, "--to", to, "--scenario", "rain=50", "--quiet",
        ])
        XCTAssertEqual(command.status, 0, command.stderrText)
        let (rainy, dryRoutes, expected) = (try routes(served.body), try routes(dry.body), try routes(command.stdout))
        for name in ["safe", "shortest"] {
            for key in ["length_m", "risk", "cost"] {
                let got = try XCTUnwrap(rainy[name]?[key] as? Double, "\(name).\(key)")
                let want = try XCTUnwrap(expected[name]?[key] as? Double, "\(name).\(key)")
                XCTAssertEqual(got, want, accuracy: 1e-6 * max(1, abs(want)), "\(name).\(key): server and CLI")
            }
        }
        let shortestRisk = try XCTUnwrap(rainy["shortest"]?["risk"] as? Double)
        let dryShortestRisk = try XCTUnwrap(dryRoutes["shortest"]?["risk"] as? Double)
        XCTAssertGreaterThan(shortestRisk, dryShortestRisk, "50 mm/h raises the flood risk by the river")
        XCTAssertEqual(
            try XCTUnwrap(rainy["shortest"]?["length_m"] as? Double),
            try XCTUnwrap(dryRoutes["shortest"]?["length_m"] as? Double), accuracy: 0.01,
            "the shortest path is the same")
    }

    /// SIGTERM: stop accepting, finish, exit 0.
    func testSIGTERMShutsDownGracefully() throws {
        guard let project = GeohubBinary.nagaiProject else { throw XCTSkip("examples/nagai is not generated yet") }
        let own = try BinaryServer(project: project)
        XCTAssertEqual(try own.get("/health").status, 200)
        let keepAlive = try RawHTTP.connect(port: own.port)
        defer { close(keepAlive) }
        RawHTTP.send(keepAlive, Data("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        XCTAssertEqual(own.terminate(), 0, own.standardErrorText)
        XCTAssertTrue(own.standardErrorText.contains("geohub: SIGTERM received"), own.standardErrorText)
        XCTAssertTrue(own.standardErrorText.contains("geohub: stopped"), own.standardErrorText)
        XCTAssertThrowsError(try RawHTTP.connect(port: own.port), "no longer listening")
    }

    func testSIGINTShutsDownGracefully() throws {
        guard let project = GeohubBinary.nagaiProject else { throw XCTSkip("examples/nagai is not generated yet") }
        let own = try BinaryServer(project: project, arguments: ["--quiet"])
        kill(own.process.processIdentifier, SIGINT)
        own.process.waitUntilExit()
        XCTAssertEqual(own.process.terminationStatus, 0)
    }

    /// Rows the start-up ingest rejects are printed as `geohub build` prints them
    /// (`file:line: reason`, even with --quiet), and the good rows beside them serve.
    func testStartupPrintsRejectedRows() throws {
        let copy = try NagaiCopy()
        let levels = copy.data.appendingPathComponent("river_levels.csv")
        var text = try String(contentsOf: levels, encoding: .utf8)
        let badLine = text.split(separator: "\n", omittingEmptySubsequences: false).count
        text += "MG01,2022-08-03T12:00:00,high water\n"
        try Data(text.utf8).write(to: levels)
        let own = try BinaryServer(project: copy.project, arguments: ["--quiet"])
        XCTAssertEqual(try own.get("/layers/flood-risk.geojson").status, 200)
        XCTAssertEqual(own.terminate(), 0)
        let printed = own.standardErrorText
        XCTAssertTrue(
            printed.contains("river_levels.csv:\(badLine): "), "the rejected row by file and line: \(printed)")
        XCTAssertTrue(printed.contains("level_m"), "the reason names the column: \(printed)")
    }

    func testPerAddressLimitFromTheCommandLine() throws {
        guard let project = GeohubBinary.nagaiProject else { throw XCTSkip("examples/nagai is not generated yet") }
        let own = try BinaryServer(project: project, arguments: ["--max-connections-per-ip", "2"])
        XCTAssertNil(try RawHTTP.answerBeyond(held: 2, port: own.port), "the third connection is refused")
    }
}

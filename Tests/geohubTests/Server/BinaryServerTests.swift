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

    func testPerAddressLimitFromTheCommandLine() throws {
        guard let project = GeohubBinary.nagaiProject else { throw XCTSkip("examples/nagai is not generated yet") }
        let own = try BinaryServer(project: project, arguments: ["--max-connections-per-ip", "2"])
        var open: [Int32] = []
        defer { for fd in open { close(fd) } }
        for _ in 0..<2 {
            let fd = try RawHTTP.connect(port: own.port, receiveTimeout: 2)
            RawHTTP.send(fd, Data("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            open.append(fd)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let extra = try RawHTTP.connect(port: own.port, receiveTimeout: 2)
        defer { close(extra) }
        RawHTTP.send(extra, Data("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
        XCTAssertNil(RawHTTP.parse(try RawHTTP.readToEnd(extra)))
    }
}

import Foundation
import Layers
import TestSupport
import XCTest
@testable import geohub

/// The server over real sockets on 127.0.0.1, started in this process on a
/// ``TestMapService``. ``BinaryServerTests`` runs the same scenarios on the binary.
final class InProcessServerTests: XCTestCase {
    private var server: InProcessServer?

    override func setUpWithError() throws {
        server = try InProcessServer()
    }

    override func tearDown() {
        server = nil
    }

    private func scenarios() throws -> ServerScenarios { ServerScenarios(server: try XCTUnwrap(server)) }

    func testMapPage() throws { try scenarios().mapPage() }
    func testLeafletFiles() throws { try scenarios().leafletFiles() }
    func testHealth() throws { try scenarios().health() }
    func testCatalogue() throws { try scenarios().catalogue() }
    func testTiles() throws { _ = try scenarios().tiles() }
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

    // MARK: - What only the test double can show

    func testTileBodyIsWhatTheServiceRendered() throws {
        let server = try XCTUnwrap(server)
        let tile = server.facts.publicTile
        let response = try server.get(tile.path)
        let expected = try XCTUnwrap(
            try server.service.tile(
                layer: .basemap, z: tile.z, x: tile.x, y: tile.y,
                scale: .standard, scenario: nil))
        XCTAssertEqual(response.body, expected)
        XCTAssertEqual(
            String(decoding: try server.get(tile.retinaPath).body.dropFirst(8), as: UTF8.self),
            "basemap/\(tile.z)/\(tile.x)/\(tile.y)@2x? r1")
    }

    func testConcurrentRequestsForOneTileRenderOnce() throws {
        let server = try InProcessServer(service: TestMapService(renderDelay: 0.3))
        let tile = server.facts.publicTile
        let port = server.port
        let statuses = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let status = (try? RawHTTP.request(port: port, tile.path).status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        XCTAssertEqual(statuses.withLock { $0 }, Array(repeating: 200, count: 16))
        XCTAssertEqual(server.service.renders(of: "basemap/\(tile.z)/\(tile.x)/\(tile.y)@1x?"), 1)
        XCTAssertEqual(server.server.router.cache.statistics.renders, 1)
    }

    func testRebuiltLayerGetsNewETagAndOldCacheEntriesGo() throws {
        let server = try XCTUnwrap(server)
        let tile = server.facts.publicTile
        let before = try server.get(tile.path)
        let etag = try XCTUnwrap(before.header("ETag"))
        XCTAssertEqual(server.server.router.cache.statistics.entries, 1)
        server.service.rebuild(.basemap)
        let after = try server.get(tile.path, headers: ["If-None-Match": etag])
        XCTAssertEqual(after.status, 200, "the old tag no longer matches")
        XCTAssertNotEqual(after.header("ETag"), etag)
        XCTAssertEqual(server.service.renders(of: "basemap/\(tile.z)/\(tile.x)/\(tile.y)@1x?"), 2)
        XCTAssertEqual(server.server.router.cache.statistics.entries, 1, "the old revision was evicted")
    }

    func testScenarioReachesTheServiceOnlyForScenarioLayers() throws {
        let server = try XCTUnwrap(server)
        let rainy = try server.get("/layers/flood-risk.geojson?scenario=rain=37.5")
        XCTAssertTrue(rainy.text.contains(#""rain":37.5"#), rainy.text)
        let basemap = try server.get("/layers/basemap.geojson?scenario=rain=37.5")
        XCTAssertTrue(basemap.text.contains(#""rain":null"#), basemap.text)
    }

    func testLibraryErrorIsA500WithoutDetails() throws {
        let server = try XCTUnwrap(server)
        let tile = InProcessServer.tile("wildlife", z: 12, lon: 140.04, lat: 38.107)
        let response = try server.get(tile.path)
        XCTAssertEqual(response.status, 500)
        XCTAssertFalse(response.text.contains("broken on purpose"), "details stay in the log")
        Thread.sleep(forTimeInterval: 0.1)
        XCTAssertTrue(
            try server.accessLogLines().contains { $0.contains("broken on purpose") && $0.contains(#""status":500"#) })
        try ServerScenarios(server: server).assertStillServing()
    }

    func testTokenlessServerKeepsPrivateLayersClosed() throws {
        let server = try InProcessServer { $0.token = nil }
        let tile = try XCTUnwrap(server.facts.privateTile)
        XCTAssertEqual(try server.get(tile.path, headers: ["Authorization": "Bearer "]).status, 401)
        XCTAssertEqual(
            try server.get(tile.path, headers: ["Authorization": "Bearer \(InProcessServer.testToken)"]).status, 401)
    }

    func testCORSOriginIsConfigurable() throws {
        let server = try InProcessServer { $0.corsOrigin = "https://www.city.nagai.yamagata.jp" }
        XCTAssertEqual(
            try server.get("/health").header("Access-Control-Allow-Origin"), "https://www.city.nagai.yamagata.jp")
        let none = try InProcessServer { $0.corsOrigin = "" }
        XCTAssertNil(try none.get("/health").header("Access-Control-Allow-Origin"))
    }

    func testPerAddressConnectionLimit() throws {
        let server = try InProcessServer { $0.maxConnectionsPerIP = 4 }
        var open: [Int32] = []
        defer { for fd in open { close(fd) } }
        for _ in 0..<4 {
            let fd = try RawHTTP.connect(port: server.port, receiveTimeout: 2)
            RawHTTP.send(fd, Data("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8))  // keep-alive: stays open
            open.append(fd)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let extra = try RawHTTP.connect(port: server.port, receiveTimeout: 2)
        defer { close(extra) }
        RawHTTP.send(extra, Data("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
        let answer = try RawHTTP.readToEnd(extra)
        XCTAssertNil(RawHTTP.parse(answer), "the fifth connection from one address is refused")
        for fd in open { close(fd) }
        open = []
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(try server.get("/health").status, 200, "accepted again once the others close")
    }

    func testGracefulShutdownFinishesRequestsInFlight() throws {
        let server = try InProcessServer(service: TestMapService(renderDelay: 1.0))
        let tile = server.facts.publicTile
        let result = Locked<Result<RawHTTP.Response, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let port = server.port
        DispatchQueue.global().async {
            let response = Result { try RawHTTP.request(port: port, tile.path) }
            result.withLock { $0 = response }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(server.server.requestsInFlight, 1)
        let started = Date()
        XCTAssertEqual(server.server.shutdown(), 0, "nothing was cut off")
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.4, "shutdown waited for the render")
        done.wait()
        XCTAssertEqual(try result.withLock { try $0?.get() }?.status, 200, "the request in flight was answered")
        XCTAssertThrowsError(try RawHTTP.connect(port: port), "no longer accepting")
    }

    func testSourceWatcherRefreshesAfterAFileSettles() throws {
        let folder = try makeTemporaryDirectory("geohub-watch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("river_levels.csv")
        try Data("site_id,timestamp,level_m\n".utf8).write(to: file)
        let service = TestMapService(watchedFiles: [file])
        let reports = Locked<[String]>([])
        let watcher = SourceWatcher(service: service, interval: 3600) { line in reports.withLock { $0.append(line) } }
        watcher.start()
        defer { watcher.stop() }
        watcher.poll()
        XCTAssertTrue(service.refreshes.isEmpty, "nothing changed")
        try Data("site_id,timestamp,level_m\nS1,2024-07-25T10:00:00+09:00,1.2\n".utf8).write(to: file)
        watcher.poll()
        XCTAssertTrue(service.refreshes.isEmpty, "a file that just changed may still be being written")
        watcher.poll()
        XCTAssertEqual(service.refreshes, [[file]])
        XCTAssertEqual(service.layers().first { $0.name == LayerName.floodRisk }?.revision, 2)
        watcher.poll()
        XCTAssertEqual(service.refreshes.count, 1, "one refresh per change")
        XCTAssertEqual(reports.withLock { $0 }, ["geohub: refreshed after changes to river_levels.csv"])
    }

    func testBindingAnOccupiedPortSaysWhatToDo() throws {
        let server = try XCTUnwrap(server)
        XCTAssertThrowsError(try InProcessServer { $0.port = server.port }) { error in
            XCTAssertTrue("\(error)".contains("--port 0 picks a free one"), "\(error)")
        }
    }
}

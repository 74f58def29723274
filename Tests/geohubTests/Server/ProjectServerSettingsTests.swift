import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub serve` takes its defaults from the project's `server` object and lets the
/// command line override them, checked on the built binary over real sockets.
final class ProjectServerSettingsTests: XCTestCase {
    private static let projectToken = "project-token-\(UUID().uuidString.prefix(8))"
    private var folder: URL?

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// A project of the repository's basemap alone (quick to build), with the basemap
    /// private so the token matters, and `server` as given.
    private func project(server: String) throws -> URL {
        let folder = try makeTemporaryDirectory("geohub-server-settings")
        self.folder = folder
        let basemap = ReferencePython.packageRoot.appendingPathComponent("basemap")
        let sources = ["boundary", "roads", "rivers", "schools"].map {
            "\"\($0)\": \"\(basemap.appendingPathComponent("\($0).geojson").path)\""
        }
        let text = """
            {"name": "Settings", "bbox": [139.88, 38.03, 140.13, 38.20], "crs": "EPSG:6678",
             "sources": {\(sources.joined(separator: ", "))},
             "layers": {"basemap": {"public": false}},
             "server": \(server)}
            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("geohub.json"))
        return folder
    }

    private var settings: String {
        """
        {"port": 0, "cacheMaxAge": 42, "corsOrigin": "https://city.example", "bearerToken": "\(Self.projectToken)",
         "watchInterval": 0, "maxConnectionsPerIP": 3}
        """
    }

    func testTheProjectsServerSettingsAreUsed() throws {
        let folder = try project(server: settings)
        // No --port: the project's port 0 picks a free one (the default would be 8080).
        let server = try ServeProcess(["serve", folder.path], environment: ["GEOHUB_TOKEN": ""])
        defer { server.stop() }
        XCTAssertNotEqual(server.port, 8080)
        let allowed = try server.get("/tiles/basemap.json", headers: ["Authorization": "Bearer \(Self.projectToken)"])
        XCTAssertEqual(allowed.status, 200, allowed.description)
        XCTAssertEqual(allowed.header("Cache-Control"), "private, max-age=42")
        XCTAssertEqual(allowed.header("Access-Control-Allow-Origin"), "https://city.example")
        let refused = try server.get("/tiles/basemap.json")
        XCTAssertEqual(refused.status, 401, "the project's token guards private layers")
        XCTAssertEqual(refused.header("Access-Control-Allow-Origin"), "https://city.example")
        XCTAssertFalse(server.standardError.contains("no token set"), server.standardError)
        // maxConnectionsPerIP 3: a fourth connection from 127.0.0.1 is refused while three are open.
        XCTAssertNil(try RawHTTP.answerBeyond(held: 3, port: server.port), "the fourth connection is refused")
    }

    func testCommandLineOptionsOverrideTheProject() throws {
        let folder = try project(server: settings)
        let environmentToken = "environment-token-\(UUID().uuidString.prefix(8))"
        let server = try ServeProcess(
            ["serve", folder.path, "--max-age", "7", "--cors-origin", "", "--quiet"],
            environment: ["GEOHUB_TOKEN": environmentToken])
        defer { server.stop() }
        let allowed = try server.get("/tiles/basemap.json", headers: ["Authorization": "Bearer \(environmentToken)"])
        XCTAssertEqual(allowed.status, 200, allowed.description)
        XCTAssertEqual(allowed.header("Cache-Control"), "private, max-age=7")
        XCTAssertNil(allowed.header("Access-Control-Allow-Origin"), "--cors-origin '' sends none")
        let projectToken = try server.get(
            "/tiles/basemap.json", headers: ["Authorization": "Bearer \(Self.projectToken)"])
        XCTAssertEqual(projectToken.status, 401, "GEOHUB_TOKEN replaces the project's token")
    }

    func testABadServerSettingStopsServeWithItsPath() throws {
        let folder = try project(server: #"{"port": 0, "maxRequestBytes": 100}"#)
        let result = try GeohubBinary.run(["serve", folder.path])
        XCTAssertEqual(result.status, 1, result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains(
                "expected a number of bytes from 4096 to 1048576, got 100 (at server.maxRequestBytes)"),
            result.stderrText)
    }
}

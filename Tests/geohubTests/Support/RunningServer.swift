import Foundation
import TestSupport
import XCTest
@testable import geohub

/// A tile address for tests.
struct TileRef: CustomStringConvertible {
    var layer: String
    var z: Int
    var x: Int
    var y: Int

    var path: String { "/tiles/\(layer)/\(z)/\(x)/\(y).png" }
    var retinaPath: String { "/tiles/\(layer)/\(z)/\(x)/\(y)@2x.png" }
    var description: String { path }
}

/// What a scenario needs to know about the data a server holds: which tile has
/// something on it, which is empty, which layer is private, where a route can go.
/// The in-process server knows them from its test double; the binary's are read
/// from its `/layers.json`.
struct ServerFacts {
    var layerNames: [String]
    var publicTile: TileRef
    var emptyTile: TileRef
    var outOfRangeTile: TileRef
    var privateTile: TileRef?
    var featureLayer: String
    var scenarioLayer: String?
    var routeFrom: String
    var routeTo: String
}

/// A geohub server listening on 127.0.0.1 that the shared scenarios talk to over
/// real sockets.
protocol RunningServer: AnyObject {
    var port: Int { get }
    /// The bearer token the server was given.
    var token: String { get }
    /// The idle timeout the server was given, in seconds.
    var connectionTimeout: Int { get }
    var facts: ServerFacts { get }
    /// The access log's lines so far.
    func accessLogLines() throws -> [String]
}

extension RunningServer {
    var baseURL: String { "http://127.0.0.1:\(port)" }

    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws -> RawHTTP.Response {
        try RawHTTP.request(port: port, method: method, target, headers: headers)
    }

    /// The tile of `layer` at zoom `z` that contains a lon/lat point (XYZ, Web Mercator).
    static func tile(_ layer: String, z: Int, lon: Double, lat: Double) -> TileRef {
        let n = Double(1 << z)
        let radians = lat * .pi / 180
        let x = Int(((lon + 180) / 360 * n).rounded(.down))
        let y = Int(((1 - log(tan(radians) + 1 / cos(radians)) / .pi) / 2 * n).rounded(.down))
        return TileRef(layer: layer, z: z, x: x, y: y)
    }
}

/// `geohub`'s HTTP server started in this process on a ``TestMapService``.
final class InProcessServer: RunningServer {
    static let testToken = "s3cret-token-for-tests"

    let service: TestMapService
    let server: HTTPServer
    let port: Int
    let token = InProcessServer.testToken
    let connectionTimeout: Int
    let logFile: URL
    private let folder: URL

    init(service: TestMapService = TestMapService(), configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.token = InProcessServer.testToken
        configuration.connectionTimeout = 2
        configuration.maxAge = 600
        configure(&configuration)
        folder = try makeTemporaryDirectory("geohub-server")
        logFile = folder.appendingPathComponent("access.log")
        self.service = service
        connectionTimeout = configuration.connectionTimeout
        server = try HTTPServer(service: service, configuration: configuration, log: AccessLog(.file(logFile)))
        port = try XCTUnwrap(server.url.split(separator: ":").last.flatMap { Int($0) })
    }

    deinit {
        server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    var facts: ServerFacts {
        ServerFacts(
            layerNames: ["basemap", "flood-risk", "child-traffic", "wildlife"],
            publicTile: Self.tile("basemap", z: 12, lon: 140.04, lat: 38.107),
            emptyTile: TileRef(layer: "basemap", z: 4, x: 0, y: 0),
            outOfRangeTile: Self.tile("basemap", z: 17, lon: 140.04, lat: 38.107),
            privateTile: Self.tile("child-traffic", z: 12, lon: 140.04, lat: 38.107),
            featureLayer: "basemap", scenarioLayer: "flood-risk",
            routeFrom: "140.00,38.10", routeTo: "140.05,38.12")
    }

    func accessLogLines() throws -> [String] {
        let text = try String(contentsOf: logFile, encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }
}

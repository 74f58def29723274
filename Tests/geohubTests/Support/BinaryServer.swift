import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub serve examples/nagai --port 0 …` run as a child process; the scenarios
/// talk to it over real sockets exactly as to the in-process server.
///
/// Launching skips (XCTSkip) while `examples/nagai` is not generated or while the
/// binary is not wired to the data library (it then exits 1 saying so); once both
/// are in place every binary test runs.
final class BinaryServer: RunningServer, @unchecked Sendable {
    static let testToken = "binary-test-token-\(UUID().uuidString.prefix(8))"

    let process: Process
    let port: Int
    let token = BinaryServer.testToken
    let connectionTimeout: Int
    let logFile: URL
    let facts: ServerFacts
    private let folder: URL
    private let standardError = Locked(Data())

    /// Starts the server on `project` with `arguments` added, waits for its
    /// "serving … at URL" line (up to `startTimeout` seconds, since the first start
    /// may build the layers) and reads the facts from `/layers.json`.
    init(project: URL, arguments: [String] = [], connectionTimeout: Int = 2, startTimeout: Double = 300) throws {
        guard FileManager.default.isExecutableFile(atPath: GeohubBinary.url.path) else {
            throw XCTSkip("\(GeohubBinary.url.path) is not built")
        }
        folder = try makeTemporaryDirectory("geohub-binary-server")
        logFile = folder.appendingPathComponent("access.log")
        self.connectionTimeout = connectionTimeout
        process = Process()
        process.executableURL = GeohubBinary.url
        process.arguments =
            [
                "serve", project.path, "--port", "0", "--timeout", String(connectionTimeout),
                "--access-log", logFile.path,
            ] + (arguments.contains("--watch-interval") ? [] : ["--watch-interval", "0"]) + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["GEOHUB_TOKEN": BinaryServer.testToken]) {
            $1
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let buffer = standardError
        err.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            buffer.withLock { $0.append(chunk) }
        }
        try process.run()
        port = try Self.waitForURL(
            out.fileHandleForReading, process: process, timeout: startTimeout,
            standardError: buffer)
        facts = try Self.readFacts(port: port)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate(timeout: Double = 30) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    var standardErrorText: String { String(decoding: standardError.withLock { $0 }, as: UTF8.self) }

    func accessLogLines() throws -> [String] {
        try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Reads stdout until `geohub: serving NAME at http://127.0.0.1:PORT/`.
    private static func waitForURL(
        _ handle: FileHandle, process: Process, timeout: Double,
        standardError: Locked<Data>
    ) throws -> Int {
        let lines = Locked("")
        handle.readabilityHandler = { handle in
            let chunk = handle.availableData
            lines.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
        }
        defer { handle.readabilityHandler = nil }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = lines.withLock { $0 }
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("geohub: serving ") }),
                let url = line.split(separator: " ").last,
                let port = url.split(separator: ":").last.flatMap({ Int($0.dropLast()) })
            {
                return port
            }
            if !process.isRunning {
                Thread.sleep(forTimeInterval: 0.1)
                let stderr = String(decoding: standardError.withLock { $0 }, as: UTF8.self)
                if stderr.contains(LibraryWiring.notWiredMessage) {
                    throw XCTSkip("geohub is not wired to the data library yet (LibraryWiring.library())")
                }
                throw RawHTTP.Failure(description: "geohub serve exited \(process.terminationStatus): \(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw RawHTTP.Failure(description: "geohub serve printed no URL within \(timeout) s")
    }

    /// The facts the scenarios need, found from the server's own catalogue: the tile
    /// under the middle of the basemap that has something drawn (a tile number
    /// cross-checked with mercantile), one far away with nothing, and so on.
    private static func readFacts(port: Int) throws -> ServerFacts {
        let catalogue = try RawHTTP.request(port: port, "/layers.json")
        let object = try JSONSerialization.jsonObject(with: catalogue.body) as? [String: Any]
        let layers = try XCTUnwrap(object?["layers"] as? [[String: Any]], catalogue.text)
        struct Layer {
            var name: String, minZoom: Int, maxZoom: Int, bounds: [Double], isPublic: Bool, geoJSON: Bool,
                scenario: Bool
        }
        let parsed = try layers.map { layer in
            Layer(
                name: try XCTUnwrap(layer["name"] as? String), minZoom: try XCTUnwrap(layer["minzoom"] as? Int),
                maxZoom: try XCTUnwrap(layer["maxzoom"] as? Int), bounds: try XCTUnwrap(layer["bounds"] as? [Double]),
                isPublic: try XCTUnwrap(layer["public"] as? Bool), geoJSON: layer["geojson"] as? Bool ?? false,
                scenario: layer["scenario"] as? Bool ?? false)
        }
        let base = try XCTUnwrap(
            parsed.first { $0.name == "basemap" } ?? parsed.first { $0.isPublic },
            "no public layer in \(catalogue.text)")
        let centre = (lon: (base.bounds[0] + base.bounds[2]) / 2, lat: (base.bounds[1] + base.bounds[3]) / 2)
        var publicTile: TileRef?
        for z in max(base.minZoom, 10)...min(base.maxZoom, max(base.minZoom, 10) + 4) {
            let tile = InProcessServer.tile(base.name, z: z, lon: centre.lon, lat: centre.lat)
            if try RawHTTP.request(port: port, tile.path).status == 200 {
                publicTile = tile
                break
            }
        }
        let drawn = try XCTUnwrap(publicTile, "no drawn \(base.name) tile around the middle of its bounds")
        let reference = try ReferencePython.json(
            "import mercantile, sys, json; t = mercantile.tile(float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])); "
                + "print(json.dumps([t.x, t.y]))",
            packages: ["mercantile"], arguments: [String(centre.lon), String(centre.lat), String(drawn.z)])
        XCTAssertEqual(reference as? [Int], [drawn.x, drawn.y], "tile numbers agree with mercantile")
        let emptyZoom = max(base.minZoom, 4)
        let outOfRange =
            base.maxZoom < 22
            ? InProcessServer.tile(base.name, z: base.maxZoom + 1, lon: centre.lon, lat: centre.lat)
            : InProcessServer.tile(base.name, z: base.minZoom - 1, lon: centre.lon, lat: centre.lat)
        let privateTile = parsed.first { !$0.isPublic }.map { layer in
            InProcessServer.tile(layer.name, z: layer.minZoom, lon: centre.lon, lat: centre.lat)
        }
        let features = try XCTUnwrap(parsed.first { $0.isPublic && $0.geoJSON }, "no public GeoJSON layer")
        let span = (lon: (base.bounds[2] - base.bounds[0]) / 8, lat: (base.bounds[3] - base.bounds[1]) / 8)
        return ServerFacts(
            layerNames: parsed.map(\.name), publicTile: drawn,
            emptyTile: TileRef(layer: base.name, z: emptyZoom, x: 0, y: 0), outOfRangeTile: outOfRange,
            privateTile: privateTile, featureLayer: features.name,
            scenarioLayer: parsed.first { $0.isPublic && $0.geoJSON && $0.scenario }?.name,
            routeFrom: try nearestRoadPoint(port: port, to: (centre.lon - span.lon, centre.lat - span.lat)),
            routeTo: try nearestRoadPoint(port: port, to: (centre.lon + span.lon, centre.lat + span.lat)))
    }

    /// The basemap road vertex nearest `point` as `LON,LAT`: route end points must lie
    /// within the planner's snapping distance of a road, and the example's roads do not
    /// reach every point of the map.
    private static func nearestRoadPoint(port: Int, to point: (Double, Double)) throws -> String {
        let response = try RawHTTP.request(port: port, "/layers/basemap.geojson")
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        var best: (distance: Double, lon: Double, lat: Double)?
        for feature in object?["features"] as? [[String: Any]] ?? [] {
            guard (feature["properties"] as? [String: Any])?["kind"] as? String == "road",
                let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "LineString",
                let coordinates = geometry["coordinates"] as? [[Double]]
            else { continue }
            for c in coordinates where c.count >= 2 {
                let d = (c[0] - point.0) * (c[0] - point.0) + (c[1] - point.1) * (c[1] - point.1)
                if best.map({ d < $0.distance }) ?? true { best = (d, c[0], c[1]) }
            }
        }
        let found = try XCTUnwrap(best, "the basemap has no road")
        return "\(found.lon),\(found.lat)"
    }
}

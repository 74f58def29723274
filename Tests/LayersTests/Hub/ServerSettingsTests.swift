import Foundation
import Layers
import TestSupport
import XCTest

/// The project file's `server` object: every key read, bad values named by their JSON
/// path, and the defaults and ranges exactly those docs/project-file.md documents.
final class ServerSettingsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try makeTemporaryDirectory("server-settings") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func load(server: String) throws -> ServerSettings {
        let text =
            #"{"name": "T", "bbox": [139.88, 38.03, 140.13, 38.20], "crs": "EPSG:6678", "server": "#
            + server + "}"
        try Data(text.utf8).write(to: folder.appendingPathComponent("geohub.json"))
        return try Project.load(from: folder).server
    }

    private func assertError(_ server: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(server: server), file: file, line: line) { error in
            XCTAssertEqual("\(error)", "geohub.json: server." + expected, file: file, line: line)
        }
    }

    func testEveryKeyIsRead() throws {
        let settings = try load(
            server: """
                {"host": "0.0.0.0", "port": 0, "threads": 3, "cacheMB": 64, "cacheMaxAge": 60,
                 "corsOrigin": "https://city.example", "bearerToken": "0123456789abcdefXYZ", "maxConnections": 100,
                 "maxConnectionsPerIP": 0, "connectionTimeout": 5, "maxRequestBytes": 8192,
                 "publicURL": "https://tiles.city.example", "watchInterval": 2.5}
                """)
        XCTAssertEqual(
            settings,
            ServerSettings(
                host: "0.0.0.0", port: 0, threads: 3, cacheMegabytes: 64, cacheMaxAge: 60,
                corsOrigin: "https://city.example", bearerToken: "0123456789abcdefXYZ", maxConnections: 100,
                maxConnectionsPerIP: 0, connectionTimeout: 5, maxRequestBytes: 8192,
                publicURL: "https://tiles.city.example", watchInterval: 2.5))
        XCTAssertEqual(try load(server: #"{"corsOrigin": ""}"#).corsOrigin, "", "an empty origin sends no CORS header")
        XCTAssertEqual(try load(server: "{}"), ServerSettings())
    }

    func testBadValuesNameTheirJSONPath() {
        assertError(#"{"threads": 0}"#, "threads: expected a number of threads from 1 to 256, got 0")
        assertError(#"{"cacheMB": 0}"#, "cacheMB: expected a number of MiB from 1 to 1048576, got 0")
        assertError(
            #"{"maxRequestBytes": 1024}"#, "maxRequestBytes: expected a number of bytes from 4096 to 1048576, got 1024")
        assertError(
            #"{"maxConnectionsPerIP": -1}"#,
            "maxConnectionsPerIP: expected a number of connections from 0 (no limit) to 10000, got -1")
        assertError(
            #"{"corsOrigin": "https://a.example\nX-Evil: 1"}"#,
            #"corsOrigin: expected one origin or "*" without line breaks"#)
        assertError(
            #"{"publicURL": "tiles.example"}"#, #"publicURL: expected an http:// or https:// URL, got "tiles.example""#)
        assertError(
            #"{"watchInterval": -1}"#, "watchInterval: expected a number of seconds from 0 (off) to 86400, got -1")
        assertError(
            #"{"bearerToken": "short"}"#, "bearerToken: expected at least 16 printable ASCII characters without spaces")
        assertError(
            #"{"cacheMb": 64}"#,
            "cacheMb: unknown key (allowed here: host, port, threads, cacheMB, cacheMaxAge, corsOrigin, bearerToken, "
                + "maxConnections, maxConnectionsPerIP, connectionTimeout, maxRequestBytes, publicURL, watchInterval)")
    }

    /// docs/project-file.md's Server table names every key once, with the default and
    /// the range `ServerSettings` has: the documentation cannot drift from the code.
    func testDocumentedDefaultsAndRangesAreTheCodes() throws {
        let rows = try Self.documentedRows()
        let defaults = ServerSettings()
        func text(_ value: Int) -> String { "`\(value)`" }
        let expected: [String: (default: String?, range: String?)] = [
            "host": ("`\"\(defaults.host)\"`", nil),
            "port": (text(defaults.port), Self.range(ServerSettings.portRange)),
            "threads": (nil, Self.range(ServerSettings.threadsRange)),
            "cacheMB": (text(defaults.cacheMegabytes), Self.range(ServerSettings.cacheMegabytesRange)),
            "cacheMaxAge": (text(defaults.cacheMaxAge), Self.range(ServerSettings.cacheMaxAgeRange)),
            "corsOrigin": ("`\"\(defaults.corsOrigin)\"`", nil),
            "bearerToken": (nil, nil),
            "maxConnections": (text(defaults.maxConnections), Self.range(ServerSettings.maxConnectionsRange)),
            "maxConnectionsPerIP": (
                text(defaults.maxConnectionsPerIP), Self.range(ServerSettings.maxConnectionsPerIPRange)
            ),
            "connectionTimeout": (text(defaults.connectionTimeout), Self.range(ServerSettings.connectionTimeoutRange)),
            "maxRequestBytes": (text(defaults.maxRequestBytes), Self.range(ServerSettings.maxRequestBytesRange)),
            "publicURL": (nil, nil),
            "watchInterval": (text(Int(defaults.watchInterval)), "0–86400"),
        ]
        XCTAssertEqual(Set(rows.keys), Set(expected.keys), "every key documented, nothing more")
        XCTAssertNil(defaults.threads)
        XCTAssertNil(defaults.bearerToken)
        XCTAssertNil(defaults.publicURL)
        XCTAssertEqual(ServerSettings.watchIntervalRange, 0...86_400)
        for (key, facts) in expected {
            guard let row = rows[key] else { continue }
            if let value = facts.default {
                XCTAssertEqual(row.default, value, "documented default of \(key)")
            } else {
                XCTAssertFalse(row.default.hasPrefix("`"), "\(key) has no value by default: \(row.default)")
            }
            if let range = facts.range { XCTAssertTrue(row.type.contains(range), "\(key): \(row.type) vs \(range)") }
        }
    }

    private static func range(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound)–\(range.upperBound)" }

    /// The rows of the table under `## Server`: key → (type, default) columns.
    static func documentedRows() throws -> [String: (type: String, default: String)] {
        let docs = ReferencePython.packageRoot.appendingPathComponent("docs/project-file.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try XCTUnwrap(text.components(separatedBy: "\n## Server\n").dropFirst().first)
            .components(separatedBy: "\n## ")[0]
        var rows: [String: (type: String, default: String)] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            rows[cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = (cells[2], cells[3])
        }
        return rows
    }
}

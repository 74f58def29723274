import Foundation
import TestSupport
import XCTest
@testable import geohub

/// Hostile and heavy clients: traversal, malformed and oversize requests, a stalled
/// client, 64 at once; and what the access log records.
extension ServerScenarios {
    func pathTraversal() throws {
        let attempts = [
            "/leaflet/../../etc/passwd", "/leaflet/../../../../../../etc/passwd", "/leaflet/%2e%2e/%2e%2e/etc/passwd",
            "/leaflet/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/leaflet/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/leaflet/images/../../../../../etc/passwd", "/leaflet//etc/passwd", "/leaflet/%2fetc%2fpasswd",
            "/leaflet/..%5c..%5cetc%5cpasswd", "/leaflet/%252e%252e/%252e%252e/etc/passwd", "/leaflet/./leaflet.js",
            "/leaflet/leaflet.js%00.png", "/leaflet/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/../../etc/passwd",
            "/tiles/../../etc/passwd", "/layers/..%2f..%2fetc%2fpasswd.geojson",
        ]
        for target in attempts {
            let response = try server.get(target)
            XCTAssertTrue([400, 404].contains(response.status), "\(target) → \(response.status)")
            XCTAssertFalse(response.text.contains("root:"), target)
        }
    }

    func malformedRequests() throws {
        let junk: [String] = [
            "GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/1.1 extra words\r\nHost: x\r\n\r\n",
            "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
            " / HTTP/1.1\r\n\r\n", "GET /health HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
            "\u{16}\u{03}\u{01}\u{00}\u{a5}\u{01}\u{00}\u{00}\u{a1}\u{03}\u{03}\r\n\r\n",
        ]
        for text in junk {
            let answer = try RawHTTP.exchange(port: server.port, Data(text.utf8))
            if let response = RawHTTP.parse(answer) {
                XCTAssertTrue(
                    (400..<500).contains(response.status) || response.status == 505,
                    "\(text.debugDescription) → \(response.status)")
            }  // else the server closed the connection without an answer, which is fine
        }
        // libmicrohttpd drops a header line with an empty name; the request is served as if it were absent.
        let nameless = RawHTTP.parse(
            try RawHTTP.exchange(
                port: server.port,
                Data("GET /health HTTP/1.1\r\nHost: x\r\n: dropped\r\nConnection: close\r\n\r\n".utf8)))
        XCTAssertEqual(nameless?.status, 200)
        var binary = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        binary.append(Data("\r\n\r\n".utf8))
        _ = try RawHTTP.exchange(port: server.port, binary)
        try assertStillServing()
    }

    func oversizeRequests() throws {
        let bigHeader = "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "a", count: 200_000))\r\n\r\n"
        let headerAnswer = RawHTTP.parse(try RawHTTP.exchange(port: server.port, Data(bigHeader.utf8)))
        XCTAssertTrue(
            headerAnswer.map { [413, 414, 431, 400].contains($0.status) } ?? true, "\(String(describing: headerAnswer))"
        )
        let longURL = "GET /\(String(repeating: "x", count: 100_000)) HTTP/1.1\r\nHost: x\r\n\r\n"
        let urlAnswer = RawHTTP.parse(try RawHTTP.exchange(port: server.port, Data(longURL.utf8)))
        XCTAssertTrue(
            urlAnswer.map { [413, 414, 431, 400].contains($0.status) } ?? true, "\(String(describing: urlAnswer))")
        let manyHeaders = "GET / HTTP/1.1\r\nHost: x\r\n" + (0..<5000).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        let manyAnswer = RawHTTP.parse(try RawHTTP.exchange(port: server.port, Data(manyHeaders.utf8)))
        XCTAssertTrue(manyAnswer.map { [413, 414, 431, 400].contains($0.status) } ?? true)
        try assertStillServing()
    }

    /// A client that sends half a request and stalls is cut off after the timeout.
    func slowClient() throws {
        let fd = try RawHTTP.connect(port: server.port, receiveTimeout: Double(server.connectionTimeout) + 10)
        defer { close(fd) }
        RawHTTP.send(fd, Data("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8))
        let started = Date()
        let answer = try RawHTTP.readToEnd(fd)
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, Double(server.connectionTimeout) - 0.5, "cut off too early")
        XCTAssertLessThan(waited, Double(server.connectionTimeout) + 5, "not cut off in time")
        if let response = RawHTTP.parse(answer) { XCTAssertNotEqual(response.status, 200) }
        try assertStillServing()
    }

    /// 64 clients at once, each fetching tiles, the page and GeoJSON: zero errors.
    func concurrentClients(clients: Int = 64, requestsEach: Int = 8) throws {
        let facts = server.facts
        var targets = [
            "/", "/health", "/layers/\(facts.featureLayer).geojson", facts.emptyTile.path, "/leaflet/leaflet.css",
        ]
        for dx in -2...2 {
            for dy in -2...2 {
                let tile = facts.publicTile
                targets.append(TileRef(layer: tile.layer, z: tile.z, x: tile.x + dx, y: tile.y + dy).path)
            }
        }
        let failures = Locked<[String]>([])
        let port = server.port
        let fixedTargets = targets
        DispatchQueue.concurrentPerform(iterations: clients) { client in
            for request in 0..<requestsEach {
                let target = fixedTargets[(client * 7 + request * 3) % fixedTargets.count]
                do {
                    let response = try RawHTTP.request(port: port, target)
                    if ![200, 204].contains(response.status) {
                        failures.withLock { $0.append("\(target) → \(response.status)") }
                    }
                } catch {
                    failures.withLock { $0.append("\(target): \(error)") }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [], "every request answered")
    }

    func accessLog() throws {
        let facts = server.facts
        _ = try server.get("/route?from=\(facts.routeFrom)&to=\(facts.routeTo)")
        _ = try server.get(facts.emptyTile.path)
        _ = try server.get("/tiles/\(facts.publicTile.layer)/x/y/z.png", method: "DELETE")
        // The completion callback runs just after the answer is sent.
        var lines: [String] = []
        for _ in 0..<50 {
            lines = try server.accessLogLines()
            if lines.count >= 3 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let entries = try lines.map { line -> [String: Any] in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
        }
        for entry in entries {
            XCTAssertEqual(
                Set(entry.keys).subtracting(["error"]), ["time", "method", "path", "status", "bytes", "duration_ms"])
            XCTAssertNotNil(try? Date(try XCTUnwrap(entry["time"] as? String), strategy: .iso8601))
            XCTAssertGreaterThanOrEqual(try XCTUnwrap((entry["duration_ms"] as? NSNumber)?.doubleValue), 0)
        }
        let route = try XCTUnwrap(entries.last { $0["path"] as? String == "/route" })
        XCTAssertEqual(route["status"] as? Int, 200)
        XCTAssertFalse(lines.joined().contains(facts.routeFrom), "query strings (route end points) are never logged")
        let empty = try XCTUnwrap(entries.last { $0["path"] as? String == facts.emptyTile.path })
        XCTAssertEqual(empty["status"] as? Int, 204)
        XCTAssertEqual(empty["bytes"] as? Int, 0)
        let delete = try XCTUnwrap(entries.last { $0["method"] as? String == "DELETE" })
        XCTAssertEqual(delete["status"] as? Int, 405)
        XCTAssertFalse(lines.joined().contains(server.token), "the token is never logged")
    }

    /// The server still answers normally.
    func assertStillServing(line: UInt = #line) throws {
        let response = try server.get("/health")
        XCTAssertEqual(response.status, 200, "the server survived", line: line)
    }
}

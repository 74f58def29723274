import Foundation
import TestSupport
import XCTest
@testable import geohub

/// The access log line, written byte by byte on the hot path, read back by
/// Foundation's JSON parser and date formatter.
final class AccessLogLineTests: XCTestCase {
    private func parse(_ entry: AccessLog.Entry) throws -> [String: Any] {
        let line = AccessLog.line(for: entry)
        XCTAssertEqual(line.last, UInt8(ascii: "\n"))
        XCTAssertEqual(line.filter { $0 == UInt8(ascii: "\n") }.count, 1, "one line")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
    }

    private func entry(
        time: Date = Date(), path: String = "/tiles/basemap/12/3637/1594.png", duration: Double = 0.82,
        note: String? = nil
    ) -> AccessLog.Entry {
        AccessLog.Entry(
            time: time, method: "GET", path: path, status: 200, bytes: 1234, durationMilliseconds: duration, note: note)
    }

    func testFieldsReadBackAsWritten() throws {
        let object = try parse(entry(note: "render failed: \"x\""))
        XCTAssertEqual(object["method"] as? String, "GET")
        XCTAssertEqual(object["path"] as? String, "/tiles/basemap/12/3637/1594.png")
        XCTAssertEqual(object["status"] as? Int, 200)
        XCTAssertEqual(object["bytes"] as? Int, 1234)
        XCTAssertEqual(object["error"] as? String, "render failed: \"x\"")
        XCTAssertEqual(Set(object.keys), ["bytes", "duration_ms", "error", "method", "path", "status", "time"])
        let text = String(decoding: AccessLog.line(for: entry()), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"bytes":1234,"duration_ms":0.820,"method":"GET","path":"#), text)
    }

    /// Times agree with Foundation's ISO 8601 style with fractional seconds, across
    /// leap days, century years, the epoch and before it.
    func testTimesAreFoundationsISO8601() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let seconds: [Double] = [
            0, 0.5, 59.125, 951_782_400.25, 951_868_799.75, 1_709_164_800, 1_798_761_599.5, 4_107_542_400,
            -86_400.5, -2_208_988_800, 1_764_101_319.375,
        ]
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            let object = try parse(entry(time: date))
            XCTAssertEqual(object["time"] as? String, date.formatted(style), "\(value)")
        }
        let now = Date()
        let parsed = try XCTUnwrap(
            try Date((try parse(entry(time: now)))["time"] as? String ?? "", strategy: .iso8601))
        XCTAssertEqual(parsed.timeIntervalSince1970, now.timeIntervalSince1970, accuracy: 0.001)
    }

    func testDurationsHaveThreeDecimalsLikePrintf() throws {
        for value in [0, 0.0004, 0.011, 0.82, 1, 12.3456, 999.9994, 1234.5678, 86_400_000] {
            var bytes: [UInt8] = []
            AccessLog.appendMilliseconds(value, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(format: "%.3f", value), "\(value)")
        }
        var negative: [UInt8] = []
        AccessLog.appendMilliseconds(-1, to: &negative)
        XCTAssertEqual(String(decoding: negative, as: UTF8.self), "0.000")
    }

    func testPathsNeedingEscapesAndLongPathsStayValidJSON() throws {
        for path in ["/a\"b\\c", "/caf\u{E9}/\u{6C38}\u{4E95}", "/ctl\u{7F}\u{01}", "/line\u{2028}sep", "/p"] {
            XCTAssertEqual(try parse(entry(path: path))["path"] as? String, path)
        }
        let long = "/" + String(repeating: "x", count: 600)
        XCTAssertEqual((try parse(entry(path: long))["path"] as? String)?.count, 512, "cut at 512 characters")
    }
}

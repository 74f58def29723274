import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub serve` with live data: new river readings arrive while the server runs
/// (as every 10 minutes during a flood); the server re-ingests them, rebuilds
/// flood-risk and the composite in the background and serves them with new revisions
/// and ETags, while every request in the meantime is answered from whole layers.
final class LiveRefreshEndToEndTests: XCTestCase {
    func testNewRiverReadingsAreServedWithoutARestart() throws {
        let copy = try NagaiCopy()
        try copy.succeed(["build", copy.project.path, "--quiet"])
        let server = try BinaryServer(project: copy.project, arguments: ["--watch-interval", "0.5"])
        defer { _ = server.terminate() }

        func revisions() throws -> [String: Int] {
            let body = try server.get("/layers.json").body
            let layers = try XCTUnwrap(
                (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["layers"]
                    as? [[String: Any]])
            return Dictionary(
                uniqueKeysWithValues: layers.compactMap { layer in
                    (layer["name"] as? String).map { ($0, layer["revision"] as? Int ?? 0) }
                })
        }
        func gauge(_ id: String) throws -> [String: Any] {
            let body = try server.get("/layers/flood-risk.geojson").body
            let features = try XCTUnwrap(
                (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["features"]
                    as? [[String: Any]])
            let feature = try XCTUnwrap(
                features.first { ($0["properties"] as? [String: Any])?["site_id"] as? String == id })
            return try XCTUnwrap(feature["properties"] as? [String: Any])
        }

        let before = try revisions()
        XCTAssertEqual(before["flood-risk"], 1)
        let oldTag = try XCTUnwrap(try server.get("/layers/flood-risk.geojson").header("ETag"))
        XCTAssertEqual(try gauge("IZ01")["status"] as? String, "normal")

        // IZ01 (上伊佐沢, danger level 2.71 m) rises past danger after the last reading; a
        // garbled reading beside them is rejected and reported by file and line.
        let levels = copy.data.appendingPathComponent("river_levels.csv")
        let lines = try String(contentsOf: levels, encoding: .utf8).split(separator: "\n").count
        let handle = try FileHandle(forWritingTo: levels)
        try handle.seekToEnd()
        try handle.write(
            contentsOf: Data(
                "IZ01,2022-08-09T00:00:00,2.40\nIZ01,2022-08-09T00:10:00,2.85\nIZ01,2022-08-09T00:20:00,--\n".utf8))
        try handle.close()

        // Requests keep being answered while the layers are rebuilt.
        var statuses: [Int] = []
        let deadline = Date().addingTimeInterval(120)
        var after = before
        while Date() < deadline {
            statuses.append(try server.get("/layers/flood-risk.geojson").status)
            statuses.append(try server.get(server.facts.publicTile.path).status)
            after = try revisions()
            if after["flood-risk"] ?? 0 > before["flood-risk"] ?? 0 { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(after["flood-risk"], 2, server.standardErrorText)
        XCTAssertEqual(after["composite"], 2, "the composite follows flood-risk")
        XCTAssertEqual(after["basemap"], 1, "layers fed by other sources are not rebuilt")
        XCTAssertEqual(after["child-traffic"], 1)
        XCTAssertEqual(Set(statuses), [200], "every request during the rebuild was answered")

        let rebuilt = try gauge("IZ01")
        XCTAssertEqual(rebuilt["status"] as? String, "danger")
        XCTAssertEqual(rebuilt["level_m"] as? Double, 2.85)
        XCTAssertEqual(rebuilt["observed_at"] as? String, "2022-08-09T00:10:00+09:00")
        let newTag = try XCTUnwrap(try server.get("/layers/flood-risk.geojson").header("ETag"))
        XCTAssertNotEqual(newTag, oldTag)
        XCTAssertEqual(try server.get("/layers/flood-risk.geojson", headers: ["If-None-Match": oldTag]).status, 200)
        XCTAssertTrue(
            server.standardErrorText.contains("geohub: refreshed after changes to river_levels.csv"),
            server.standardErrorText)
        XCTAssertTrue(
            server.standardErrorText.contains("river_levels.csv:\(lines + 3): level_m"), server.standardErrorText)
    }
}

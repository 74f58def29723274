import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// A crash in the middle of an ingest (kill -9) leaves the previous hub intact.
///
/// The test starts this same test binary as a child process running
/// ``HubCrashHelperTests/testIngestUntilKilled``, which ingests a large river-levels
/// file and, once 100,000 rows are inside the open transaction, writes a marker file
/// and waits. The parent then sends SIGKILL, so the process dies with uncommitted
/// pages in the write-ahead log, and checks the hub.
final class CrashSafetyTests: XCTestCase {
    func testKillNineMidIngestLeavesThePreviousHubIntact() throws {
        let fixture = try HubFixture()
        defer { fixture.remove() }
        try fixture.writeAll()
        let project = try fixture.project()
        try Hub.ingest(project: project)
        let before = try Hub.catalogue(for: project).riverLevels()

        var big = "site_id,timestamp,level_m\n"
        for i in 0..<400_000 {
            big +=
                "S\(i % 20),2022-\(String(format: "%02d", i / 40_000 % 12 + 1))-01T00:00:00+09:00,\(Double(i % 500) / 100)\n"
        }
        try fixture.write("data/river_levels.csv", big)

        let marker = fixture.url("killed-here")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["LayersTests.HubCrashHelperTests/testIngestUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging(
            ["GEOHUB_CRASH_HELPER_PROJECT": fixture.folder.path, "GEOHUB_CRASH_HELPER_MARKER": marker.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: marker.path), child.isRunning, Date() < deadline {
            usleep(20_000)
        }
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: marker.path), "the child never reached the middle of the ingest")
        XCTAssertTrue(child.isRunning)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        XCTAssertEqual(child.terminationStatus, SIGKILL)
        // The killed transaction left pages in the write-ahead log.
        XCTAssertGreaterThan(IngestTests.fileSize(fixture.url("hub.sqlite-wal")), 0)

        let catalogue = try Hub.catalogue(for: project)
        XCTAssertEqual(try catalogue.riverLevels(), before)
        XCTAssertEqual(try catalogue.provenance().first { $0.id == "riverLevels" }?.rows, 4)
        let check = try SQLiteDatabase(path: project.hubURL.path, mode: .readOnly).scalar("PRAGMA integrity_check")
        XCTAssertEqual(check?.string, "ok")

        // The next build simply ingests the new file.
        let report = try Hub.ingest(project: project)
        XCTAssertEqual(report.source("riverLevels")?.rows, 400_000)
    }
}

/// Runs only as the child process of ``CrashSafetyTests``; otherwise it does nothing.
final class HubCrashHelperTests: XCTestCase {
    func testIngestUntilKilled() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let folder = environment["GEOHUB_CRASH_HELPER_PROJECT"],
            let marker = environment["GEOHUB_CRASH_HELPER_MARKER"]
        else { return }
        let project = try Project.load(from: URL(fileURLWithPath: folder))
        try Hub.ingest(project: project) { event in
            guard case .rows(let file, let rows) = event, file.kind == .riverLevels, rows >= 100_000 else { return }
            _ = FileManager.default.createFile(atPath: marker, contents: Data())
            sleep(600)  // inside the open transaction, until the parent kills us
        }
    }
}

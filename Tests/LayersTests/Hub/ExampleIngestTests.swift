import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

/// Ingests the reference project, `examples/nagai` with `basemap/`, as committed.
final class ExampleIngestTests: XCTestCase {
    /// A copy of `examples/nagai` and `basemap/` (the project names `../../basemap`),
    /// so the test never writes into the repository.
    static func copyExample() throws -> (folder: URL, project: URL) {
        let root =
            ProcessInfo.processInfo.environment["GEOHUB_EXAMPLE_ROOT"].map { URL(fileURLWithPath: $0) }
            ?? ReferencePython.packageRoot
        let example = root.appendingPathComponent("examples/nagai")
        guard FileManager.default.fileExists(atPath: example.appendingPathComponent("geohub.json").path) else {
            throw XCTSkip("examples/nagai is not in this checkout yet")
        }
        let folder = try makeTemporaryDirectory("example")
        let project = folder.appendingPathComponent("examples/nagai")
        try FileManager.default.createDirectory(
            at: project.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: example, to: project)
        try? FileManager.default.removeItem(at: project.appendingPathComponent("hub.sqlite"))
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("basemap"), to: folder.appendingPathComponent("basemap"))
        return (folder, project)
    }

    func testTheReferenceProjectIngestsCleanly() throws {
        let (folder, url) = try Self.copyExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try Project.load(from: url)
        let report = try Hub.ingest(project: project, options: IngestOptions(strict: true))
        XCTAssertEqual(report.rejectedCount, 0, "\(report.rejections.prefix(10))")
        XCTAssertEqual(Set(report.sources.map(\.status)), [.ingested], report.summaryLines.joined(separator: "\n"))
        let catalogue = try Hub.catalogue(for: project)
        XCTAssertEqual(try catalogue.riverSensors().count, 20)
        XCTAssertEqual(try catalogue.wildlifeCameras().count, 13)
        XCTAssertEqual(try catalogue.censusYears(), [2015, 2020])
        // census_mesh.csv holds the real totals at 500 m.
        let total2015 = try catalogue.censusRows(year: 2015, level: .half).compactMap(\.population).reduce(0, +)
        XCTAssertEqual(total2015, 27_755)
        let total2020 = try catalogue.censusRows(year: 2020, level: .half).compactMap(\.population).reduce(0, +)
        XCTAssertEqual(total2020, 26_492)
        let traffic = try XCTUnwrap(try catalogue.childTraffic())
        XCTAssertEqual(traffic.devices, 325)
        XCTAssertGreaterThan(traffic.filtered["accuracy"] ?? 0, 0)
        XCTAssertGreaterThan(traffic.filtered["speed"] ?? 0, 0)
        let bears = try catalogue.wildlifeDetections().filter { $0.species == .bear }
        XCTAssertGreaterThan(bears.count, 34)
        XCTAssertFalse(try catalogue.gtfsFeed().stops.isEmpty)
        XCTAssertEqual(try catalogue.basemapFeatures(.schools).count, 6)
        XCTAssertEqual(try catalogue.basemapFeatures(.boundary).count, 1)
        // A second build skips everything.
        XCTAssertEqual(Set(try Hub.ingest(project: project).sources.map(\.status)), [.unchanged])
    }
}

import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

/// The privacy acceptance test on the Nagai example: the child-traffic layer built
/// from the hub publishes nothing that does not come from cells seen by at least k
/// distinct devices, and one lone device far from the others leaves no trace at all.
final class ChildTrafficPrivacyTests: XCTestCase {
    /// The example's GPS alone, ingested once for both tests (a debug ingest takes a while).
    private static let base = Result { try ingestedProject() }

    override class func tearDown() {
        if case .success(let project) = base { try? FileManager.default.removeItem(at: project.folder) }
        super.tearDown()
    }

    /// A project with only the example's GPS file (plus `extra` rows), ingested.
    private static func ingestedProject(extra: String = "") throws -> Project {
        let folder = try makeTemporaryDirectory("child-traffic-privacy")
        let example = ReferencePython.packageRoot.appendingPathComponent("examples/nagai")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        var gps = try Data(contentsOf: example.appendingPathComponent("data/child_gps.csv"))
        if gps.last != 10 { gps.append(10) }
        gps.append(Data(extra.utf8))
        try gps.write(to: folder.appendingPathComponent("data/child_gps.csv"))
        let config = try JSONValue(contentsOf: example.appendingPathComponent("geohub.json"))
        let file: JSONValue = [
            "name": config["name"] ?? "Nagai", "bbox": config["bbox"] ?? .null, "crs": config["crs"] ?? .null,
            "sources": ["childGPS": "data/child_gps.csv"], "layers": config["layers"] ?? [:],
        ]
        try Data(file.jsonText().utf8).write(to: folder.appendingPathComponent("geohub.json"))
        let project = try Project.load(from: folder)
        try Hub.ingest(project: project)
        return project
    }

    /// A child walking alone in the hills in the north-west of the city, more than 5 km
    /// from any other device, on a school-day morning.
    static let loneDevice: String = (0..<40).map { i in
        let lat = 38.19 + Double(i) * 0.00002
        let lon = 139.90 + Double(i) * 0.00003
        return String(
            format: "dev-lone-7f3a,2022-09-06T07:%02d:%02d+09:00,%.6f,%.6f,5\n", 10 + i / 2, (i % 2) * 30, lat, lon)
    }.joined()

    func testEveryPublishedCellDerivesFromCellsWithKDevices() throws {
        let project = try Self.base.get()
        let catalogue = try Hub.catalogue(for: project)
        let builder = try ChildTrafficBuilder(project: project)
        let k = project.layers.childTraffic.minDistinctDevices
        XCTAssertEqual(k, 5)
        let aggregate = try XCTUnwrap(try catalogue.childTraffic())
        for window in aggregate.windows {
            let layer = try builder.build(aggregate, window: window.window.name)
            let grid = try XCTUnwrap(layer.grid)
            let cellSize = aggregate.cellSize
            let kept = window.cells.filter { $0.devices >= k }
            let suppressed = window.cells.filter { $0.devices < k }
            XCTAssertFalse(kept.isEmpty, "\(window.window.name): the example has busy cells")
            XCTAssertFalse(suppressed.isEmpty, "\(window.window.name): and cells under k, or the test proves nothing")

            // Every non-zero output cell lies within the kernel's reach of a kept cell.
            let reach = builder.kernel.reach + 1e-6
            var keptByCell = Set<[Int]>()
            for cell in kept { keptByCell.insert([cell.column, cell.row]) }
            let span = Int((reach / cellSize).rounded(.up))
            var published = 0
            for row in 0..<grid.rows {
                for column in 0..<grid.columns where grid[column, row] != 0 {
                    XCTAssertTrue(grid[column, row].isFinite)
                    published += 1
                    let c = grid.center(column: column, row: row)
                    let ac = Int((c.x / cellSize).rounded(.down))
                    let ar = Int((c.y / cellSize).rounded(.down))
                    var near = false
                    search: for dr in -span...span {
                        for dc in -span...span where keptByCell.contains([ac + dc, ar + dr]) {
                            let centre = Coordinate(
                                x: (Double(ac + dc) + 0.5) * cellSize, y: (Double(ar + dr) + 0.5) * cellSize)
                            if max(abs(centre.x - c.x), abs(centre.y - c.y)) <= reach {
                                near = true
                                break search
                            }
                        }
                    }
                    if !near { XCTFail("\(window.window.name): density at \(c) from no cell with ≥ \(k) devices") }
                }
            }
            XCTAssertGreaterThan(published, 1000)
            // The mass is the kept pings' (the kernel keeps mass; a little falls off the
            // grid's edge), never the suppressed cells'.
            let hectares = grid.cellSize * grid.cellSize / 10_000
            let mass = grid.values.reduce(0.0) { $0 + Double($1) } * hectares
            let keptPings = Double(kept.reduce(0) { $0 + $1.pings })
            assertRelativelyClose(mass, keptPings, relative: 1e-3, window.window.name)
            XCTAssertEqual(layer.metadata["pings"]?.intValue, Int(keptPings))
            XCTAssertTrue(layer.features.isEmpty)
        }
    }

    func testALoneDeviceFarFromOthersLeavesNoTrace() throws {
        let base = try Self.base.get()
        let withLone = try Self.ingestedProject(extra: Self.loneDevice)
        defer { try? FileManager.default.removeItem(at: withLone.folder) }
        let before = try XCTUnwrap(try Hub.catalogue(for: base).childTraffic())
        let after = try XCTUnwrap(try Hub.catalogue(for: withLone).childTraffic())
        // The hub did take the lone device in (else this test would prove nothing).
        XCTAssertEqual(after.devices, before.devices + 1)
        XCTAssertGreaterThan(after.pings, before.pings)
        for window in ["all-day", "morning-commute"] {
            let a = try XCTUnwrap(before.window(named: window))
            let b = try XCTUnwrap(after.window(named: window))
            XCTAssertGreaterThan(b.cells.count, a.cells.count, "\(window): the lone device's cells are in the hub")
            let builder = try ChildTrafficBuilder(project: base)
            let date = Date(timeIntervalSince1970: 0)
            let layerBefore = try builder.build(before, window: window, builtAt: date)
            let layerAfter = try builder.build(after, window: window, builtAt: date)
            XCTAssertEqual(layerBefore.grid, layerAfter.grid, "\(window): the grid is bit-identical")
            XCTAssertEqual(layerBefore.metadata, layerAfter.metadata, "\(window): so is everything said about it")
            XCTAssertEqual(layerBefore.features, layerAfter.features)
        }
    }
}

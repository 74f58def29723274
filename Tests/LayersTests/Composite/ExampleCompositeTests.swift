import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

/// The whole chain on the Nagai example, as `geohub build` and `geohub route` run it:
/// ingest → child-traffic, flood-risk, wildlife → composite → safe and shortest routes
/// between every pair of schools, at dawn and at midday.
final class ExampleCompositeTests: XCTestCase {
    struct Built: Sendable {
        var project: Project
        var childTraffic: BuiltLayer?
        var floodRisk: BuiltLayer
        var wildlife: BuiltLayer
        var composite: BuiltLayer
        var surface: RiskSurface
        var planner: RoutePlanner
        var schools: [Coordinate]
    }

    /// Built once: a debug ingest of the whole example takes a while.
    static let built = Result { try build() }

    override class func tearDown() {
        if case .success(let built) = built {
            try? FileManager.default.removeItem(
                at: built.project.folder.deletingLastPathComponent().deletingLastPathComponent())
        }
        super.tearDown()
    }

    static func build() throws -> Built {
        let root = try makeTemporaryDirectory("example-composite")
        let files = FileManager.default
        try files.createDirectory(at: root.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try files.copyItem(
            at: ReferencePython.packageRoot.appendingPathComponent("examples/nagai"),
            to: root.appendingPathComponent("examples/nagai"))
        try files.copyItem(
            at: ReferencePython.packageRoot.appendingPathComponent("basemap"),
            to: root.appendingPathComponent("basemap"))
        try? files.removeItem(at: root.appendingPathComponent("examples/nagai/hub.sqlite"))
        let project = try Project.load(from: root.appendingPathComponent("examples/nagai"))
        try Hub.ingest(project: project)
        let catalogue = try Hub.catalogue(for: project)

        let window = project.layers.composite.exposureWindow
        let childTraffic = try ChildTrafficBuilder(project: project).build(catalogue: catalogue, window: window)
        // After the 3 Aug storm every gauge reads normal again; a 50 mm/h scenario puts
        // gauges into warning and danger (predicted status), as a drill would.
        let floodRisk = try LayerBuilder.build(
            .floodRisk, catalogue: catalogue, project: project,
            scenario: LayerBuilder.Scenario(rain: 50))
        let wildlife = try LayerBuilder.build(.wildlife, catalogue: catalogue, project: project)
        let rivers = try catalogue.basemapFeatures(.rivers)
        let (composite, surface) = try CompositeBuilder(project: project).build(
            childTraffic: childTraffic, floodRisk: floodRisk, wildlife: wildlife, rivers: rivers)
        let network = try RoadNetwork(catalogue: catalogue, crs: project.crs)
        let planner = try RoutePlanner(network: network, risk: surface, settings: project.layers.composite)
        let schools = try catalogue.basemapFeatures(.schools).compactMap { feature -> Coordinate? in
            if case .point(let c) = feature.shape { return c }
            return nil
        }
        return Built(
            project: project, childTraffic: childTraffic, floodRisk: floodRisk, wildlife: wildlife,
            composite: composite, surface: surface, planner: planner, schools: schools)
    }

    func testCompositeCombinesEveryHazardWithExposure() throws {
        let built = try Self.built.get()
        let grid = try XCTUnwrap(built.composite.grid)
        XCTAssertEqual(grid.crs, "EPSG:6678")
        XCTAssertEqual(grid.cellSize, 100)
        XCTAssertNotNil(built.childTraffic, "the example has children's GPS")
        XCTAssertGreaterThan(built.composite.metadata["gauges"]?.intValue ?? 0, 0)
        XCTAssertGreaterThan(built.composite.metadata["wildlife_zones"]?.intValue ?? 0, 0)
        XCTAssertGreaterThan(built.surface.flood.maximum, 0, "gauges reach warning or danger under 50 mm/h")
        XCTAssertGreaterThan(built.surface.wildlife.maximum, 0)
        XCTAssertEqual(built.composite.metadata["maximum"]?.doubleValue, Double(grid.maximum))
        // Bears are seen mostly between 18 and 6 h: the night band outweighs midday.
        XCTAssertGreaterThan(built.surface.wildlifeByBand[0].maximum, built.surface.wildlifeByBand[2].maximum)
        XCTAssertTrue(grid.values.allSatisfy { $0.isFinite && $0 >= 0 })
        // The route hazard is the hazards alone, 0…1: under 50 mm/h a gauge in danger
        // makes its river bank nearly a full hazard.
        for band in TimeOfDayBand.allCases {
            let route = built.surface.routeHazard(band: band)
            XCTAssertLessThanOrEqual(route.maximum, 1)
            XCTAssertGreaterThan(route.maximum, 0.9)
            XCTAssertGreaterThanOrEqual(route.maximum, built.surface.grid(band: band).maximum)
        }
    }

    func testSafeRoutesTradeLengthForRiskBetweenSchools() throws {
        let built = try Self.built.get()
        XCTAssertEqual(built.schools.count, 6)
        var differing = 0
        var pairs = 0
        var risks: [Int: [Double]] = [:]
        for minute in [5 * 60 + 30, 13 * 60] {
            for i in built.schools.indices {
                for j in built.schools.indices where j > i {
                    let pair = try built.planner.route(
                        from: built.schools[i], to: built.schools[j], minuteOfDay: minute)
                    pairs += 1
                    // The safe route is the cheapest under length + β·risk, the shortest the
                    // shortest: each wins on its own measure.
                    XCTAssertLessThanOrEqual(pair.safe.cost, pair.shortest.cost + 1e-6)
                    XCTAssertLessThanOrEqual(pair.shortest.length, pair.safe.length + 1e-6)
                    XCTAssertLessThanOrEqual(pair.safe.risk, pair.shortest.risk + 1e-6)
                    // What a detour buys: every extra metre avoids at least 1/β m of full hazard.
                    XCTAssertLessThanOrEqual(
                        pair.safe.length - pair.shortest.length,
                        built.planner.beta * (pair.shortest.risk - pair.safe.risk) + 1e-6)
                    risks[minute, default: []].append(pair.shortest.risk)
                    XCTAssertGreaterThan(pair.shortest.length, 0)
                    if pair.safe.length > pair.shortest.length + 1 { differing += 1 }
                    XCTAssertGreaterThanOrEqual(pair.safe.coordinates.count, 2)
                }
            }
        }
        XCTAssertEqual(pairs, 30)
        XCTAssertGreaterThan(differing, 0, "under 50 mm/h some school-to-school walks leave the rivers")
        // Bears are busier before 6 h than after 12 h: the same walks meet more wildlife hazard at dawn.
        let dawn = risks[5 * 60 + 30] ?? []
        let midday = risks[13 * 60] ?? []
        XCTAssertTrue(zip(dawn, midday).contains { $0 > $1 + 1 }, "\(dawn) vs \(midday)")
        print("example: \(differing) of \(pairs) school-to-school safe routes differ from the shortest")
    }
}

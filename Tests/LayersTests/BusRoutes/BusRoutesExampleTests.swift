import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// bus-routes from the Nagai example hub against gtfs-kit (trip activity, shapes),
/// shapely + pyproj + jismesh (walking catchments, unserved cells) and the boardings CSV.
final class BusRoutesExampleTests: XCTestCase {
    func testExampleMatchesGTFSKitShapelyAndTheBoardingsFile() throws {
        let project = try ExampleHub.project()
        let catalogue = try ExampleHub.catalogue()
        let builder = BusRoutesBuilder(project: project)
        let result = try builder.result(catalogue: catalogue, project: project)
        let layer = try LayerBuilder.build(.busRoutes, catalogue: catalogue, project: project)
        let data = ExampleHub.folder.appendingPathComponent("data")

        let period = try XCTUnwrap(result.period)
        XCTAssertEqual(result.serviceDays.first?.date.description, "20220905")
        XCTAssertEqual(result.serviceDays.last?.date.description, "20221002")
        XCTAssertEqual(result.serviceDays.count, 28)
        XCTAssertEqual(layer.metadata["period_start"]?.stringValue?.hasPrefix("2022-09-05T"), true)
        XCTAssertLessThan(period.start, period.end)

        let expected = try BusRoutesReference.answer(
            gtfs: data.appendingPathComponent("gtfs.zip"), census: data.appendingPathComponent("census_mesh.csv"),
            boardings: data.appendingPathComponent("bus_boardings.csv"), first: "20220905", last: "20221002")

        XCTAssertEqual(result.routes.map(\.route.id), ["0101", "0102", "0201", "0301", "0401"])
        for route in result.routes {
            let e = try XCTUnwrap(expected.routes[route.route.id], route.route.id)
            assertClose(route.tripsPerDay, e.tripsPerDay, tolerance: 1e-12, route.route.id)
            assertClose(try XCTUnwrap(route.tripsPerWeekday), try XCTUnwrap(e.tripsWeekday), tolerance: 1e-12)
            assertClose(try XCTUnwrap(route.tripsPerWeekendDay), try XCTUnwrap(e.tripsWeekend), tolerance: 1e-12)
            XCTAssertEqual(route.lineSource, .shapes)
            XCTAssertEqual(Set(route.shapeIDs.compactMap { $0 }), Set(e.shapeLengths.keys))
            for (id, length) in zip(route.shapeIDs, route.lineLengths) {
                let id = try XCTUnwrap(id)
                assertRelativelyClose(length, try XCTUnwrap(e.shapeLengths[id]), relative: 1e-9, id)
                // gtfs-kit measures in UTM 54N: the two projections' scales differ by < 0.1 %.
                assertRelativelyClose(length, try XCTUnwrap(e.shapeLengthsUTM[id]), relative: 1e-3, id)
            }
            XCTAssertEqual(route.ridership.totalBoardings, e.boardings, route.route.id)
            let c = try XCTUnwrap(route.catchment)
            assertRelativelyClose(c.population, e.population, relative: 1e-9, route.route.id)
            assertRelativelyClose(c.populationFrom, e.populationFrom, relative: 1e-9, route.route.id)
        }
        XCTAssertEqual(result.stops.count, expected.stops.count)
        for stop in result.stops {
            let e = try XCTUnwrap(expected.stops[stop.stop.id], stop.stop.id)
            assertClose(stop.tripsPerDay, e.callsPerDay, tolerance: 1e-12, stop.stop.id)
            XCTAssertEqual(stop.ridership.totalBoardings, e.boardings, stop.stop.id)
            XCTAssertEqual(stop.ridership.totalAlightings, e.alightings, stop.stop.id)
            for rider in RiderType.allCases {
                XCTAssertEqual(stop.ridership.boardings[rider] ?? 0, e.riders[rider.rawValue] ?? 0, stop.stop.id)
            }
            XCTAssertEqual(stop.isLowUse, e.boardings < 10, stop.stop.id)
            let c = try XCTUnwrap(stop.catchment)
            assertClose(c.population, e.population, tolerance: 1e-9 * max(1, e.population), stop.stop.id)
            assertClose(c.populationFrom, e.populationFrom, tolerance: 1e-9 * max(1, e.populationFrom), stop.stop.id)
        }
        XCTAssertFalse(expected.unserved.isEmpty, "the example has growing cells far from stops")
        XCTAssertEqual(result.unservedGrowingCells.map(\.meshCode.code), expected.unserved)

        // The README: 川原沢, 芦沢, 上伊佐沢 and 草岡 have under 10 boardings.
        let lowUse = Set(
            layer.features.filter { $0.properties["low_use"] == true }.compactMap { $0.properties["name"]?.stringValue }
        )
        XCTAssertEqual(lowUse, ["川原沢", "芦沢", "上伊佐沢", "草岡"])
        // Stop ids keep their leading zeros.
        XCTAssertTrue(layer.features.contains { $0.properties["stop_id"] == "0001" })
        XCTAssertEqual(layer.features.first?.properties["route_color"], "#E4007F")
    }
}

import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// census-delta on hand-made rows (expected values by hand, polygons by jismesh and
/// shapely) and on the Nagai example (figures recomputed from census_mesh.csv).
final class CensusDeltaBuilderTests: XCTestCase {
    private func code(_ text: String) throws -> MeshCode { try MeshCode(text) }

    private func row(
        _ text: String, _ year: Int, _ population: Int?, _ households: Int?,
        _ secrecy: CensusSecrecy = .none
    ) throws -> CensusRow {
        CensusRow(
            meshCode: try code(text), year: year, population: population, households: households, secrecy: secrecy)
    }

    /// 250 m cells of 500 m cell 573917094: in 2015 cell …42 is hidden and merged into
    /// …41; in 2020 every cell is visible and …44 is new.
    func testSecrecyMergeAtTheSameLevelIsComparedAsOneGroup() throws {
        let from = [
            try row("5739170941", 2015, 40, 15, .aggregate(includes: [try code("5739170942")])),
            try row("5739170942", 2015, nil, nil, .hidden(mergedInto: try code("5739170941"))),
            try row("5739170943", 2015, 5, 2),
        ]
        let to = [
            try row("5739170941", 2020, 30, 12), try row("5739170942", 2020, 12, 5),
            try row("5739170943", 2020, 8, 3), try row("5739170944", 2020, 3, 1),
        ]
        let result = try CensusDeltaBuilder().build(fromYear: 2015, from: from, toYear: 2020, to: to)
        XCTAssertEqual(result.level, .quarter)
        XCTAssertEqual(result.cells.map(\.meshCode.code), ["5739170941", "5739170943", "5739170944"])
        let merged = result.cells[0]
        XCTAssertEqual(merged.meshCodes.map(\.code), ["5739170941", "5739170942"])
        XCTAssertEqual([merged.populationFrom, merged.populationTo, merged.populationChange], [40, 42, 2])
        XCTAssertEqual([merged.householdsFrom, merged.householdsTo, merged.householdsChange], [15, 17, 2])
        assertClose(try XCTUnwrap(merged.populationChangePercent), 5, tolerance: 1e-12)
        let small = result.cells[1]
        XCTAssertEqual(small.populationChange, 3)
        XCTAssertNil(small.populationChangePercent, "a base of 5 is under minBasePopulation (10)")
        let new = result.cells[2]
        XCTAssertEqual([new.populationFrom, new.populationTo, new.populationChange], [0, 3, 3])
        XCTAssertNil(new.populationChangePercent)

        // The merged group's polygon is the union of the two cells, as shapely makes it from jismesh's corners.
        let union = try ReferencePython.decode(
            [[Double]].self,
            """
            import json
            import jismesh.utils as ju
            from shapely.geometry import box
            from shapely.ops import unary_union
            def cell(c):
                s, w = ju.to_meshpoint(c, 0, 0); n, e = ju.to_meshpoint(c, 1, 1)
                return box(w, s, e, n)
            u = unary_union([cell(5739170941), cell(5739170942)])
            print(json.dumps([list(u.bounds), [u.area, len(u.exterior.coords)]]))
            """, packages: ["jismesh", "shapely"])
        let context = try GEOSContext.current
        let geometry = try Geometry(merged.shape, context: context)
        XCTAssertEqual(try geometry.type, .polygon)
        let bounds = try XCTUnwrap(try geometry.bounds)
        for (a, b) in zip(bounds.array, union[0]) { assertClose(a, b, tolerance: 1e-12) }
        assertRelativelyClose(try geometry.area, union[1][0], relative: 1e-9)
    }

    /// A 250 m cell hidden into a cell of the neighbouring 500 m square links the two
    /// 500 m squares when the layer is built at 500 m.
    func testSecrecyMergeAcrossCellsOfTheLevelJoinsThem() throws {
        let from = [
            try row("5739170944", 2015, nil, nil, .hidden(mergedInto: try code("5739170931"))),
            try row("5739170941", 2015, 20, 8),
            try row("5739170931", 2015, 17, 6),
            try row("5739170911", 2015, 50, 20),
        ]
        let to = [
            try row("5739170944", 2020, 4, 2), try row("5739170941", 2020, 18, 7), try row("5739170931", 2020, 11, 4),
            try row("5739170911", 2020, 45, 19),
        ]
        var settings = CensusDeltaSettings()
        settings.meshLevel = .half
        let result = try CensusDeltaBuilder(settings: settings).build(fromYear: 2015, from: from, toYear: 2020, to: to)
        XCTAssertEqual(result.cells.map(\.meshCode.code), ["573917091", "573917093"])
        XCTAssertEqual(result.cells[0].populationChange, -5)
        let group = result.cells[1]
        XCTAssertEqual(group.meshCodes.map(\.code), ["573917093", "573917094"], "named by the receiving cell")
        XCTAssertEqual([group.populationFrom, group.populationTo], [37, 33])
        assertClose(try XCTUnwrap(group.populationChangePercent), -400.0 / 37, tolerance: 1e-12)
    }

    func testCoarserLevelsAddUpAndFinerThanTheDataIsRefused() throws {
        let from = [try row("573917091", 2015, 100, 40), try row("573917094", 2015, 7, 3)]
        let to = [
            try row("573917091", 2020, 90, 38), try row("5739170941", 2020, 2, 1), try row("5739170944", 2020, 4, 2),
        ]
        var settings = CensusDeltaSettings()
        settings.meshLevel = .third
        let km = try CensusDeltaBuilder(settings: settings).build(fromYear: 2015, from: from, toYear: 2020, to: to)
        XCTAssertEqual(km.cells.map(\.meshCode.code), ["57391709"])
        XCTAssertEqual(
            [km.cells[0].populationFrom, km.cells[0].populationTo, km.cells[0].householdsTo], [107, 96, 41])

        // Automatic: the coarsest resolution given (500 m); 2020's 250 m rows add up.
        let auto = try CensusDeltaBuilder().build(fromYear: 2015, from: from, toYear: 2020, to: to)
        XCTAssertEqual(auto.level, .half)
        XCTAssertEqual(auto.cells.map(\.populationTo), [90, 6])

        settings.meshLevel = .quarter
        XCTAssertThrowsError(
            try CensusDeltaBuilder(settings: settings).build(
                fromYear: 2015, from: from, toYear: 2020,
                to: to)
        ) { error in
            XCTAssertEqual(
                "\(error)",
                "census-delta: census 2015 has half mesh (500 m) cells (573917091), which cannot "
                    + "be split into quarter mesh (250 m) cells; set layers.census-delta.meshLevel to 500m or coarser")
        }
    }

    func testUnknownFiguresStayUnknown() throws {
        let from = [try row("573917091", 2015, nil, nil, .hidden(mergedInto: nil))]
        let to = [try row("573917091", 2020, 12, nil)]
        let result = try CensusDeltaBuilder().build(fromYear: 2015, from: from, toYear: 2020, to: to)
        XCTAssertNil(result.cells[0].populationFrom)
        XCTAssertNil(result.cells[0].populationChange)
        XCTAssertNil(result.cells[0].householdsTo)
        let layer = CensusDeltaBuilder().layer(result)
        XCTAssertEqual(layer.features[0].properties["population_change"], .null)
        XCTAssertEqual(layer.features[0].properties["population_to"], 12)
    }

    func testYearsDefaultToTheTwoNewest() throws {
        XCTAssertEqual(try CensusDeltaBuilder().years(available: [2010, 2020, 2015]).from, 2015)
        XCTAssertEqual(try CensusDeltaBuilder().years(available: [2010, 2020, 2015]).to, 2020)
        XCTAssertThrowsError(try CensusDeltaBuilder().years(available: [2020]))
        XCTAssertThrowsError(
            try CensusDeltaBuilder(settings: CensusDeltaSettings(fromYear: 2005)).years(available: [2015, 2020]))
    }
}

/// The `meshLevel` setting as the project file gives it.
final class CensusDeltaSettingsTests: XCTestCase {
    func testMeshLevelIsReadFromTheProjectFile() throws {
        let folder = try makeTemporaryDirectory("census-settings")
        defer { try? FileManager.default.removeItem(at: folder) }
        func load(_ layers: String) throws -> Project {
            let text =
                #"{"name": "T", "bbox": [139.88, 38.03, 140.13, 38.20], "crs": "EPSG:6678", "layers": "#
                + layers + "}"
            try Data(text.utf8).write(to: folder.appendingPathComponent("geohub.json"))
            return try Project.load(from: folder)
        }
        XCTAssertNil(try load("{}").layers.censusDelta.meshLevel)
        XCTAssertEqual(try load(#"{"census-delta": {"meshLevel": "250m"}}"#).layers.censusDelta.meshLevel, .quarter)
        XCTAssertEqual(try load(#"{"census-delta": {"meshLevel": "1km"}}"#).layers.censusDelta.meshLevel, .third)
        XCTAssertThrowsError(try load(#"{"census-delta": {"meshLevel": "100m"}}"#)) { error in
            XCTAssertTrue("\(error)".contains("layers.census-delta.meshLevel"), "\(error)")
        }
        let flood = try load(#"{"flood-risk": {"advisoryRiseRate": 0.5}}"#).layers.floodRisk
        XCTAssertEqual(flood.advisoryRiseRate, 0.5)
        XCTAssertEqual(flood.riseRateHours, 1)
    }
}

import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// census-delta from the Nagai example hub: polygons against jismesh, figures against
/// census_mesh.csv read in Python, and e-Stat's 250 m secrecy merges against the 500 m file.
final class CensusDeltaExampleTests: XCTestCase {
    private struct Expected: Decodable {
        var cells: [String: [Int?]]  // code → [pop2015, pop2020, hh2015, hh2020]
        var corners: [String: [Double]]  // code → [w, s, e, n] by jismesh
    }

    func testExampleMatchesTheCSVAndJismesh() throws {
        let project = try ExampleHub.project()
        let layer = try LayerBuilder.build(.censusDelta, catalogue: try ExampleHub.catalogue(), project: project)
        let csv = ExampleHub.folder.appendingPathComponent("data/census_mesh.csv")
        let expected = try ReferencePython.decode(
            Expected.self,
            """
            import csv, json, sys
            import jismesh.utils as ju
            cells = {}
            for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
                c = cells.setdefault(r["mesh_code"], [0, 0, 0, 0])
                i = 0 if r["year"] == "2015" else 1
                c[i] = int(r["population"]); c[i + 2] = int(r["households"])
            corners = {}
            for code in cells:
                s, w = ju.to_meshpoint(int(code), 0, 0); n, e = ju.to_meshpoint(int(code), 1, 1)
                corners[code] = [w, s, e, n]
            print(json.dumps({"cells": cells, "corners": corners}))
            """, packages: ["jismesh"], arguments: [csv.path])
        XCTAssertEqual(layer.metadata["mesh_level"], "500m")
        XCTAssertEqual(layer.metadata["from_year"], 2015)
        XCTAssertEqual(layer.metadata["to_year"], 2020)
        // The example's totals (README): 27,755 in 2015 and 26,492 in 2020; the 250 m
        // e-Stat file repeats part of 2020 and must not be added again.
        XCTAssertEqual(layer.metadata["population_from_total"], 27_755)
        XCTAssertEqual(layer.metadata["population_to_total"], 26_492)
        XCTAssertEqual(layer.features.count, expected.cells.count)
        for feature in layer.features {
            let code = try XCTUnwrap(feature.properties["mesh_code"]?.stringValue)
            let e = try XCTUnwrap(expected.cells[code], code)
            let p = feature.properties
            XCTAssertEqual(p["population_from"]?.intValue, e[0], code)
            XCTAssertEqual(p["population_to"]?.intValue, e[1], code)
            XCTAssertEqual(p["households_from"]?.intValue, e[2], code)
            XCTAssertEqual(p["households_to"]?.intValue, e[3], code)
            XCTAssertEqual(p["population_change"]?.intValue, e[1].flatMap { to in e[0].map { to - $0 } }, code)
            if let base = e[0], base >= 10, let to = e[1] {
                assertClose(
                    try XCTUnwrap(p["population_change_pct"]?.doubleValue), 100 * Double(to - base) / Double(base),
                    tolerance: 1e-9, code)
            } else {
                XCTAssertEqual(p["population_change_pct"], .null, code)
            }
            let box = try XCTUnwrap(feature.shape.boundingBox)
            for (a, b) in zip(box.array, try XCTUnwrap(expected.corners[code])) {
                assertClose(a, b, tolerance: 1e-12, code)
            }
            guard case .polygon(let rings) = feature.shape else { return XCTFail("\(code) is not a polygon") }
            XCTAssertEqual(rings.exterior.count, 5)
        }
    }

    /// The e-Stat file's 250 m squares, secrecy merges included, add up to the 500 m
    /// squares of census_mesh.csv (2020) wherever the file covers them.
    func testEStatQuartersAddUpToTheHalfMeshFile() throws {
        let rows = try ExampleHub.catalogue().censusRows(year: 2020)
        let quarters = rows.filter { $0.meshCode.level == .quarter }
        let halves = Dictionary(
            uniqueKeysWithValues: rows.filter { $0.meshCode.level == .half }.map { ($0.meshCode, $0) })
        XCTAssertTrue(
            quarters.contains { if case .hidden(let into?) = $0.secrecy { into.level == .quarter } else { false } },
            "the e-Stat file has hidden squares merged into siblings")
        let cells = try CensusYearCells(rows: quarters, level: .half, year: 2020)
        XCTAssertGreaterThan(cells.population.count, 50)
        for (cell, population) in cells.population {
            let half = try XCTUnwrap(halves[cell], cell.code)
            XCTAssertEqual(population, half.population, cell.code)
            XCTAssertEqual(cells.households[cell] ?? nil, half.households, cell.code)
        }
        XCTAssertTrue(cells.links.isEmpty, "siblings stay inside their 500 m square")
    }
}

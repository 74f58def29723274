import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The basemap layer from the example hub against the GeoJSON files read by Python.
final class BasemapBuilderTests: XCTestCase {
    private struct Summary: Decodable {
        var counts: [String: Int]
        var first: [String: [String: String]]
        var vertices: [String: Int]
    }

    func testExampleBasemapKeepsEveryFeatureWithItsKind() throws {
        let layer = try LayerBuilder.build(
            .basemap, catalogue: try ExampleHub.catalogue(), project: try ExampleHub.project())
        let basemap = ReferencePython.packageRoot.appendingPathComponent("basemap")
        let expected = try ReferencePython.decode(
            Summary.self,
            """
            import json, sys
            kinds = {"boundary": "boundary", "rivers": "river", "roads": "road", "schools": "school"}
            out = {"counts": {}, "first": {}, "vertices": {}}
            for part, kind in kinds.items():
                fc = json.load(open(sys.argv[1] + "/" + part + ".geojson", encoding="utf-8"))
                out["counts"][kind] = len(fc["features"])
                props = fc["features"][0]["properties"]
                out["first"][kind] = {k: str(v) for k, v in props.items() if isinstance(v, str)}
                def count(c): return 1 if isinstance(c[0], (int, float)) else sum(count(x) for x in c)
                out["vertices"][kind] = sum(count(f["geometry"]["coordinates"]) for f in fc["features"])
            print(json.dumps(out))
            """, packages: [], arguments: [basemap.path])
        XCTAssertEqual(layer.metadata["counts"], .object(expected.counts.mapValues(JSONValue.int)))
        XCTAssertEqual(layer.features.count, expected.counts.values.reduce(0, +))
        // Drawing order: boundary, rivers, roads, schools.
        let kinds = layer.features.compactMap { $0.properties["kind"]?.stringValue }
        XCTAssertEqual(
            kinds,
            BasemapKind.allCases.flatMap { kind in
                Array(repeating: kind.rawValue, count: expected.counts[kind.rawValue] ?? 0)
            })
        for kind in BasemapKind.allCases {
            let features = layer.features.filter { $0.properties["kind"]?.stringValue == kind.rawValue }
            var vertices = 0
            for f in features { f.shape.forEachCoordinate { _ in vertices += 1 } }
            XCTAssertEqual(vertices, expected.vertices[kind.rawValue], kind.rawValue)
            for (key, value) in expected.first[kind.rawValue] ?? [:] {
                XCTAssertEqual(features.first?.properties[key]?.stringValue, value, "\(kind) \(key)")
            }
        }
        let roads = layer.features.filter { $0.properties["kind"] == "road" }
        XCTAssertTrue(roads.allSatisfy { if case .lineString = $0.shape { true } else { false } })
        XCTAssertTrue(roads.allSatisfy { $0.properties["highway"]?.stringValue != nil })
        XCTAssertEqual(layer.features.first { $0.properties["kind"] == "boundary" }?.properties["city_code"], "06209")
    }

    func testFeaturesWithoutIDsGetPositionalOnes() {
        let layer = BasemapBuilder().layer([.school: [Feature(shape: .point(Coordinate(lon: 140, lat: 38)))]])
        XCTAssertEqual(layer.features.map(\.id), ["school-1"])
        XCTAssertEqual(layer.features[0].properties, ["kind": "school"])
    }
}

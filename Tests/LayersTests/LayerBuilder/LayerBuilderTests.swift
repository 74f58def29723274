import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Every vector layer through the one entry point, from the example hub: ids as
/// strings, finite numbers only, and valid GeoJSON out.
final class LayerBuilderTests: XCTestCase {
    func testEveryVectorLayerBuildsFromTheExampleAndWritesGeoJSON() throws {
        let project = try ExampleHub.project()
        let catalogue = try ExampleHub.catalogue()
        let idKeys: [LayerName: [String]] = [
            .floodRisk: ["site_id"], .wildlife: ["camera_id", "zone_id"], .censusDelta: ["mesh_code"],
            .busRoutes: ["route_id", "stop_id", "mesh_code"], .basemap: ["kind"],
        ]
        for name in LayerBuilder.vectorLayers {
            let layer = try LayerBuilder.build(
                name, catalogue: catalogue, project: project,
                scenario: LayerBuilder.Scenario(rain: 40))
            XCTAssertEqual(layer.name, name)
            XCTAssertFalse(layer.features.isEmpty, "\(name)")
            let ids = layer.features.compactMap(\.id)
            XCTAssertEqual(Set(ids).count, layer.features.count, "\(name): feature ids are unique")
            for feature in layer.features {
                let keys = idKeys[name] ?? []
                XCTAssertTrue(
                    keys.contains { feature.properties[$0]?.stringValue != nil }, "\(name) \(feature.properties)")
                XCTAssertNotNil(feature.id, "\(name)")
                for (key, value) in feature.properties { assertFinite(value, "\(name).\(key)") }
            }
            for (key, value) in layer.metadata { assertFinite(value, "\(name) metadata \(key)") }
            let data = try GeoJSONWriter().data(for: layer.features)
            let parsed = try JSONValue(parsing: String(decoding: data, as: UTF8.self))
            XCTAssertEqual(parsed["features"]?.arrayValue?.count, layer.features.count, "\(name)")
            let box = try XCTUnwrap(layer.featureBounds)
            XCTAssertTrue(box.intersects(project.bbox), "\(name) lies around Nagai")
        }
    }

    func testGridLayersAreNotBuiltHere() throws {
        let project = try ExampleHub.project()
        for name in [LayerName.childTraffic, .composite] {
            XCTAssertThrowsError(try LayerBuilder.build(name, catalogue: try ExampleHub.catalogue(), project: project))
            {
                XCTAssertTrue($0 is LayerBuildError)
            }
        }
    }

    func testScenarioReachesFloodRiskAndTheProjectSettingIsTheFallback() throws {
        var project = try ExampleHub.project()
        project.layers.floodRisk.scenarioRain = 5
        let catalogue = try ExampleHub.catalogue()
        let fallback = try LayerBuilder.build(.floodRisk, catalogue: catalogue, project: project)
        XCTAssertEqual(fallback.metadata["scenario_rain_mm_per_h"], 5.0)
        let given = try LayerBuilder.build(
            .floodRisk, catalogue: catalogue, project: project,
            scenario: try LayerBuilder.Scenario(parsing: "rain=60"))
        XCTAssertEqual(given.metadata["scenario_rain_mm_per_h"], 60.0)
        XCTAssertEqual(given.features.first?.properties["scenario_rain_mm_per_h"], 60.0)
    }

    private func assertFinite(_ value: JSONValue, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        switch value {
        case .double(let d): XCTAssertTrue(d.isFinite, label, file: file, line: line)
        case .array(let items): for item in items { assertFinite(item, label, file: file, line: line) }
        case .object(let members): for (k, v) in members { assertFinite(v, "\(label).\(k)", file: file, line: line) }
        default: break
        }
    }
}

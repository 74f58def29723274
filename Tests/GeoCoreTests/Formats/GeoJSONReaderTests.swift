import Foundation
import GeoCore
import TestSupport
import XCTest

/// Reading GeoJSON: every geometry type, bad members by JSON path, good features flowing on.
final class GeoJSONReaderTests: XCTestCase {
    func testMixedFileKeepsGoodFeaturesAndReportsBadOnesByPath() throws {
        var messages: [String] = []
        let result = try GeoJSONReader.read(
            contentsOf: FormatFixtures.url("schools_mixed.geojson"),
            onReject: { messages.append($0.description) })
        XCTAssertEqual(
            messages,
            [
                "schools_mixed.geojson: features[1].geometry.coordinates: expected a position (an array of two or three numbers)",
                "schools_mixed.geojson: features[3].geometry.coordinates[0]: is not closed: its last position must repeat the first",
                "schools_mixed.geojson: features[4].geometry: is missing or null; geohub needs a location for every feature",
                "schools_mixed.geojson: features[5].geometry.type: \"Circle\" is not a GeoJSON geometry type",
            ])
        XCTAssertEqual(result.report.acceptedCount, 3)
        XCTAssertEqual(result.report.rejectedCount, 4)
        XCTAssertEqual(result.report.errors.first?.jsonPath, "features[1].geometry.coordinates")
        let features = result.features
        XCTAssertEqual(features.map(\.id), ["1", "0101", nil])
        XCTAssertEqual(features[0].shape, .point(Coordinate(x: 140.0412, y: 38.1071)))
        XCTAssertEqual(features[0].properties, ["name": "長井小学校", "pupils": 412])
        XCTAssertEqual(features[1].properties, [:])
        XCTAssertEqual(
            features[1].shape,
            .polygon(
                PolygonRings(exterior: [
                    Coordinate(x: 140.0, y: 38.0), Coordinate(x: 140.01, y: 38.0), Coordinate(x: 140.01, y: 38.01),
                    Coordinate(x: 140.0, y: 38.0),
                ])))
        XCTAssertEqual(features[2].properties["note"], "quote \" and \\u00e9: é")
        XCTAssertEqual(
            features[2].shape,
            .multiLineString([
                [Coordinate(x: 140.1, y: 38.1), Coordinate(x: 140.2, y: 38.2)],
                [Coordinate(x: 140.3, y: 38.3), Coordinate(x: 140.4, y: 38.4)],
            ]))
    }

    func testDeepBadPositionPath() throws {
        var features: [JSONValue] = []
        for i in 0..<13 {
            let coordinates: JSONValue = i == 12 ? [[140.0], [140.1, 38.1]] : [[140.0, 38.0], [140.1, 38.1]]
            features.append([
                "type": "Feature", "properties": [:],
                "geometry": ["type": "LineString", "coordinates": coordinates],
            ])
        }
        let document: JSONValue = ["type": "FeatureCollection", "features": .array(features)]
        var errors: [InputError] = []
        let result = try GeoJSONReader.features(in: document, name: "roads.geojson", onReject: { errors.append($0) })
        XCTAssertEqual(result.features.count, 12)
        XCTAssertEqual(
            errors.map(\.description),
            [
                "roads.geojson: features[12].geometry.coordinates[0]: expected a position (an array of two or three numbers)"
            ])
    }

    func testEveryGeometryTypeAndBareDocuments() throws {
        let text = """
            {"type":"GeometryCollection","geometries":[
              {"type":"Point","coordinates":[1,2]},
              {"type":"MultiPoint","coordinates":[[1,2],[3,4]]},
              {"type":"LineString","coordinates":[[1,2],[3,4]]},
              {"type":"MultiLineString","coordinates":[[[1,2],[3,4]]]},
              {"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]},
              {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}
            ]}
            """
        let result = try GeoJSONReader.read(data: Data(text.utf8), name: "bare.geojson")
        guard case .geometryCollection(let parts) = result.features.first?.shape else {
            return XCTFail("expected a collection")
        }
        XCTAssertEqual(
            parts.map(\.typeName), ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"])
        if case .polygon(let p) = parts[4] { XCTAssertEqual(p.holes.count, 1) } else { XCTFail("polygon") }
        let single = try GeoJSONReader.read(
            data: Data(
                #"{"type":"Feature","id":7.5,"geometry":{"type":"Point","coordinates":[1,2]},"properties":{"a":1}}"#
                    .utf8), name: "f")
        XCTAssertEqual(single.features.first?.id, "7.5")
        XCTAssertEqual(
            try GeoJSONReader.shape(["type": "Point", "coordinates": [140, 38]]), .point(Coordinate(x: 140, y: 38)))
    }

    func testDocumentLevelErrorsThrow() {
        let cases: [(String, String)] = [
            ("[1,2]", "x.geojson: expected a GeoJSON object, found an array"),
            (#"{"features":[]}"#, #"x.geojson: is not GeoJSON: the object has no "type" member"#),
            (#"{"type":"FeatureCollection"}"#, "x.geojson: features: expected an array of features"),
            (
                #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":[1]}"#,
                "x.geojson: properties: expected an object or null"
            ),
            (
                #"{"type":"LineString","coordinates":[[1,2]]}"#,
                "x.geojson: coordinates: expected at least 2 positions, found 1"
            ),
            (
                #"{"type":"Polygon","coordinates":[]}"#,
                "x.geojson: coordinates: expected at least one ring (the exterior)"
            ),
            (#"{"type":"Point"}"#, "x.geojson: coordinates: is missing"),
            (
                #"{"type":"Feature","id":true,"geometry":{"type":"Point","coordinates":[1,2]}}"#,
                "x.geojson: id: expected a string or a number"
            ),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try GeoJSONReader.read(data: Data(text.utf8), name: "x.geojson"), text) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertThrowsError(try GeoJSONReader.read(contentsOf: FormatFixtures.url("broken_syntax.geojson"))) { error in
            XCTAssertEqual((error as? InputError)?.line, 3)
        }
    }
}

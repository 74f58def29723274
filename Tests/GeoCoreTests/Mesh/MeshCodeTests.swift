import Foundation
import GeoCore
import TestSupport
import XCTest

/// Validation, hierarchy, shapes and coding of mesh codes.
final class MeshCodeTests: XCTestCase {
    func testMalformedCodesThrowClearErrors() {
        let cases: [(String, String)] = [
            ("", "empty"),
            ("534", "3 digits"),
            ("53393", "5 digits"),
            ("5339359", "7 digits"),
            ("53393599123", "11 digits"),
            ("5339A599", "character 5 is not a digit"),
            ("５３３９", "character 1 is not a digit"),  // full-width digits
            (" 5339", "character 1 is not a digit"),
            ("533985", "second-mesh digits"),
            ("53399599", "second-mesh digits"),
            ("533935995", "must be 1-4"),
            ("533935990", "must be 1-4"),
            ("5339359952", "digit 9 (half mesh) must be 1-4"),
            ("5339359915", "digit 10 (quarter mesh) must be 1-4"),
            ("5380", "longitude digits"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try MeshCode(text), text) { error in
                guard let error = error as? MeshCodeError else { return XCTFail("\(error) is not a MeshCodeError") }
                XCTAssertTrue(error.description.contains(expected), "\(text): \(error.description)")
            }
        }
    }

    func testLevelsAndSizes() throws {
        XCTAssertEqual(try MeshCode("5740").level, .first)
        XCTAssertEqual(try MeshCode("574003").level, .second)
        XCTAssertEqual(try MeshCode("57400311").level, .third)
        XCTAssertEqual(try MeshCode("574003111").level, .half)
        XCTAssertEqual(try MeshCode("5740031114").level, .quarter)
        XCTAssertEqual(MeshLevel.third.latitudeSpan * 3600, 30, accuracy: 1e-9)
        XCTAssertEqual(MeshLevel.third.longitudeSpan * 3600, 45, accuracy: 1e-9)
        XCTAssertEqual(MeshLevel.quarter.nominalMetres, 250)
    }

    func testOutOfCoverageAndNonFinitePointsThrowWithoutCoordinates() {
        for point in [Coordinate(lon: 99.5, lat: 35), Coordinate(lon: 181, lat: 35), Coordinate(lon: 140, lat: -1),
                      Coordinate(lon: 140, lat: 66.7), Coordinate(lon: .nan, lat: 35), Coordinate(lon: 140, lat: .infinity)] {
            XCTAssertThrowsError(try MeshCode(containing: point, level: .third)) { error in
                XCTAssertFalse("\(error)".contains("\(point.lat)"), "\(error)")
            }
        }
    }

    func testHierarchy() throws {
        let quarter = try MeshCode("5740364411")
        XCTAssertEqual(quarter.parent?.code, "574036441")
        XCTAssertEqual(quarter.parent?.parent?.code, "57403644")
        XCTAssertEqual(quarter.parent?.parent?.parent?.code, "574036")
        XCTAssertEqual(try quarter.ancestor(at: .first).code, "5740")
        XCTAssertNil(try MeshCode("5740").parent)
        XCTAssertThrowsError(try MeshCode("5740").ancestor(at: .third))
        XCTAssertEqual(try MeshCode("5740").children.count, 64)
        XCTAssertEqual(try MeshCode("574036").children.count, 100)
        XCTAssertEqual(try MeshCode("57403644").children.map(\.code), ["574036441", "574036442", "574036443", "574036444"])
        XCTAssertEqual(quarter.children, [])
        XCTAssertTrue(try MeshCode("5740").contains(quarter))
        XCTAssertFalse(try MeshCode("5741").contains(quarter))
    }

    func testChildrenTileTheirParent() throws {
        for text in ["5740", "574036", "57403644", "574036441"] {
            let parent = try MeshCode(text)
            let area = parent.bounds.width * parent.bounds.height
            let childArea = parent.children.reduce(0.0) { $0 + $1.bounds.width * $1.bounds.height }
            XCTAssertEqual(childArea, area, accuracy: area * 1e-9, text)
            // The south-west child shares the parent's south-west corner.
            let first = try XCTUnwrap(parent.children.first)
            XCTAssertEqual(first.bounds.west, parent.bounds.west, accuracy: 1e-12)
            XCTAssertEqual(first.bounds.south, parent.bounds.south, accuracy: 1e-12)
        }
    }

    func testPolygonIsTheClosedCounterClockwiseBox() throws {
        let code = try MeshCode("57403644")
        guard case .polygon(let rings) = code.polygon else { return XCTFail("not a polygon") }
        XCTAssertEqual(rings.exterior.count, 5)
        XCTAssertEqual(rings.exterior.first, rings.exterior.last)
        XCTAssertEqual(BoundingBox(covering: rings.exterior), code.bounds)
        var twiceArea = 0.0
        for (a, b) in zip(rings.exterior, rings.exterior.dropFirst()) { twiceArea += a.x * b.y - b.x * a.y }
        XCTAssertGreaterThan(twiceArea, 0, "exterior ring must be counter-clockwise")
    }

    func testCodingOrderingAndNagai() throws {
        // Nagai city hall's neighbourhood lies in first mesh 5740 (lat 38.0-38.67, lon 140-141).
        let cell = try MeshCode(containing: Coordinate(lon: 140.04, lat: 38.107), level: .third)
        XCTAssertTrue(cell.code.hasPrefix("5740"))
        XCTAssertTrue(cell.bounds.contains(Coordinate(lon: 140.04, lat: 38.107)))
        let data = try JSONEncoder().encode([cell])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"\(cell.code)\"]")
        XCTAssertEqual(try JSONDecoder().decode([MeshCode].self, from: data), [cell])
        XCTAssertThrowsError(try JSONDecoder().decode([MeshCode].self, from: Data(#"["57408"]"#.utf8)))
        let sorted = try ["5740364411", "5740", "57403644", "574036", "5739"].map { try MeshCode($0) }.sorted()
        XCTAssertEqual(sorted.map(\.code), ["5739", "5740", "574036", "57403644", "5740364411"])
        XCTAssertEqual(try MeshCode("0523").code, "0523")
    }
}

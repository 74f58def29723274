import Foundation
import GeoCore
import TestSupport
import XCTest

/// Parsing, validation and metadata of CRSs, cross-checked against pyproj.
final class CRSTests: XCTestCase {
    func testAuthorityCodesAreNormalised() throws {
        XCTAssertEqual(try CRS("epsg:3857"), try CRS("EPSG:3857"))
        XCTAssertEqual(try CRS(" EPSG:6678 ").definition, "EPSG:6678")
        XCTAssertEqual(try CRS(epsg: 6678), try CRS("EPSG:6678"))
        XCTAssertEqual(try CRS("ogc:crs84").definition, "OGC:CRS84")
        XCTAssertEqual(try CRS("EPSG:6678").epsgCode, 6678)
        XCTAssertNil(CRS.crs84.epsgCode)
    }

    func testWellKnownConstantsComeFromPROJ() throws {
        XCTAssertEqual(CRS.wgs84.kind, .geographic)
        XCTAssertEqual(CRS.webMercator.kind, .projected)
        XCTAssertEqual(CRS.crs84.kind, .geographic)
        XCTAssertEqual(CRS.jgd2011.kind, .geographic)
        XCTAssertEqual(CRS.webMercator.name, try CRS("EPSG:3857").name)
        XCTAssertEqual(CRS.webMercator.metresPerUnit, 1)
        XCTAssertNil(CRS.wgs84.metresPerUnit)
    }

    func testMetadataAgreesWithPyproj() throws {
        let definitions = ["EPSG:4326", "EPSG:3857", "EPSG:6678", "EPSG:6668", "EPSG:32654", "EPSG:2965",
                           "OGC:CRS84", "+proj=utm +zone=54 +datum=WGS84 +units=m",
                           "+proj=longlat +ellps=GRS80 +towgs84=0,0,0"]
        let script = """
            import json, sys
            from pyproj import CRS
            out = []
            for d in json.load(sys.stdin):
                c = CRS(d)
                ax = c.axis_info[0]
                out.append({"name": c.name, "geographic": c.is_geographic, "projected": c.is_projected,
                            "unit": ax.unit_name, "factor": ax.unit_conversion_factor})
            json.dump(out, sys.stdout)
            """
        struct Metadata: Decodable {
            var name: String
            var geographic: Bool
            var projected: Bool
            var unit: String
            var factor: Double
        }
        let expected = try ReferencePython.decode([Metadata].self, script, packages: ["pyproj"], sending: definitions)
        for (definition, want) in zip(definitions, expected) {
            let crs = try CRS(definition)
            XCTAssertEqual(crs.name, want.name, definition)
            XCTAssertEqual(crs.isGeographic, want.geographic, definition)
            XCTAssertEqual(crs.isProjected, want.projected, definition)
            XCTAssertEqual(crs.unitName, want.unit, definition)
            assertRelativelyClose(crs.unitToSI, want.factor, relative: 1e-12, definition)
        }
    }

    func testAreaOfUse() throws {
        let area = try XCTUnwrap(try CRS("EPSG:6678").areaOfUse)
        XCTAssertTrue(area.contains(Coordinate(lon: 140.04, lat: 38.107)))
        XCTAssertFalse(area.contains(Coordinate(lon: 135.5, lat: 34.7)))  // Osaka lies in zone VI
    }

    func testUnknownEPSGCarriesPROJsText() throws {
        // pyproj shows PROJ's own message for the same code; ours must contain it.
        let reference = try ReferencePython.run("""
            from pyproj import CRS
            from pyproj.exceptions import CRSError
            try:
                CRS("EPSG:999999")
            except CRSError as e:
                print(str(e))
            """, packages: ["pyproj"])
        let pyprojText = String(decoding: reference, as: UTF8.self)
        XCTAssertTrue(pyprojText.contains("crs not found"), pyprojText)
        XCTAssertThrowsError(try CRS("EPSG:999999")) { error in
            guard let error = error as? PROJError else { return XCTFail("\(error) is not a PROJError") }
            XCTAssertTrue(error.message.contains("crs not found"), error.message)
            XCTAssertTrue(error.description.contains("proj_create"), error.description)
        }
    }

    func testGarbageIsRejectedWithAMessage() {
        for text in ["", "not a crs", "EPSG:", "+proj=nonsense", "EPSG:abc"] {
            XCTAssertThrowsError(try CRS(text), text) { error in
                guard let error = error as? PROJError else { return XCTFail("\(error) is not a PROJError") }
                XCTAssertFalse(error.message.isEmpty, text)
            }
        }
    }

    func testCoordinateOperationIsNotACRS() {
        XCTAssertThrowsError(try CRS("urn:ogc:def:coordinateOperation:EPSG::1671")) { error in
            XCTAssertTrue((error as? PROJError)?.message.contains("not a coordinate reference system") ?? false,
                          "\(error)")
        }
    }

    func testCodableRoundTripAndValidation() throws {
        let crs = try CRS("epsg:6678")
        let data = try JSONEncoder().encode([crs])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["EPSG:6678"]"#)
        XCTAssertEqual(try JSONDecoder().decode([CRS].self, from: data), [crs])
        XCTAssertThrowsError(try JSONDecoder().decode([CRS].self, from: Data(#"["EPSG:999999"]"#.utf8))) { error in
            XCTAssertTrue("\(error)".contains("crs not found"), "\(error)")
        }
    }
}

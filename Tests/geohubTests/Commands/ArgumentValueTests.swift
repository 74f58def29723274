import GeoCore
import Layers
import XCTest
@testable import geohub

/// Each option type parses what DESIGN.md allows and says what to do otherwise.
final class ArgumentValueTests: XCTestCase {
    private func message<T: ExpressibleByArgument>(_ type: T.Type, _ text: String, option: String) -> String? {
        do {
            _ = try T(argument: text, option: option)
            return nil
        } catch {
            XCTAssertTrue(error is UsageError, "\(error)")
            return "\(error)"
        }
    }

    func testZoom() throws {
        XCTAssertEqual(try ZoomRange(argument: "12", option: "--zoom"), ZoomRange(minZoom: 12, maxZoom: 12))
        XCTAssertEqual(try ZoomRange(argument: "10-16", option: "--zoom").levels, 10...16)
        XCTAssertEqual(try ZoomRange(argument: "0-22", option: "--zoom").levels, 0...22)
        XCTAssertEqual(
            message(ZoomRange.self, "18-12", option: "--zoom"),
            "--zoom: expected Z or Z1-Z2 with 0 ≤ Z ≤ 22 and Z1 ≤ Z2 (did you mean 12-18?), got '18-12'")
        for bad in ["23", "-1", "10-", "-10", "a", "1-2-3", "", "10 16", "1.5"] {
            XCTAssertEqual(
                message(ZoomRange.self, bad, option: "--zoom"),
                "--zoom: expected Z or Z1-Z2 with 0 ≤ Z ≤ 22, got '\(bad)'", bad)
        }
    }

    func testBoundingBox() throws {
        let box = try BoundingBox(argument: "139.88,38.03,140.13,38.20", option: "--bbox")
        XCTAssertEqual(box, BoundingBox(west: 139.88, south: 38.03, east: 140.13, north: 38.20))
        XCTAssertEqual(try BoundingBox(argument: "-10.5, -5, 10, 5", option: "--bbox").west, -10.5)
        XCTAssertEqual(
            message(BoundingBox.self, "140.13,38.03,139.88,38.20", option: "--bbox"),
            "--bbox: expected W,S,E,N in degrees with -180 ≤ W < E ≤ 180 and -90 ≤ S < N ≤ 90 "
                + "(west before east, south before north), got '140.13,38.03,139.88,38.20'")
        XCTAssertTrue(
            message(BoundingBox.self, "38.03,139.88,38.20,140.13", option: "--bbox")?
                .contains("latitude first? the order is W,S,E,N") == true)
        for bad in ["1,2,3", "1,2,3,4,5", "a,b,c,d", "0,0,0,0", "-181,0,0,1", "0,0,1,91", "nan,0,1,1", "inf,0,1,1"] {
            XCTAssertNotNil(message(BoundingBox.self, bad, option: "--bbox"), bad)
        }
    }

    func testCoordinate() throws {
        XCTAssertEqual(
            try Coordinate(argument: "140.04,38.107", option: "--from"), Coordinate(lon: 140.04, lat: 38.107))
        XCTAssertEqual(
            message(Coordinate.self, "38.107,140.04", option: "--from"),
            "--from: expected LON,LAT in degrees with -180 ≤ LON ≤ 180 and -90 ≤ LAT ≤ 90 "
                + "(latitude first? the order is LON,LAT), got '38.107,140.04'")
        for bad in ["140", "140,38,1", "x,y", "", "200,10", "10,-91"] {
            XCTAssertNotNil(message(Coordinate.self, bad, option: "--to"), bad)
        }
    }

    func testTimeOfDay() throws {
        XCTAssertEqual(try TimeOfDay(argument: "07:45", option: "--at").minutesSinceMidnight, 7 * 60 + 45)
        XCTAssertEqual(try TimeOfDay(argument: "7:05", option: "--at").description, "07:05")
        XCTAssertEqual(try TimeOfDay(argument: "23:59", option: "--at").description, "23:59")
        for bad in ["24:00", "12:60", "12", "12:5", "ab:cd", "-1:00", "12:00:00", "１２:００"] {
            XCTAssertEqual(
                message(TimeOfDay.self, bad, option: "--at"),
                "--at: expected HH:MM from 00:00 to 23:59 (local time), got '\(bad)'", bad)
        }
    }

    func testRainScenario() throws {
        XCTAssertEqual(try RainScenario(argument: "rain=50", option: "--scenario").millimetresPerHour, 50)
        XCTAssertEqual(try RainScenario(argument: "rain=12.5", option: "--scenario").description, "rain=12.5")
        XCTAssertEqual(try RainScenario(argument: "RAIN = 0", option: "--scenario").description, "rain=0")
        for bad in ["rain", "rain=", "snow=5", "rain=-1", "rain=501", "rain=nan", "50"] {
            XCTAssertEqual(
                message(RainScenario.self, bad, option: "--scenario"),
                "--scenario: expected rain=MM with the hourly rainfall in mm, 0–500, got '\(bad)'", bad)
        }
    }

    func testScaleFormatAndLayer() throws {
        XCTAssertEqual(try TileScale(argument: "2", option: "--scale"), .retina)
        XCTAssertEqual(TileScale.retina.pixels, 512)
        XCTAssertEqual(
            message(TileScale.self, "3", option: "--scale"),
            "--scale: expected 1 (256 px tiles) or 2 (512 px @2x tiles), got '3'")
        XCTAssertEqual(try ExportFormat(argument: "PMTiles", option: "--format"), .pmtiles)
        XCTAssertEqual(
            message(ExportFormat.self, "shp", option: "--format"),
            "--format: expected one of tiles, mbtiles, pmtiles, geojson, gpkg, got 'shp'")
        XCTAssertEqual(try LayerName(argument: "flood-risk", option: "--layers"), .floodRisk)
        XCTAssertEqual(
            message(LayerName.self, "flood_risk", option: "--layers"),
            "--layers: expected layer names from child-traffic, flood-risk, wildlife, census-delta, "
                + "bus-routes, composite, basemap, got 'flood_risk' (did you mean 'flood-risk'?)")
    }
}

import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

/// Bad input never stops the load silently and never takes good rows with it: each
/// rejected row is reported as `file:line: reason` (or the member name for zips).
final class BadInputTests: XCTestCase {
    private var fixture: HubFixture!

    override func setUpWithError() throws {
        fixture = try HubFixture()
        try fixture.writeAll()
    }

    override func tearDownWithError() throws { fixture.remove() }

    @discardableResult
    private func ingest(strict: Bool = false) throws -> IngestReport {
        try Hub.ingest(project: try fixture.project(), options: IngestOptions(strict: strict))
    }

    func testTruncatedCSV() throws {
        try fixture.write(
            "data/river_levels.csv",
            "site_id,timestamp,level_m\nS01,2022-08-03T10:00:00,2.1\n"
                + "S01,2022-08-03T11:00:00,2.4\nS02,\"2022-08")
        try fixture.write("data/rainfall.csv", "timestamp,mm_per_hour\n2022-08-03T10:00:00,12.5\n2022-08-03T11:00")
        let report = try ingest()
        XCTAssertEqual(
            report.source("riverLevels")?.rejections.map(\.description),
            ["river_levels.csv:4: has a quoted field that never closes (is the file truncated?)"])
        XCTAssertEqual(
            report.source("rainfall")?.rejections.map(\.description),
            ["rainfall.csv:3: has 1 fields, expected 2 as in the header"])
        let catalogue = try Hub.catalogue(for: try fixture.project())
        XCTAssertEqual(try catalogue.riverLevels()["S01"]?.values, [2.1, 2.4])
        XCTAssertEqual(try catalogue.rainfall().values, [12.5])
    }

    func testWrongTypes() throws {
        try fixture.write(
            "data/river_levels.csv",
            "site_id,timestamp,level_m\nS01,2022-08-03T10:00:00,abc\n"
                + "S01,yesterday,2.0\n,2022-08-03T10:00:00,2.0\nS01,2022-08-03T12:00:00,2.2\n")
        try fixture.write(
            "data/wildlife_detections.csv",
            "camera_id,timestamp,species,confidence\n"
                + "C01,2022-08-02T19:30:00,cat,0.9\nC01,2022-08-02T19:30:00,bear,1.5\n"
                + "C01,2022-08-02T19:31:00,クマ,0.9\n")
        try fixture.write(
            "data/bus_boardings.csv",
            "timestamp,route_id,stop_id,event,rider_type\n"
                + "2022-08-05T07:40:00,01,0101,board,child\n2022-08-05T07:40:00,01,0101,jump,adult\n"
                + "2022-08-05T07:41:00,01,0101,board,adult\n")
        try fixture.write(
            "data/river_sensors.csv",
            "site_id,name,lat,lon,warning_level_m,danger_level_m\n"
                + "S01,a,38.1,140.05,3.2,4.5\nS02,b,138.1,40.05,1,2\nS03,c,38.1,140.0,2.5,2.0\nS01,d,38.1,140.0,1,2\n")
        let report = try ingest()
        XCTAssertEqual(
            report.source("riverLevels")?.rejections.map(\.description),
            [
                #"river_levels.csv:2: level_m "abc" is not a number"#,
                #"river_levels.csv:3: timestamp "yesterday" is not an ISO 8601 date-time"#,
                "river_levels.csv:4: site_id is empty",
            ])
        XCTAssertEqual(
            report.source("wildlifeDetections")?.rejections.map(\.description),
            [
                #"wildlife_detections.csv:2: species "cat" is not one of bear, boar, serow, other, クマ, イノシシ, カモシカ, その他"#,
                #"wildlife_detections.csv:3: confidence "1.5" must be from 0 to 1"#,
            ])
        XCTAssertEqual(
            report.source("busBoardings")?.rejections.map(\.description),
            [
                #"bus_boardings.csv:2: rider_type "child" is not student, adult or senior"#,
                #"bus_boardings.csv:3: event "jump" is not board or alight"#,
            ])
        XCTAssertEqual(
            report.source("riverSensors")?.rejections.map(\.description),
            [
                #"river_sensors.csv:3: lat "138.1" is not a latitude (-90 to 90)"#,
                "river_sensors.csv:4: warning_level_m (2.5) must be below danger_level_m (2.0)",
                #"river_sensors.csv:5: site_id "S01" is listed twice"#,
            ])
        let catalogue = try Hub.catalogue(for: try fixture.project())
        XCTAssertEqual(try catalogue.riverLevels()["S01"]?.values, [2.2])
        XCTAssertEqual(try catalogue.wildlifeDetections().map(\.species), [.bear])
        XCTAssertEqual(try catalogue.busBoardings().map(\.riderType), [.adult])
        XCTAssertEqual(try catalogue.riverSensors().map(\.siteID), ["S01"])
        XCTAssertEqual(report.rejectedCount, 10)
    }

    func testMissingColumnsFailTheFileAndKeepThePreviousData() throws {
        XCTAssertEqual(try ingest().source("riverSensors")?.rows, 3)
        try fixture.write("data/river_sensors.csv", "site_id,name,lat,lon,warning_level_m\nS09,x,38.1,140.0,1\n")
        let report = try ingest()
        let source = try XCTUnwrap(report.source("riverSensors"))
        XCTAssertEqual(source.status, .failed)
        XCTAssertEqual(
            source.rejections.map(\.description),
            [
                "river_sensors.csv:1: is missing the required column danger_level_m "
                    + "(the header has site_id, name, lat, lon, warning_level_m)"
            ])
        XCTAssertEqual(
            source.description, "riverSensors data/river_sensors.csv: failed, " + source.rejections[0].description)
        XCTAssertTrue(report.hasRejections)
        XCTAssertEqual(
            try Hub.catalogue(for: try fixture.project()).riverSensors().map(\.siteID), ["S01", "S02", "S03"])
    }

    func testBadMeshCodes() throws {
        try fixture.write(
            "data/census_mesh.csv",
            "mesh_code,year,population,households\n"
                + "5740102,2020,10,4\n57401A23,2020,10,4\n5740,2020,10,4\n5740102358,2020,10,4\n"
                + "57401023,2020,1185,502\n57401024,twenty,5,2\n57401033,2020,-4,2\n")
        let report = try ingest()
        XCTAssertEqual(
            report.source("census:data/census_mesh.csv")?.rejections.map(\.description),
            [
                #"census_mesh.csv:2: mesh_code "5740102" is not a mesh code: it has 7 digits; a mesh code has 4 (80 km), 6 (10 km), 8 (1 km), 9 (500 m) or 10 (250 m)"#,
                #"census_mesh.csv:3: mesh_code "57401A23" is not a mesh code: character 6 is not a digit 0-9"#,
                #"census_mesh.csv:4: mesh_code "5740" is a 4-digit mesh code; census cells need 8 (1 km), 9 (500 m) or 10 (250 m) digits"#,
                #"census_mesh.csv:5: mesh_code "5740102358" is not a mesh code: digit 9 (half mesh) must be 1-4"#,
                #"census_mesh.csv:7: year "twenty" is not a whole number"#,
                #"census_mesh.csv:8: population "-4" is not a count (a whole number, - for none, or * X for a hidden figure)"#,
            ])
        // The good row of 2020 collides with the e-Stat file's 57401023: the first file wins.
        XCTAssertEqual(try Hub.catalogue(for: try fixture.project()).censusRows(year: 2020).first?.population, 1185)
    }

    func testGTFSMissingARequiredFile() throws {
        try ZipFixtures.write(
            GTFSReaderTests.quirkyFeed().filter { $0.name != "stop_times.txt" },
            to: fixture.url("data/gtfs.zip"))
        let report = try ingest()
        let gtfs = try XCTUnwrap(report.source("gtfs"))
        XCTAssertEqual(gtfs.status, .ingested)
        XCTAssertEqual(gtfs.rejections.map(\.description), ["gtfs.zip/stop_times.txt: required file is missing"])
        XCTAssertEqual(gtfs.details["stops"], 3)
        XCTAssertEqual(try Hub.catalogue(for: try fixture.project()).gtfsFeed().trips.count, 2)
    }

    func testGTFSZipBomb() throws {
        let url = fixture.url("data/gtfs.zip")
        try ZipFixtures.writeBomb(named: "stop_times.txt", megabytes: 40, to: url)
        try ReferencePython.run(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "a", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\\n0101,A,38.1,140.0\\n")
                zf.writestr("routes.txt", "route_id,route_type\\n01,3\\n")
                zf.writestr("trips.txt", "route_id,service_id,trip_id\\n01,wd,t1\\n")
            """, packages: [], arguments: [url.path])
        let report = try ingest()
        let gtfs = try XCTUnwrap(report.source("gtfs"))
        XCTAssertEqual(gtfs.rejections.count, 1)
        XCTAssertTrue(
            gtfs.rejections[0].description.hasPrefix("gtfs.zip: stop_times.txt: compression ratio "),
            gtfs.rejections[0].description)
        XCTAssertEqual(gtfs.details["stops"], 1)
        XCTAssertEqual(gtfs.details["trips"], 1)
    }

    func testGPSRowsAreRejectedWithoutTheirValues() throws {
        try fixture.write(
            "data/child_gps.csv",
            "device_id,timestamp,lat,lon,accuracy_m\n"
                + "kid-Z,2022-08-03T07:00:00,north,140.03811,5\n"
                + "kid-Z,2022-08-03T07:01:00,98.10712,140.03811,5\n"
                + "kid-Z,soon,38.10712,140.03811,5\n"
                + ",2022-08-03T07:01:00,38.10712,140.03811,5\n"
                + "kid-Z,2022-08-03T07:02:00,38.10712\n"
                + "kid-Z,2022-08-03T07:03:00,38.10712,140.03811,-1\n"
                + "kid-Z,2022-08-03T07:04:00,38.10712,140.03811,5\n")
        let report = try ingest()
        XCTAssertEqual(
            report.source("childGPS")?.rejections.map(\.description),
            [
                "child_gps.csv:2: lat is not a number",
                "child_gps.csv:3: lat is not a latitude (-90 to 90)",
                "child_gps.csv:4: timestamp is not an ISO 8601 date-time",
                "child_gps.csv:5: device_id is empty",
                "child_gps.csv:6: has 3 fields, expected 5 as in the header",
                "child_gps.csv:7: accuracy_m must be zero or more",
            ])
        XCTAssertEqual(report.source("childGPS")?.rows, 1)
    }

    func testStrictRollsBackRejectingSourcesAndThrows() throws {
        try ingest()
        try fixture.write(
            "data/river_levels.csv",
            "site_id,timestamp,level_m\nS01,2022-08-03T10:00:00,abc\n"
                + "S01,2022-08-03T13:00:00,9.9\n")
        try fixture.write("data/rainfall.csv", "timestamp,mm_per_hour\n2022-08-03T10:00:00,1\n")
        XCTAssertThrowsError(try ingest(strict: true)) { error in
            guard case HubError.rejected(let report) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(report.source("riverLevels")?.status, .rejected)
            XCTAssertEqual(report.source("rainfall")?.status, .ingested)
            XCTAssertEqual(
                "\(error)",
                #"1 input rows rejected under --strict: first river_levels.csv:2: level_m "abc" is not a number"#)
        }
        let catalogue = try Hub.catalogue(for: try fixture.project())
        XCTAssertEqual(try catalogue.riverLevels()["S01"]?.values, [2.10, 3.40])  // the previous data
        XCTAssertEqual(try catalogue.rainfall().values, [1])
        // Without strict the same file loads its good row.
        XCTAssertEqual(try ingest().source("riverLevels")?.rows, 1)
        XCTAssertEqual(try catalogue.riverLevels()["S01"]?.values, [9.9])
    }

    func testStrictFromTheProjectFile() throws {
        try fixture.write(
            "geohub.json",
            HubFixture.projectJSON.replacingOccurrences(
                of: #""name": "Fixture","#, with: #""name": "Fixture", "ingest": {"strict": true},"#))
        try fixture.write("data/rainfall.csv", "timestamp,mm_per_hour\n2022-08-03T10:00:00,-1\n")
        XCTAssertThrowsError(try Hub.ingest(project: try fixture.project()))
        XCTAssertNoThrow(try Hub.ingest(project: try fixture.project(), options: IngestOptions(strict: false)))
    }
}

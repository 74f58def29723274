import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

final class GTFSReaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try makeTemporaryDirectory("gtfs") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    static var muroran: URL { sharedNagaiData.appendingPathComponent("gtfs_sample_donanbus_muroran.zip") }

    /// A small GTFS-JP feed with every quirk: a UTF-8 BOM, CRLF line ends, a quoted
    /// comma in a name, a 24:15:00 time, GTFS-JP extra files and a zero-led stop id.
    static func quirkyFeed() -> [ZipFixtures.Member] {
        let bom = "\u{FEFF}"
        return [
            .init(
                "agency.txt",
                text: bom + "agency_id,agency_name,agency_url,agency_timezone\r\n"
                    + "nagai,長井市営バス,https://www.city.nagai.yamagata.jp,Asia/Tokyo\r\n"),
            .init("agency_jp.txt", text: bom + "agency_id,agency_official_name\r\nnagai,長井市\r\n"),
            .init(
                "stops.txt",
                text: bom + "stop_id,stop_name,stop_lat,stop_lon,location_type\r\n"
                    + "0101,\"長井駅前, 東口\",38.1078,140.0388,0\r\n"
                    + "0102,市役所,38.1050,140.0360,\r\n"
                    + "0103,\"スーパー \"\"南\"\"\",38.0900,140.0300,0\r\n"),
            .init(
                "routes.txt",
                text: bom + "route_id,agency_id,route_short_name,route_long_name,route_type\r\n"
                    + "01,nagai,1,\"駅前, 市役所線\",3\r\n"),
            .init(
                "routes_jp.txt",
                text: bom + "route_id,route_update_date,origin_stop,via_stop,destination_stop\r\n"
                    + "01,20240401,長井駅,,スーパー\r\n"),
            .init(
                "trips.txt",
                text: bom + "route_id,service_id,trip_id,shape_id\r\n01,weekday,t1,s1\r\n01,weekday,t2,s1\r\n"),
            .init(
                "stop_times.txt",
                text: bom + "trip_id,arrival_time,departure_time,stop_id,stop_sequence\r\n"
                    + "t1,07:00:00,07:00:00,0101,1\r\nt1,7:10:00,07:10:30,0102,2\r\nt1,,,0103,3\r\n"
                    + "t2,23:55:00,23:55:00,0101,1\r\nt2,24:15:00,24:15:00,0103,2\r\n"),
            .init(
                "shapes.txt",
                text: bom + "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\r\n"
                    + "s1,38.0900,140.0300,3\r\ns1,38.1078,140.0388,1\r\ns1,38.1050,140.0360,2\r\n"),
            .init(
                "calendar.txt",
                text: bom + "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                    + "start_date,end_date\r\nweekday,1,1,1,1,1,0,0,20240401,20250331\r\n"),
            .init("office_jp.txt", text: bom + "office_id,office_name\r\n1,長井営業所\r\n"),
        ]
    }

    func testQuirkyGTFSJPZip() throws {
        let url = folder.appendingPathComponent("gtfs.zip")
        try ZipFixtures.write(Self.quirkyFeed(), to: url)
        let (feed, report) = try GTFSReader().read(url)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(feed.stops.map(\.id), ["0101", "0102", "0103"])
        XCTAssertEqual(feed.stops.map(\.name), ["長井駅前, 東口", "市役所", "スーパー \"南\""])
        XCTAssertEqual(feed.stops[0].location, Coordinate(lon: 140.0388, lat: 38.1078))
        XCTAssertEqual(feed.routes.map(\.id), ["01"])
        XCTAssertEqual(feed.routes.first?.longName, "駅前, 市役所線")
        XCTAssertEqual(feed.trips.count, 2)
        XCTAssertEqual(feed.stopTimes.count, 5)
        XCTAssertEqual(feed.stopTimes[1].arrival, GTFSTime(seconds: 7 * 3600 + 600))
        XCTAssertEqual(feed.stopTimes[1].departure?.description, "07:10:30")
        XCTAssertNil(feed.stopTimes[2].arrival)
        XCTAssertEqual(feed.stopTimes[4].arrival, GTFSTime(seconds: 24 * 3600 + 15 * 60))
        XCTAssertEqual(feed.stopTimes[4].arrival?.description, "24:15:00")
        XCTAssertEqual(
            feed.shapes.first?.points,
            [
                Coordinate(lon: 140.0388, lat: 38.1078),
                Coordinate(lon: 140.0360, lat: 38.1050),
                Coordinate(lon: 140.0300, lat: 38.0900),
            ])
        XCTAssertEqual(feed.calendar.first?.weekdays, [true, true, true, true, true, false, false])
        XCTAssertEqual(feed.calendar.first?.endDate, GTFSDate(year: 2025, month: 3, day: 31))
        XCTAssertEqual(report.acceptedCount, 3 + 1 + 2 + 5 + 3 + 1)
    }

    func testTheSameFeedAsAFolder() throws {
        let zip = folder.appendingPathComponent("gtfs.zip")
        try ZipFixtures.write(Self.quirkyFeed(), to: zip)
        let dir = folder.appendingPathComponent("feed")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, data) in try ZipFixtures.pythonRead(zip) { try data.write(to: dir.appendingPathComponent(name)) }
        let fromZip = try GTFSReader().read(zip).feed
        let fromFolder = try GTFSReader().read(dir).feed
        XCTAssertEqual(fromZip, fromFolder)
    }

    func testRealMuroranFeedAgreesWithGTFSKit() throws {
        let (feed, report) = try GTFSReader().read(Self.muroran)
        XCTAssertEqual(report.rejectedCount, 0, "\(report.errors.prefix(5))")
        let reference =
            try ReferencePython.json(
                """
                import json, sys, gtfs_kit as gk
                f = gk.read_feed(sys.argv[1], dist_units="km")
                print(json.dumps({"stops": len(f.stops), "routes": len(f.routes), "trips": len(f.trips),
                                  "stop_times": len(f.stop_times),
                                  "shape_points": {str(k): int(v) for k, v in f.shapes.groupby("shape_id").size().items()},
                                  "first_stop": str(f.stops.stop_id.iloc[0]),
                                  "max_departure": str(f.stop_times.departure_time.dropna().max())}))
                """, packages: ["gtfs-kit"], arguments: [Self.muroran.path]) as? [String: Any]
        let ref = try XCTUnwrap(reference)
        XCTAssertEqual(feed.stops.count, ref["stops"] as? Int)
        XCTAssertEqual(feed.routes.count, ref["routes"] as? Int)
        XCTAssertEqual(feed.trips.count, ref["trips"] as? Int)
        XCTAssertEqual(feed.stopTimes.count, ref["stop_times"] as? Int)
        XCTAssertEqual(feed.stops.first?.id, ref["first_stop"] as? String)
        XCTAssertEqual(feed.stopTimes.compactMap(\.departure).max()?.description, ref["max_departure"] as? String)
        let points = try XCTUnwrap(ref["shape_points"] as? [String: Int])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: feed.shapes.map { ($0.id, $0.points.count) }), points)
    }

    func testMuroranShapeLengthsAgreeWithGTFSKit() throws {
        let feed = try GTFSReader().read(Self.muroran).feed
        let reference =
            try ReferencePython.json(
                """
                import json, sys, gtfs_kit as gk
                f = gk.read_feed(sys.argv[1], dist_units="km")
                g = gk.geometrize_shapes(f.shapes, use_utm=True)
                print(json.dumps({"crs": g.crs.to_string(), "lengths": {str(r.shape_id): r.geometry.length for r in g.itertuples()}}))
                """, packages: ["gtfs-kit"], arguments: [Self.muroran.path]) as? [String: Any]
        let ref = try XCTUnwrap(reference)
        let lengths = try XCTUnwrap(ref["lengths"] as? [String: Double])
        XCTAssertEqual(ref["crs"] as? String, "EPSG:32654")
        let toUTM = try Transformer(from: .wgs84, to: CRS("EPSG:32654"))
        XCTAssertEqual(feed.shapes.count, lengths.count)
        for shape in feed.shapes {
            let length = GTFSShape.length(ofProjected: try toUTM.transformed(shape.points))
            let expected = try XCTUnwrap(lengths[shape.id], shape.id)
            assertClose(length, expected, tolerance: 1e-6, shape.id)
        }
    }

    func testMissingRequiredFileIsReportedAndTheRestKept() throws {
        let url = folder.appendingPathComponent("gtfs.zip")
        try ZipFixtures.write(Self.quirkyFeed().filter { $0.name != "trips.txt" }, to: url)
        var printed: [String] = []
        let (feed, report) = try GTFSReader().read(url) { printed.append("\($0)") }
        XCTAssertEqual(feed.stops.count, 3)
        XCTAssertEqual(feed.routes.count, 1)
        XCTAssertEqual(feed.trips.count, 0)
        XCTAssertEqual(printed.first, "gtfs.zip/trips.txt: required file is missing")
        // Without trips.txt the stop times cannot be checked against trips, so they load.
        XCTAssertEqual(feed.stopTimes.count, 5)
        XCTAssertEqual(report.rejectedCount, 1)
    }

    func testAnUnreadableTableIsNotUsedToRejectOthers() throws {
        var members = Self.quirkyFeed()
        members[5] = .init("trips.txt", text: "route_id,service_id\n01,weekday\n")  // no trip_id column
        let url = folder.appendingPathComponent("gtfs.zip")
        try ZipFixtures.write(members, to: url)
        let (feed, report) = try GTFSReader().read(url)
        XCTAssertEqual(
            report.errors.map(\.description),
            [
                "gtfs.zip/trips.txt:1: is missing the required column trip_id (the header has route_id, service_id)"
            ])
        XCTAssertEqual(feed.stopTimes.count, 5)
    }

    func testBadRowsAreRejectedWithFileAndLine() throws {
        var members = Self.quirkyFeed()
        members[2] = .init(
            "stops.txt",
            text: "stop_id,stop_name,stop_lat,stop_lon\n0101,A,38.1,140.0\n"
                + "0102,B,north,140.0\n0103,C,38.1\n0101,D,38.2,140.1\n0104,E,91,140\n0105,F,38.0,140.0\n")
        members[6] = .init(
            "stop_times.txt",
            text: "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "t1,07:00:00,07:00:00,0101,1\nt9,07:00:00,07:00:00,0101,1\nt1,7h,07:00:00,0105,2\n"
                + "t1,07:05:00,07:05:00,0102,3\nt2,08:00:00,08:00:00,0105,x\nt2,08:00:00,08:00:00,0105,2\n")
        let url = folder.appendingPathComponent("bad.zip")
        try ZipFixtures.write(members, to: url)
        let (feed, report) = try GTFSReader().read(url)
        XCTAssertEqual(
            report.errors.map(\.description),
            [
                #"bad.zip/stops.txt:3: stop_lat "north" is not a number"#,
                "bad.zip/stops.txt:4: has 3 fields, expected 4 as in the header",
                #"bad.zip/stops.txt:5: stop_id "0101" is listed twice"#,
                #"bad.zip/stops.txt:6: stop_lat "91" is not a latitude (-90 to 90)"#,
                #"bad.zip/stop_times.txt:3: trip_id "t9" is not in trips.txt"#,
                #"bad.zip/stop_times.txt:4: arrival_time "7h" is not a time HH:MM:SS"#,
                #"bad.zip/stop_times.txt:5: stop_id "0102" is not in stops.txt"#,
                #"bad.zip/stop_times.txt:6: stop_sequence "x" is not a whole number"#,
            ])
        XCTAssertEqual(feed.stops.map(\.id), ["0101", "0105"])
        XCTAssertEqual(feed.stopTimes.map(\.stopSequence), [1, 2])
    }

    func testZipBombInAFeedNamesTheMemberAndKeepsTheOtherFiles() throws {
        let url = folder.appendingPathComponent("bomb.zip")
        try ZipFixtures.writeBomb(named: "shapes.txt", megabytes: 32, to: url)
        // Add the real tables next to the bomb.
        try ReferencePython.run(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "a", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\\n0101,A,38.1,140.0\\n")
                zf.writestr("routes.txt", "route_id,route_type\\n01,3\\n")
                zf.writestr("trips.txt", "route_id,service_id,trip_id\\n01,wd,t1\\n")
                zf.writestr("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\\n"
                            "t1,07:00:00,07:00:00,0101,1\\n")
            """, packages: [], arguments: [url.path])
        let (feed, report) = try GTFSReader().read(url)
        XCTAssertEqual(
            report.errors.map(\.description).first.map { $0.hasPrefix("bomb.zip: shapes.txt: compression ratio") },
            true, "\(report.errors)")
        XCTAssertEqual(report.rejectedCount, 1)
        XCTAssertEqual(feed.stops.count, 1)
        XCTAssertEqual(feed.stopTimes.count, 1)
        XCTAssertEqual(feed.shapes.count, 0)
    }

    func testEscapingMembersAreReportedAndIgnored() throws {
        let url = folder.appendingPathComponent("escape.zip")
        try ZipFixtures.write(Self.quirkyFeed() + [.init("../../stops.txt", text: "stop_id\nEVIL\n")], to: url)
        let (feed, report) = try GTFSReader().read(url)
        XCTAssertEqual(
            report.errors.map(\.description),
            ["escape.zip: ../../stops.txt: member path escapes the archive; ignored"])
        XCTAssertEqual(feed.stops.map(\.id), ["0101", "0102", "0103"])
    }

    func testNotAFeed() throws {
        let url = folder.appendingPathComponent("gtfs.zip")
        try Data("not a zip".utf8).write(to: url)
        XCTAssertThrowsError(try GTFSReader().read(url)) { error in
            XCTAssertEqual(
                "\(error)",
                "gtfs.zip: not a zip archive (no end-of-central-directory record) "
                    + "(expected a GTFS folder or .zip)")
        }
    }
}

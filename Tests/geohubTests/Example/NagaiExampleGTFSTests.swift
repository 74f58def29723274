import Foundation
import TestSupport
import XCTest

/// The bus feed is a valid zip that gtfs-kit reads, with zero-padded ids kept.
final class NagaiExampleGTFSTests: XCTestCase {
    func testGTFSZipOpensAndGTFSKitAgreesOnTrips() throws {
        let script = """
            import csv, io, json, sys, zipfile
            import gtfs_kit as gk
            path = sys.argv[1] + "/data/gtfs.zip"
            with zipfile.ZipFile(path) as z:
                out = {"testzip": z.testzip(), "members": sorted(z.namelist())}
                read = lambda n: list(csv.DictReader(io.TextIOWrapper(z.open(n), "utf-8")))
                trips = read("trips.txt")
                times = read("stop_times.txt")
                calendar = read("calendar.txt")
            weekday_services = {c["service_id"] for c in calendar if c["wednesday"] == "1"}
            out["csv_trips"] = len(trips)
            out["csv_trips_with_times"] = len({t["trip_id"] for t in times})
            out["csv_wednesday_trips"] = sum(1 for t in trips if t["service_id"] in weekday_services)
            feed = gk.read_feed(path, dist_units="km")
            out["kit_trips"] = int(feed.trips.shape[0])
            out["kit_routes"] = sorted(str(r) for r in feed.routes["route_id"])
            out["kit_stop_ids_padded"] = all(len(str(s)) == 4 for s in feed.stops["stop_id"])
            out["kit_wednesday_trips"] = int(gk.get_trips(feed, date="20220907").shape[0])
            stats = gk.compute_trip_stats(feed)
            out["kit_min_stops"] = int(stats["num_stops"].min())
            out["kit_min_distance_km"] = float(stats["distance"].min())
            out["kit_max_distance_km"] = float(stats["distance"].max())
            out["kit_shapes"] = int(feed.shapes["shape_id"].nunique())
            print(json.dumps(out))
            """
        let answer = try NagaiExample.check(script, packages: ["gtfs-kit"])
        XCTAssertTrue(answer["testzip"] is NSNull, "a corrupt member: \(answer["testzip"] ?? "")")
        let members = answer["members"] as? [String] ?? []
        for required in [
            "agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt", "calendar.txt",
            "shapes.txt", "feed_info.txt", "agency_jp.txt",
        ] {
            XCTAssertTrue(members.contains(required), "\(required) missing")
        }
        XCTAssertEqual(answer["kit_trips"] as? Int, answer["csv_trips"] as? Int)
        XCTAssertEqual(answer["kit_trips"] as? Int, answer["csv_trips_with_times"] as? Int)
        XCTAssertEqual(answer["kit_wednesday_trips"] as? Int, answer["csv_wednesday_trips"] as? Int)
        XCTAssertEqual(answer["kit_routes"] as? [String], ["0101", "0102", "0201", "0301", "0401"])
        XCTAssertEqual(answer["kit_stop_ids_padded"] as? Bool, true)
        XCTAssertGreaterThanOrEqual(answer["kit_min_stops"] as? Int ?? 0, 8)
        XCTAssertGreaterThan(answer["kit_min_distance_km"] as? Double ?? 0, 1)
        XCTAssertLessThan(answer["kit_max_distance_km"] as? Double ?? 99, 25)
        XCTAssertEqual(answer["kit_shapes"] as? Int, 9)
    }
}

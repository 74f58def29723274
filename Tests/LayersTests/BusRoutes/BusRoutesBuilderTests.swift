import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// bus-routes on a hand-made feed: calendar exceptions, lines from stop sequences,
/// ridership and low-use flags, all worked out by hand.
final class BusRoutesBuilderTests: XCTestCase {
    private let tokyo = TimeZone(secondsFromGMT: 9 * 3600) ?? .current  // Asia/Tokyo has no DST

    /// Stops A (a point near Nagai), B 300 m east of A, C 400 m north of B, placed in EPSG:6678.
    private func feed() throws -> GTFSFeed {
        let toLonLat = try CRSTransform(from: CRS("EPSG:6678"), to: .wgs84)
        let a = Coordinate(x: -69_572.6311, y: -209_836.0053)
        var feed = GTFSFeed()
        feed.stops = [
            GTFSStop(id: "0001", name: "A", location: try toLonLat.transform(a)),
            GTFSStop(id: "0002", name: "B", location: try toLonLat.transform(Coordinate(x: a.x + 300, y: a.y))),
            GTFSStop(id: "0003", name: "C", location: try toLonLat.transform(Coordinate(x: a.x + 300, y: a.y + 400))),
            GTFSStop(id: "S1", name: "Station", location: try toLonLat.transform(a), locationType: 1),
        ]
        feed.routes = [GTFSRoute(id: "R1", shortName: "1", longName: "Line 1", type: 3, color: "00FF00")]
        feed.trips =
            (1...3).map { GTFSTrip(id: "wd\($0)", routeID: "R1", serviceID: "WD", directionID: $0 % 2) }
            + (1...2).map { GTFSTrip(id: "sa\($0)", routeID: "R1", serviceID: "SA") }
        for trip in feed.trips {
            let order = trip.directionID == 1 ? ["0001", "0002", "0003"] : ["0003", "0002", "0001"]
            // Written out of sequence order on purpose.
            for (sequence, stop) in zip([2, 1, 3], [order[1], order[0], order[2]]) {
                feed.stopTimes.append(
                    GTFSStopTime(
                        tripID: trip.id, stopSequence: sequence, stopID: stop, arrival: nil,
                        departure: nil))
            }
        }
        let september = (GTFSDate(year: 2022, month: 9, day: 1), GTFSDate(year: 2022, month: 9, day: 30))
        feed.calendar = [
            GTFSCalendar(
                serviceID: "WD", weekdays: [true, true, true, true, true, false, false],
                startDate: september.0, endDate: september.1),
            GTFSCalendar(
                serviceID: "SA", weekdays: [false, false, false, false, false, true, false],
                startDate: september.0, endDate: september.1),
        ]
        // Wednesday 7 September runs the Saturday timetable instead of the weekday one.
        feed.calendarDates = [
            GTFSCalendarDate(serviceID: "WD", date: GTFSDate(year: 2022, month: 9, day: 7), exception: .removed),
            GTFSCalendarDate(serviceID: "SA", date: GTFSDate(year: 2022, month: 9, day: 7), exception: .added),
        ]
        return feed
    }

    func testCalendarLinesAndRidershipByHand() throws {
        // Monday 5 – Sunday 11 September 2022, Tokyo time.
        let start = try XCTUnwrap(ISO8601Timestamp.epochSeconds("2022-09-05T06:00:00+09:00"))
        let end = try XCTUnwrap(ISO8601Timestamp.epochSeconds("2022-09-11T21:00:00+09:00"))
        let counts = [
            BoardingCount(stopID: "0001", routeID: "R1", event: .board, riderType: .student, count: 7),
            BoardingCount(stopID: "0001", routeID: "R1", event: .board, riderType: .senior, count: 4),
            BoardingCount(stopID: "0002", routeID: "R1", event: .board, riderType: .adult, count: 9),
            BoardingCount(stopID: "0003", routeID: "R1", event: .alight, riderType: .adult, count: 20),
        ]
        let builder = BusRoutesBuilder(crs: try CRS("EPSG:6678"), timeZone: tokyo)
        let result = try builder.build(
            feed: try feed(), boardings: counts,
            period: DateInterval(
                start: Date(timeIntervalSince1970: start),
                end: Date(timeIntervalSince1970: end)),
            census: nil)
        XCTAssertEqual(result.serviceDays.map(\.date.day), [5, 6, 7, 8, 9, 10, 11])
        XCTAssertEqual(result.serviceDays.map(\.weekday), [1, 2, 3, 4, 5, 6, 7])
        let route = try XCTUnwrap(result.routes.first)
        // Weekday service on Mon, Tue, Thu, Fri (3 trips), Saturday service on Wed and Sat (2 trips).
        assertClose(route.tripsPerDay, 16.0 / 7, tolerance: 1e-15)
        assertClose(try XCTUnwrap(route.tripsPerWeekday), 14.0 / 5, tolerance: 1e-15)
        assertClose(try XCTUnwrap(route.tripsPerWeekendDay), 1, tolerance: 1e-15)
        // Two distinct stop sequences (each direction), each 300 + 400 m.
        XCTAssertEqual(route.lineSource, .stops)
        XCTAssertEqual(route.lines.count, 2)
        XCTAssertEqual(route.shapeIDs, [nil, nil])
        for length in route.lineLengths { assertClose(length, 700, tolerance: 1e-6) }
        XCTAssertEqual(route.stopIDs, ["0001", "0002", "0003"], "in the first trip's (wd1, direction 1) call order")
        XCTAssertEqual(route.ridership.totalBoardings, 20)
        XCTAssertEqual(route.ridership.totalAlightings, 20)

        XCTAssertEqual(result.stops.map(\.stop.id), ["0001", "0002", "0003"], "stations are not stops")
        let a = result.stops[0]
        let b = result.stops[1]
        let c = result.stops[2]
        XCTAssertEqual(a.ridership.totalBoardings, 11)
        XCTAssertFalse(a.isLowUse)
        XCTAssertTrue(b.isLowUse, "9 boardings < 10")
        XCTAssertTrue(c.isLowUse, "alightings do not count")
        assertClose(a.tripsPerDay, 16.0 / 7, tolerance: 1e-15)
        XCTAssertEqual(a.routeIDs, ["R1"])
        XCTAssertNil(a.catchment)

        let layer = builder.layer(result)
        let routeFeature = try XCTUnwrap(layer.features.first)
        XCTAssertEqual(routeFeature.properties["kind"], "route")
        XCTAssertEqual(routeFeature.properties["route_color"], "#00FF00")
        XCTAssertEqual(routeFeature.properties["line_source"], "stops")
        guard case .multiLineString(let lines) = routeFeature.shape else { return XCTFail("two lines") }
        XCTAssertEqual(lines.count, 2)
        let stopB = try XCTUnwrap(layer.features.first { $0.properties["stop_id"] == "0002" })
        XCTAssertEqual(stopB.properties["boardings"], 9)
        XCTAssertEqual(stopB.properties["boardings_adult"], 9)
        XCTAssertEqual(stopB.properties["boardings_student"], 0)
        XCTAssertEqual(stopB.properties["low_use"], true)
        XCTAssertEqual(stopB.properties["population_within"], .null)
        XCTAssertEqual(layer.metadata["low_use_stops"], 2)
        XCTAssertEqual(layer.metadata["service_days"], 7)
    }

    func testWithoutAPeriodTripsAreCountedOverTheFeedSpan() throws {
        let builder = BusRoutesBuilder(crs: try CRS("EPSG:6678"), timeZone: tokyo)
        let result = try builder.build(feed: try feed(), boardings: [], period: nil, census: nil)
        XCTAssertEqual(result.serviceDays.count, 30, "1–30 September")
        // September 2022: 22 weekdays (one of them, the 7th, removed) and 4 Saturdays plus the 7th.
        assertClose(result.routes[0].tripsPerDay, Double(21 * 3 + 5 * 2) / 30, tolerance: 1e-15)
    }
}

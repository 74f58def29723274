import Foundation
import GeoCore

extension Catalogue {
    /// The whole GTFS feed as ingested (empty when the project has none), tables in
    /// file order, shapes with their points in sequence.
    public func gtfsFeed() throws(HubError) -> GTFSFeed {
        try query {
            var feed = GTFSFeed()
            feed.stops = try db.rows(
                """
                SELECT stop_id, name, lon, lat, location_type, parent_station FROM gtfs_stops ORDER BY position
                """
            ).map { r in
                let location = r[2].double.flatMap { lon in r[3].double.map { Coordinate(lon: lon, lat: $0) } }
                return GTFSStop(
                    id: r[0].string ?? "", name: r[1].string ?? "", location: location,
                    locationType: r[4].int ?? 0, parentStation: r[5].string)
            }
            feed.routes = try db.rows(
                """
                SELECT route_id, agency_id, short_name, long_name, route_type, color FROM gtfs_routes ORDER BY position
                """
            ).map { r in
                GTFSRoute(
                    id: r[0].string ?? "", agencyID: r[1].string, shortName: r[2].string, longName: r[3].string,
                    type: r[4].int ?? 3, color: r[5].string)
            }
            feed.trips = try db.rows(
                """
                SELECT trip_id, route_id, service_id, shape_id, direction_id, headsign FROM gtfs_trips ORDER BY position
                """
            ).map { r in
                GTFSTrip(
                    id: r[0].string ?? "", routeID: r[1].string ?? "", serviceID: r[2].string ?? "",
                    shapeID: r[3].string, directionID: r[4].int, headsign: r[5].string)
            }
            let times = try db.prepare(
                "SELECT trip_id, stop_sequence, stop_id, arrival, departure FROM gtfs_stop_times ORDER BY position")
            while try times.step() {
                let arrival = times.value(at: 3).int.map(GTFSTime.init(seconds:))
                let departure = times.value(at: 4).int.map(GTFSTime.init(seconds:))
                feed.stopTimes.append(
                    GTFSStopTime(
                        tripID: times.string(at: 0) ?? "", stopSequence: Int(times.int64(at: 1)),
                        stopID: times.string(at: 2) ?? "", arrival: arrival,
                        departure: departure))
            }
            feed.shapes = try shapes()
            feed.calendar = try db.rows("SELECT service_id, weekdays, start_date, end_date FROM gtfs_calendar")
                .compactMap { r in
                    guard let start = r[2].int.flatMap({ GTFSDate(String($0)) }),
                        let end = r[3].int.flatMap({ GTFSDate(String($0)) })
                    else { return nil }
                    return GTFSCalendar(
                        serviceID: r[0].string ?? "", weekdays: (r[1].string ?? "").map { $0 == "1" },
                        startDate: start, endDate: end)
                }
            feed.calendarDates = try db.rows("SELECT service_id, date, exception FROM gtfs_calendar_dates").compactMap {
                r in
                guard let date = r[1].int.flatMap({ GTFSDate(String($0)) }),
                    let exception = r[2].int.flatMap(GTFSCalendarDate.Exception.init(rawValue:))
                else { return nil }
                return GTFSCalendarDate(serviceID: r[0].string ?? "", date: date, exception: exception)
            }
            return feed
        }
    }

    private func shapes() throws -> [GTFSShape] {
        let statement = try db.prepare("SELECT shape_id, lon, lat, dist FROM gtfs_shapes ORDER BY position, seq")
        var shapes: [GTFSShape] = []
        var id: String?
        var points: [Coordinate] = []
        var distances: [Double?] = []
        while try statement.step() {
            let shapeID = statement.string(at: 0) ?? ""
            if shapeID != id {
                if let id { shapes.append(GTFSShape(id: id, points: points, distances: distances)) }
                id = shapeID
                points = []
                distances = []
            }
            points.append(Coordinate(lon: statement.double(at: 1), lat: statement.double(at: 2)))
            distances.append(statement.value(at: 3).double)
        }
        if let id { shapes.append(GTFSShape(id: id, points: points, distances: distances)) }
        return shapes
    }
}

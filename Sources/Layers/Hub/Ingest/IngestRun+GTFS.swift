import Foundation
import GeoCore

extension IngestRun {
    /// Reads the whole feed (folder or zip), then stores every table in file order.
    func ingestGTFS() throws {
        let reader = GTFSReader(
            limits: project.ingest.zipLimits, encoding: file.encoding,
            maxKeptErrors: project.ingest.maxRejectionsKept)
        let (feed, feedReport) = try reader.read(file.url)
        for error in feedReport.errors { reject(error) }
        // Rejections beyond the kept ones are still counted.
        report.rejectedCount += max(0, feedReport.rejectedCount - feedReport.errors.count)

        let stops = try db.prepare(
            """
            INSERT INTO gtfs_stops (stop_id, name, lon, lat, location_type, parent_station, position) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, s) in feed.stops.enumerated() {
            try stops.execute(s.id, s.name, s.location?.lon, s.location?.lat, s.locationType, s.parentStation, i)
        }
        let routes = try db.prepare(
            """
            INSERT INTO gtfs_routes (route_id, agency_id, short_name, long_name, route_type, color, position)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, r) in feed.routes.enumerated() {
            try routes.execute(r.id, r.agencyID, r.shortName, r.longName, r.type, r.color, i)
        }
        let trips = try db.prepare(
            """
            INSERT INTO gtfs_trips (trip_id, route_id, service_id, shape_id, direction_id, headsign, position)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, t) in feed.trips.enumerated() {
            try trips.execute(t.id, t.routeID, t.serviceID, t.shapeID, t.directionID, t.headsign, i)
        }
        let times = try db.prepare(
            """
            INSERT INTO gtfs_stop_times (trip_id, stop_sequence, stop_id, arrival, departure, position) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (i, st) in feed.stopTimes.enumerated() {
            try times.execute(st.tripID, st.stopSequence, st.stopID, st.arrival?.seconds, st.departure?.seconds, i)
        }
        let shapes = try db.prepare(
            "INSERT INTO gtfs_shapes (shape_id, seq, lon, lat, dist, position) VALUES (?, ?, ?, ?, ?, ?)")
        for (i, shape) in feed.shapes.enumerated() {
            for (seq, point) in shape.points.enumerated() {
                try shapes.execute(shape.id, seq, point.lon, point.lat, shape.distances[seq], i)
            }
        }
        let calendar = try db.prepare(
            "INSERT INTO gtfs_calendar (service_id, weekdays, start_date, end_date) VALUES (?, ?, ?, ?)")
        for c in feed.calendar {
            try calendar.execute(
                c.serviceID, String(c.weekdays.map { $0 ? "1" : "0" }), c.startDate.number, c.endDate.number)
        }
        let dates = try db.prepare("INSERT INTO gtfs_calendar_dates (service_id, date, exception) VALUES (?, ?, ?)")
        for d in feed.calendarDates { try dates.execute(d.serviceID, d.date.number, d.exception.rawValue) }

        details = [
            "stops": feed.stops.count, "routes": feed.routes.count, "trips": feed.trips.count,
            "stop_times": feed.stopTimes.count, "shapes": feed.shapes.count, "calendar": feed.calendar.count,
            "calendar_dates": feed.calendarDates.count,
        ]
        stored(feedReport.acceptedCount)
    }
}

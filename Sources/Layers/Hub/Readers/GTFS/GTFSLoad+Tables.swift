import Foundation
import GeoCore

/// One reader per GTFS table. Ids are kept exactly as written (trimmed); positions
/// are checked for range; references to trips, stops and routes that the feed does not
/// define are rejected.
extension GTFSLoad {
    mutating func readStops() {
        var seen: Set<String> = []
        table("stops.txt", required: ["stop_id"]) { row, c, reader, load in
            let id = try requiredID(row, c[0])
            let type = try reader.column("location_type").flatMap { try row.optionalInt($0) } ?? 0
            guard (0...4).contains(type) else {
                throw row.error(reader.column("location_type"), "must be 0 to 4, got \(type)")
            }
            var location: Coordinate?
            if let latColumn = reader.column("stop_lat"), let lonColumn = reader.column("stop_lon"),
                let lat = try row.optionalDouble(latColumn), let lon = try row.optionalDouble(lonColumn)
            {
                guard (-90...90).contains(lat) else {
                    throw row.invalidValue(latColumn, "is not a latitude (-90 to 90)")
                }
                guard (-180...180).contains(lon) else {
                    throw row.invalidValue(lonColumn, "is not a longitude (-180 to 180)")
                }
                location = Coordinate(lon: lon, lat: lat)
            } else if type <= 2 {
                throw row.error(
                    reader.column("stop_lat") ?? reader.column("stop_lon"),
                    "is required for a stop, station or entrance (stop_lat and stop_lon)")
            }
            guard seen.insert(id).inserted else { throw row.invalidValue(c[0], "is listed twice") }
            load.feed.stops.append(
                GTFSStop(
                    id: id, name: reader.column("stop_name").flatMap { row.optionalString($0) } ?? "",
                    location: location, locationType: type,
                    parentStation: reader.column("parent_station").flatMap { row.optionalString($0) }))
        }
    }

    mutating func readRoutes() {
        var seen: Set<String> = []
        table("routes.txt", required: ["route_id", "route_type"]) { row, c, reader, load in
            let id = try requiredID(row, c[0])
            let type = try row.int(c[1])
            guard type >= 0 else { throw row.invalidValue(c[1], "is not a route type") }
            guard seen.insert(id).inserted else { throw row.invalidValue(c[0], "is listed twice") }
            load.feed.routes.append(
                GTFSRoute(
                    id: id, agencyID: reader.column("agency_id").flatMap { row.optionalString($0) },
                    shortName: reader.column("route_short_name").flatMap { row.optionalString($0) },
                    longName: reader.column("route_long_name").flatMap { row.optionalString($0) },
                    type: type, color: reader.column("route_color").flatMap { row.optionalString($0) }))
        }
    }

    mutating func readTrips() {
        let routes = Set(feed.routes.map(\.id))
        let checkRoutes = readTables.contains("routes.txt")
        var seen: Set<String> = []
        table("trips.txt", required: ["route_id", "service_id", "trip_id"]) { row, c, reader, load in
            let routeID = try requiredID(row, c[0])
            let serviceID = try requiredID(row, c[1])
            let id = try requiredID(row, c[2])
            guard !checkRoutes || routes.contains(routeID) else { throw row.invalidValue(c[0], "is not in routes.txt") }
            let direction = try reader.column("direction_id").flatMap { try row.optionalInt($0) }
            guard seen.insert(id).inserted else { throw row.invalidValue(c[2], "is listed twice") }
            load.feed.trips.append(
                GTFSTrip(
                    id: id, routeID: routeID, serviceID: serviceID,
                    shapeID: reader.column("shape_id").flatMap { row.optionalString($0) }, directionID: direction,
                    headsign: reader.column("trip_headsign").flatMap { row.optionalString($0) }))
        }
    }

    mutating func readStopTimes() {
        let trips = Set(feed.trips.map(\.id))
        let stops = Set(feed.stops.map(\.id))
        let checkTrips = readTables.contains("trips.txt")
        let checkStops = readTables.contains("stops.txt")
        table("stop_times.txt", required: ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"]) {
            row, c, _, load in
            let tripID = try requiredID(row, c[0])
            let stopID = try requiredID(row, c[3])
            guard !checkTrips || trips.contains(tripID) else { throw row.invalidValue(c[0], "is not in trips.txt") }
            guard !checkStops || stops.contains(stopID) else { throw row.invalidValue(c[3], "is not in stops.txt") }
            let sequence = try row.int(c[4])
            guard sequence >= 0 else { throw row.invalidValue(c[4], "must be zero or more") }
            load.feed.stopTimes.append(
                GTFSStopTime(
                    tripID: tripID, stopSequence: sequence, stopID: stopID,
                    arrival: try time(row, c[1]), departure: try time(row, c[2])))
        }
    }

    mutating func readShapes() {
        var points: [String: [(sequence: Int, point: Coordinate, distance: Double?)]] = [:]
        var order: [String] = []
        table("shapes.txt", required: ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"]) {
            row, c, reader, _ in
            let id = try requiredID(row, c[0])
            let lat = try row.double(c[1])
            let lon = try row.double(c[2])
            guard (-90...90).contains(lat) else { throw row.invalidValue(c[1], "is not a latitude (-90 to 90)") }
            guard (-180...180).contains(lon) else { throw row.invalidValue(c[2], "is not a longitude (-180 to 180)") }
            let sequence = try row.int(c[3])
            let distance = try reader.column("shape_dist_traveled").flatMap { try row.optionalDouble($0) }
            if points[id] == nil { order.append(id) }
            points[id, default: []].append((sequence, Coordinate(lon: lon, lat: lat), distance))
        }
        feed.shapes = order.map { id in
            let sorted = (points[id] ?? []).sorted { $0.sequence < $1.sequence }
            return GTFSShape(id: id, points: sorted.map(\.point), distances: sorted.map(\.distance))
        }
    }

    mutating func readCalendar() {
        let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        table("calendar.txt", required: ["service_id"] + days + ["start_date", "end_date"]) { row, c, _, load in
            let id = try requiredID(row, c[0])
            var weekdays: [Bool] = []
            for column in c[1...7] {
                let flag = try row.int(column)
                guard flag == 0 || flag == 1 else { throw row.invalidValue(column, "must be 0 or 1") }
                weekdays.append(flag == 1)
            }
            load.feed.calendar.append(
                GTFSCalendar(
                    serviceID: id, weekdays: weekdays,
                    startDate: try date(row, c[8]), endDate: try date(row, c[9])))
        }
    }

    mutating func readCalendarDates() {
        table("calendar_dates.txt", required: ["service_id", "date", "exception_type"]) { row, c, _, load in
            let id = try requiredID(row, c[0])
            guard let exception = GTFSCalendarDate.Exception(rawValue: try row.int(c[2])) else {
                throw row.invalidValue(c[2], "must be 1 (added) or 2 (removed)")
            }
            load.feed.calendarDates.append(
                GTFSCalendarDate(serviceID: id, date: try date(row, c[1]), exception: exception))
        }
    }
}

/// A required id field, trimmed; an empty one rejects the row.
func requiredID(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> String {
    guard let id = row.optionalString(column) else { throw row.error(column, "is empty") }
    return id
}

private func time(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> GTFSTime? {
    guard let text = row.optionalString(column) else { return nil }
    guard let time = GTFSTime(text) else { throw row.invalidValue(column, "is not a time HH:MM:SS") }
    return time
}

private func date(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> GTFSDate {
    guard let date = GTFSDate(row.string(column)) else { throw row.invalidValue(column, "is not a date YYYYMMDD") }
    return date
}

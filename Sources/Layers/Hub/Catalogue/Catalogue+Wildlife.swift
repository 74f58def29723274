import Foundation
import GeoCore

extension Catalogue {
    /// Every wildlife camera, by camera id.
    public func wildlifeCameras() throws(HubError) -> [WildlifeCamera] {
        try query {
            try db.rows("SELECT camera_id, name, lon, lat FROM wildlife_cameras ORDER BY camera_id").map { r in
                WildlifeCamera(
                    cameraID: r[0].string ?? "", name: r[1].string ?? "",
                    location: Coordinate(lon: r[2].double ?? .nan, lat: r[3].double ?? .nan))
            }
        }
    }

    /// Detections in time order, within `interval` and at or above `minConfidence`.
    public func wildlifeDetections(
        in interval: DateInterval? = nil,
        minConfidence: Double = 0
    ) throws(HubError) -> [WildlifeDetection] {
        try query {
            let statement = try db.prepare(
                """
                SELECT camera_id, t, species, confidence FROM wildlife_detections
                WHERE t BETWEEN ? AND ? AND confidence >= ? ORDER BY t, rowid
                """)
            try statement.bind(Self.bounds(interval) + [minConfidence])
            var result: [WildlifeDetection] = []
            while try statement.step() {
                guard let species = statement.string(at: 2).flatMap(Species.init(rawValue:)) else { continue }
                result.append(
                    WildlifeDetection(
                        cameraID: statement.string(at: 0) ?? "",
                        time: Date(timeIntervalSince1970: statement.double(at: 1)),
                        species: species, confidence: statement.double(at: 3)))
            }
            return result
        }
    }

    /// Boardings and alightings in time order (within `interval` when given).
    public func busBoardings(in interval: DateInterval? = nil) throws(HubError) -> [Boarding] {
        try query {
            let statement = try db.prepare(
                """
                SELECT t, route_id, stop_id, event, rider_type FROM bus_boardings WHERE t BETWEEN ? AND ? ORDER BY t, rowid
                """)
            try statement.bind(Self.bounds(interval))
            var result: [Boarding] = []
            while try statement.step() {
                guard let event = statement.string(at: 3).flatMap(BoardingEvent.init(rawValue:)),
                    let rider = statement.string(at: 4).flatMap(RiderType.init(rawValue:))
                else { continue }
                result.append(
                    Boarding(
                        time: Date(timeIntervalSince1970: statement.double(at: 0)),
                        routeID: statement.string(at: 1) ?? "", stopID: statement.string(at: 2) ?? "",
                        event: event, riderType: rider))
            }
            return result
        }
    }

    /// Boarding counts per stop, route, event and rider type (within `interval`),
    /// computed in SQL: what the bus-routes layer's `boardings` property sums.
    public func boardingCounts(in interval: DateInterval? = nil) throws(HubError) -> [BoardingCount] {
        try query {
            let statement = try db.prepare(
                """
                SELECT stop_id, route_id, event, rider_type, count(*) FROM bus_boardings WHERE t BETWEEN ? AND ?
                GROUP BY stop_id, route_id, event, rider_type ORDER BY stop_id, route_id, event, rider_type
                """)
            try statement.bind(Self.bounds(interval))
            var result: [BoardingCount] = []
            while try statement.step() {
                guard let event = statement.string(at: 2).flatMap(BoardingEvent.init(rawValue:)),
                    let rider = statement.string(at: 3).flatMap(RiderType.init(rawValue:))
                else { continue }
                result.append(
                    BoardingCount(
                        stopID: statement.string(at: 0) ?? "", routeID: statement.string(at: 1) ?? "",
                        event: event, riderType: rider, count: Int(statement.int64(at: 4))))
            }
            return result
        }
    }
}

import Foundation
import GeoCore

extension Catalogue {
    /// Every river sensor, by site id.
    public func riverSensors() throws(HubError) -> [RiverSensor] {
        try query {
            try db.rows(
                "SELECT site_id, name, lon, lat, warning_level, danger_level FROM river_sensors ORDER BY site_id"
            )
            .map { r in
                RiverSensor(
                    siteID: r[0].string ?? "", name: r[1].string ?? "",
                    location: Coordinate(lon: r[2].double ?? .nan, lat: r[3].double ?? .nan),
                    warningLevel: r[4].double ?? .nan, dangerLevel: r[5].double ?? .nan)
            }
        }
    }

    /// Water levels per site id, as time series in time order (within `interval` when
    /// given). Of several readings at the same time, the last in the file is kept.
    public func riverLevels(in interval: DateInterval? = nil) throws(HubError) -> [String: TimeSeries] {
        try query {
            let statement = try db.prepare(
                "SELECT site_id, t, level FROM river_levels WHERE t BETWEEN ? AND ? ORDER BY site_id, t, rowid")
            try statement.bind(Self.bounds(interval))
            var result: [String: TimeSeries] = [:]
            var site = ""
            var series = TimeSeries()
            while try statement.step() {
                let id = statement.string(at: 0) ?? ""
                if id != site {
                    if !series.isEmpty { result[site] = series }
                    site = id
                    series = TimeSeries()
                }
                series.appendKeepingLast(Date(timeIntervalSince1970: statement.double(at: 1)), statement.double(at: 2))
            }
            if !series.isEmpty { result[site] = series }
            return result
        }
    }

    /// Hourly rainfall in time order (within `interval` when given).
    public func rainfall(in interval: DateInterval? = nil) throws(HubError) -> TimeSeries {
        try query {
            let statement = try db.prepare(
                "SELECT t, mm_per_hour FROM rainfall WHERE t BETWEEN ? AND ? ORDER BY t, rowid")
            try statement.bind(Self.bounds(interval))
            var series = TimeSeries()
            while try statement.step() {
                series.appendKeepingLast(Date(timeIntervalSince1970: statement.double(at: 0)), statement.double(at: 1))
            }
            return series
        }
    }

    /// `[start, end]` in epoch seconds for a `WHERE t BETWEEN ? AND ?`.
    static func bounds(_ interval: DateInterval?) -> [any SQLiteBindable] {
        guard let interval else { return [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude] }
        return [interval.start.timeIntervalSince1970, interval.end.timeIntervalSince1970]
    }
}

extension TimeSeries {
    /// Appends a reading in time order, replacing the previous one at the same time.
    mutating func appendKeepingLast(_ time: Date, _ value: Double) {
        if let last = times.last, last == time {
            values[values.count - 1] = value
        } else {
            times.append(time)
            values.append(value)
        }
    }
}

import Foundation
import GeoCore

/// Reads `river_sensors.csv`: `site_id,name,lat,lon,warning_level_m,danger_level_m`.
///
/// Rejects duplicate site ids, positions out of range, and thresholds where the
/// warning level is not below the danger level.
public enum RiverSensorsReader {
    public static let requiredColumns = ["site_id", "name", "lat", "lon", "warning_level_m", "danger_level_m"]

    public static func read(
        _ url: URL, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (RiverSensor) throws -> Void
    ) throws -> InputReport {
        var seen: Set<String> = []
        return try CSVSource.read(url, options: options, required: requiredColumns, onReject: onReject) { row, c, _ in
            let id = try CSVSource.id(row, c[0])
            let location = try CSVSource.location(row, lat: c[2], lon: c[3])
            let warning = try row.double(c[4])
            let danger = try row.double(c[5])
            guard warning < danger else {
                throw row.error(c[4], "(\(warning)) must be below danger_level_m (\(danger))")
            }
            guard seen.insert(id).inserted else { throw row.invalidValue(c[0], "is listed twice") }
            try body(
                RiverSensor(
                    siteID: id, name: row.optionalString(c[1]) ?? id, location: location,
                    warningLevel: warning, dangerLevel: danger))
        }
    }
}

/// Reads `river_levels.csv`: `site_id,timestamp,level_m`.
public enum RiverLevelsReader {
    public static let requiredColumns = ["site_id", "timestamp", "level_m"]

    public static func read(
        _ url: URL, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (RiverLevel) throws -> Void
    ) throws -> InputReport {
        try CSVSource.read(url, options: options, required: requiredColumns, onReject: onReject) { row, c, _ in
            try body(
                RiverLevel(
                    siteID: try CSVSource.id(row, c[0]), time: try CSVSource.time(row, c[1]),
                    level: try row.double(c[2])))
        }
    }
}

/// Reads `rainfall.csv`: `timestamp,mm_per_hour` (zero or more).
public enum RainfallReader {
    public static let requiredColumns = ["timestamp", "mm_per_hour"]

    public static func read(
        _ url: URL, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (RainfallReading) throws -> Void
    ) throws -> InputReport {
        try CSVSource.read(url, options: options, required: requiredColumns, onReject: onReject) { row, c, _ in
            let time = try CSVSource.time(row, c[0])
            let rain = try row.double(c[1])
            guard rain >= 0 else { throw row.invalidValue(c[1], "must be zero or more") }
            try body(RainfallReading(time: time, mmPerHour: rain))
        }
    }
}

import Foundation
import GeoCore

/// The shared shape of every CSV source reader: open, find the required columns by
/// name (any order, unknown columns ignored), hand each row to `row`, and report.
///
/// A row whose `row` throws an ``InputError`` is rejected as `file:line: reason` and
/// reading goes on; a file without a header or missing a required column throws at
/// line 1, since none of its rows can be read.
enum CSVSource {
    static func read(
        _ url: URL, name: String? = nil, options: CSVReader.Options, required: [String],
        onReject: (InputError) -> Void,
        row: (borrowing CSVRow, [CSVColumn], CSVReader) throws -> Void
    ) throws -> InputReport {
        let reader = try CSVReader(contentsOf: url, name: name, options: options)
        let columns = try reader.requireColumns(required)
        return try reader.forEachRow(onReject: onReject) { record in try row(record, columns, reader) }
    }

    /// A required, non-empty id (trimmed).
    static func id(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> String {
        guard let id = row.optionalString(column) else { throw row.error(column, "is empty") }
        return id
    }

    /// A lon/lat position from two columns, checked for range.
    static func location(_ row: borrowing CSVRow, lat: CSVColumn, lon: CSVColumn) throws(InputError) -> Coordinate {
        let latitude = try row.double(lat)
        let longitude = try row.double(lon)
        guard (-90...90).contains(latitude) else { throw row.invalidValue(lat, "is not a latitude (-90 to 90)") }
        guard (-180...180).contains(longitude) else { throw row.invalidValue(lon, "is not a longitude (-180 to 180)") }
        return Coordinate(lon: longitude, lat: latitude)
    }

    /// A timestamp as a date (ISO 8601; without an offset, the reader's default zone).
    static func time(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> Date {
        Date(timeIntervalSince1970: try row.timestamp(column))
    }
}

extension CSVReader.Options {
    /// The options a project source is read with: its encoding, the project's time
    /// zone for timestamps without an offset, and how many rejections to keep.
    static func source(
        encoding: TextEncoding, utcOffsetSeconds: Int, maxKeptErrors: Int,
        sensitiveColumns: Set<String> = []
    ) -> CSVReader.Options {
        var options = CSVReader.Options(encoding: encoding, sensitiveColumns: sensitiveColumns)
        options.defaultUTCOffsetSeconds = utcOffsetSeconds
        options.maxKeptErrors = maxKeptErrors
        return options
    }
}

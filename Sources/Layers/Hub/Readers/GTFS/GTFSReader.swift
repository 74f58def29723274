import Foundation
import GeoCore

/// Reads a GTFS or GTFS-JP feed from a folder or a .zip.
///
/// Reads `stops`, `routes`, `trips`, `stop_times` (required) and `shapes`,
/// `calendar`, `calendar_dates` (when present); GTFS-JP's extra files
/// (`agency_jp.txt`, `routes_jp.txt`, `office_jp.txt`, …) and any other file are
/// tolerated and ignored. UTF-8 with or without BOM, CRLF or LF, quoted fields, and
/// times past 24:00 (`24:15:00`) are accepted. Rows that reference a missing trip,
/// stop or route are rejected, as are duplicate ids; every rejection is reported as
/// `gtfs.zip/stop_times.txt:12: reason` and the good rows are kept. A required file
/// that is missing is reported as `gtfs.zip/trips.txt: required file is missing`.
public struct GTFSReader: Sendable {
    public var limits: ZipLimits
    public var encoding: TextEncoding
    public var maxKeptErrors: Int

    public init(limits: ZipLimits = .default, encoding: TextEncoding = .automatic, maxKeptErrors: Int = 1000) {
        self.limits = limits
        self.encoding = encoding
        self.maxKeptErrors = maxKeptErrors
    }

    /// The files a feed must have.
    public static let requiredFiles = ["stops.txt", "routes.txt", "trips.txt", "stop_times.txt"]

    /// Reads the feed at `url` (a folder or a .zip file).
    ///
    /// - Returns: the feed and a report of accepted and rejected rows over all files.
    /// - Throws: ``InputError`` when `url` is neither a folder nor a readable zip archive.
    public func read(_ url: URL, onReject: @escaping (InputError) -> Void = { _ in }) throws(InputError) -> (
        feed: GTFSFeed, report: InputReport
    ) {
        let files = try GTFSFiles(url: url, limits: limits)
        var load = GTFSLoad(
            files: files, options: options, onReject: onReject,
            report: InputReport(file: files.name, maxKeptErrors: maxKeptErrors))
        for member in files.unsafeMembers {
            load.reject(InputError(file: files.name, reason: "\(member): member path escapes the archive; ignored"))
        }
        for file in Self.requiredFiles where !files.has(file) {
            load.reject(InputError(file: files.displayName(file), reason: "required file is missing"))
        }
        load.readStops()
        load.readRoutes()
        load.readTrips()
        load.readStopTimes()
        load.readShapes()
        load.readCalendar()
        load.readCalendarDates()
        return (load.feed, load.report)
    }

    private var options: CSVReader.Options {
        var options = CSVReader.Options(encoding: encoding)
        options.maxKeptErrors = maxKeptErrors
        return options
    }
}

/// The state of one feed being read: the feed so far and the rejections.
struct GTFSLoad {
    let files: GTFSFiles
    let options: CSVReader.Options
    let onReject: (InputError) -> Void
    var report: InputReport
    var feed = GTFSFeed()
    /// Tables whose header was read: rows of other tables are checked against them
    /// (a table that is missing or unreadable cannot be checked against).
    var readTables: Set<String> = []

    mutating func reject(_ error: InputError) {
        report.reject(error)
        onReject(error)
    }

    /// Reads one file if present: finds `required` columns (the file is rejected when
    /// any is missing), then calls `row` for every record; records whose `row` throws
    /// an ``InputError`` are rejected and reading goes on.
    mutating func table(
        _ fileName: String, required: [String],
        row: (borrowing CSVRow, [CSVColumn], CSVReader, inout GTFSLoad) throws -> Void
    ) {
        guard files.has(fileName) else { return }
        do {
            let reader = try files.reader(fileName, options: options)
            let columns = try reader.requireColumns(required)
            readTables.insert(fileName)
            let onReject = self.onReject
            let fileReport = try reader.forEachRow(onReject: onReject) { record in
                try row(record, columns, reader, &self)
            }
            report.acceptedCount += fileReport.acceptedCount
            report.rejectedCount += fileReport.rejectedCount
            report.errors.append(
                contentsOf: fileReport.errors.prefix(max(0, report.maxKeptErrors - report.errors.count)))
        } catch let error as InputError {
            reject(files.translated(error))
        } catch {
            reject(InputError(file: files.displayName(fileName), reason: "\(error)"))
        }
    }
}

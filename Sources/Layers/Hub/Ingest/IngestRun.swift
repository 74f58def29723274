import Foundation
import GeoCore

/// One source being ingested: where rows go and what is counted.
///
/// Created per source inside its transaction; the per-kind writers
/// (`IngestRun+Rivers.swift`, …) read the file and insert rows through `db`.
final class IngestRun {
    let file: SourceFile
    let project: Project
    let db: SQLiteDatabase
    private let progress: (IngestProgress) -> Void
    /// Rejected rows (counted, the first few kept in full).
    var report: InputReport
    /// Records stored.
    var rows = 0
    var filtered: [String: Int] = [:]
    var details: [String: Int] = [:]
    var minTime: Double?
    var maxTime: Double?

    init(file: SourceFile, project: Project, db: SQLiteDatabase, progress: @escaping (IngestProgress) -> Void) {
        self.file = file
        self.project = project
        self.db = db
        self.progress = progress
        report = InputReport(file: file.displayName, maxKeptErrors: project.ingest.maxRejectionsKept)
    }

    /// Counts and reports one rejected row (or file).
    func reject(_ error: InputError) {
        report.reject(error)
        progress(.rejected(file, error.description))
    }

    /// Counts one stored record, reporting progress every 50,000.
    func stored(_ count: Int = 1) {
        let before = rows
        rows += count
        if rows / 50_000 > before / 50_000 { progress(.rows(file, rows)) }
    }

    /// Widens the data's time span to include `seconds`.
    func noteTime(_ seconds: Double) {
        minTime = min(minTime ?? seconds, seconds)
        maxTime = max(maxTime ?? seconds, seconds)
    }

    /// CSV options for this source: its encoding, the project's zone for timestamps
    /// without an offset, and the number of rejections to keep.
    func csvOptions(sensitiveColumns: Set<String> = []) -> CSVReader.Options {
        .source(
            encoding: file.encoding, utcOffsetSeconds: project.defaultUTCOffsetSeconds,
            maxKeptErrors: project.ingest.maxRejectionsKept, sensitiveColumns: sensitiveColumns)
    }

    /// The settings that change how this source is read; a change re-ingests it.
    var settingsFingerprint: String {
        var parts = [
            "schema=\(HubSchema.version)", "encoding=\(file.encoding.rawValue)",
            "utcOffset=\(project.defaultUTCOffsetSeconds)", "maxKept=\(project.ingest.maxRejectionsKept)",
        ]
        switch file.kind {
        case .census: parts.append("year=\(file.year.map(String.init) ?? "-")")
        case .gtfs: parts.append("zip=\(project.ingest.zipLimits.maxMemberSize),\(project.ingest.zipLimits.maxRatio)")
        case .childGPS: parts.append(GPSAggregator.Configuration(project: project).fingerprint)
        default: break
        }
        return parts.joined(separator: ";")
    }

    /// Runs the reader of this source's kind, storing its rows.
    func ingest() throws {
        switch file.kind {
        case .riverSensors: try ingestRiverSensors()
        case .riverLevels: try ingestRiverLevels()
        case .rainfall: try ingestRainfall()
        case .wildlifeCameras: try ingestWildlifeCameras()
        case .wildlifeDetections: try ingestWildlifeDetections()
        case .busBoardings: try ingestBoardings()
        case .census: try ingestCensus()
        case .gtfs: try ingestGTFS()
        case .childGPS: try ingestChildGPS()
        case .boundary, .roads, .rivers, .schools: try ingestBasemap()
        }
    }
}

import Foundation
import GeoCore

extension Hub {
    /// Reads every source the project names into `PROJECT/hub.sqlite`.
    ///
    /// - One transaction per source: a source's old rows are deleted and its new rows
    ///   inserted atomically, so a crash (even `kill -9`) mid-ingest leaves the
    ///   previous hub intact, and readers never see half a source.
    /// - Unchanged sources (same size, modification time or checksum, same settings)
    ///   are skipped unless `options.force`.
    /// - Sources the project no longer names, or whose files are missing, are removed
    ///   from the hub, so their layers are left out.
    /// - Bad rows are rejected one by one (`file:line: reason`) and the good rows kept;
    ///   a file that cannot be read at all fails alone and the hub keeps its previous
    ///   data for it. Under `strict`, a source with any rejection is rolled back and the
    ///   ingest throws ``HubError/rejected(_:)`` after trying every source.
    ///
    /// - Parameters:
    ///   - progress: called on the calling thread as sources start, advance and finish.
    /// - Returns: one ``SourceReport`` per source.
    /// - Throws: ``HubError``.
    @discardableResult
    public static func ingest(
        project: Project, options: IngestOptions = IngestOptions(),
        progress: @escaping (IngestProgress) -> Void = { _ in }
    ) throws(HubError) -> IngestReport {
        let strict = options.strict ?? project.ingest.strict
        let db: SQLiteDatabase
        do {
            db = try HubSchema.open(path: project.hubURL.path)
        } catch {
            throw HubError.database("cannot open \(project.hubURL.path): \(error)")
        }
        var reports: [SourceReport] = []
        do {
            let stored = try Provenance.fingerprints(in: db)
            for file in project.sources.files where options.only?.contains(file.kind) ?? true {
                let report = try ingest(
                    file, project: project, db: db, stored: stored[file.id], strict: strict,
                    force: options.force, progress: progress)
                reports.append(report)
                progress(.finished(report))
            }
            let named = Set(project.sources.files.map(\.id))
            for (id, kind, path) in try Provenance.sources(in: db)
            where !named.contains(id) && (options.only?.contains(kind) ?? true) {
                try db.transaction { try Provenance.remove(id: id, kind: kind, from: db) }
                let report = SourceReport(id: id, kind: kind, path: path, status: .removed)
                reports.append(report)
                progress(.finished(report))
            }
            try db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        } catch let error as HubError {
            throw error
        } catch {
            throw HubError.database("\(error)")
        }
        let report = IngestReport(hub: project.hubURL, sources: reports)
        if strict && report.hasRejections { throw HubError.rejected(report) }
        return report
    }

    /// Ingests one source (or skips or removes it) and reports what happened.
    private static func ingest(
        _ file: SourceFile, project: Project, db: SQLiteDatabase,
        stored: SourceFingerprint?, strict: Bool, force: Bool,
        progress: @escaping (IngestProgress) -> Void
    ) throws -> SourceReport {
        var report = SourceReport(id: file.id, kind: file.kind, path: file.path, status: .ingested)
        guard file.exists else {
            if stored != nil { try db.transaction { try Provenance.remove(id: file.id, kind: file.kind, from: db) } }
            report.status = .missing
            return report
        }
        let started = Date()
        let probe = IngestRun(file: file, project: project, db: db, progress: progress)
        var fingerprint = try SourceFingerprint.stat(file.url, settings: probe.settingsFingerprint)
        if !force, let stored, stored.settings == fingerprint.settings, stored.size == fingerprint.size {
            if stored.modified == fingerprint.modified {
                report.status = .unchanged
                return report
            }
            fingerprint = try fingerprint.withChecksum(of: file.url)
            if fingerprint.crc32 == stored.crc32 {
                try Provenance.touch(id: file.id, modified: fingerprint.modified, in: db)
                report.status = .unchanged
                return report
            }
        }
        if fingerprint.crc32 == nil { fingerprint = try fingerprint.withChecksum(of: file.url) }
        progress(.started(file))
        let run = IngestRun(file: file, project: project, db: db, progress: progress)
        do {
            try db.transaction {
                try HubSchema.clear(file.kind, id: file.id, in: db)
                try run.ingest()
                if strict && run.report.rejectedCount > 0 { throw StrictRollback() }
                try Provenance.record(run, fingerprint: fingerprint, started: started, in: db)
            }
        } catch let error as InputError {
            run.reject(error)
            report.status = .failed
        } catch is StrictRollback {
            report.status = .rejected
        }
        report.rows = run.rows
        report.rejected = run.report.rejectedCount
        report.rejections = run.report.errors
        report.filtered = run.filtered
        report.details = run.details
        if let low = run.minTime, let high = run.maxTime {
            report.timeRange = Date(timeIntervalSince1970: low)...Date(timeIntervalSince1970: high)
        }
        report.duration = Date().timeIntervalSince(started)
        return report
    }

    /// Thrown inside a source's transaction to roll it back under `strict`.
    private struct StrictRollback: Error {}
}

import Foundation
import GeoCore

/// Reads and writes the `provenance` and `rejections` tables: per source, the file,
/// its size, modification time and CRC-32, the settings it was read with, counts,
/// the time span of its data, and when and how long it was ingested.
enum Provenance {
    /// The stored fingerprint of every source, by id.
    static func fingerprints(in db: SQLiteDatabase) throws -> [String: SourceFingerprint] {
        var result: [String: SourceFingerprint] = [:]
        for row in try db.rows("SELECT source, size, modified, crc32, settings FROM provenance") {
            guard let id = row[0].string else { continue }
            result[id] = SourceFingerprint(
                size: row[1].int ?? -1, modified: row[2].double ?? -1,
                crc32: row[3].int64.map { UInt32(truncatingIfNeeded: $0) },
                settings: row[4].string ?? "")
        }
        return result
    }

    /// Every stored source: id, kind, path.
    static func sources(in db: SQLiteDatabase) throws -> [(String, SourceKind, String)] {
        try db.rows("SELECT source, kind, path FROM provenance ORDER BY source").compactMap { row in
            guard let id = row[0].string, let kind = row[1].string.flatMap(SourceKind.init(rawValue:)) else {
                return nil
            }
            return (id, kind, row[2].string ?? "")
        }
    }

    /// Records a finished ingest of `run`'s source (inside its transaction).
    static func record(_ run: IngestRun, fingerprint: SourceFingerprint, started: Date, in db: SQLiteDatabase) throws {
        let filtered = JSONValue.object(run.filtered.mapValues { .int($0) }).jsonText()
        let details = JSONValue.object(run.details.mapValues { .int($0) }).jsonText()
        try db.run(
            """
            INSERT OR REPLACE INTO provenance (source, kind, path, size, modified, crc32, settings, rows, rejected, filtered,
                details, first_time, last_time, ingested_at, duration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, run.file.id, run.file.kind.rawValue, run.file.path, fingerprint.size, fingerprint.modified,
            Int64(fingerprint.crc32 ?? 0), fingerprint.settings, run.rows, run.report.rejectedCount, filtered, details,
            run.minTime, run.maxTime, Date().timeIntervalSince1970, Date().timeIntervalSince(started))
        try db.run("DELETE FROM rejections WHERE source = ?", run.file.id)
        let insert = try db.prepare("INSERT INTO rejections (source, file, line, message) VALUES (?, ?, ?, ?)")
        for error in run.report.errors { try insert.execute(run.file.id, error.file, error.line, error.description) }
    }

    /// Marks an unchanged source's new modification time, so the next run skips it
    /// without computing the checksum.
    static func touch(id: String, modified: Double, in db: SQLiteDatabase) throws {
        try db.run("UPDATE provenance SET modified = ? WHERE source = ?", modified, id)
    }

    /// Deletes a source's rows, provenance and rejections (inside a transaction).
    static func remove(id: String, kind: SourceKind, from db: SQLiteDatabase) throws {
        try HubSchema.clear(kind, id: id, in: db)
        try db.run("DELETE FROM provenance WHERE source = ?", id)
        try db.run("DELETE FROM rejections WHERE source = ?", id)
    }
}

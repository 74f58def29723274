import Foundation
import GeoCore

/// Typed, read-only access to a project's hub: what the layer builders read.
///
/// Opened with ``Hub/catalogue(for:)`` after an ingest. Every read is one SQL query
/// returning plain `Sendable` values (lon/lat degrees, `Date`s, typed enums such as
/// ``Species`` and ``RiderType``). A catalogue holds one SQLite connection and belongs
/// to one thread at a time; open one per thread to read in parallel (WAL lets readers
/// run during an ingest).
public final class Catalogue {
    /// The hub file.
    public let url: URL
    let db: SQLiteDatabase

    /// Opens the hub at `url` read-only.
    ///
    /// - Throws: ``HubError/noHub(_:)`` when there is no hub yet, ``HubError/database(_:)``
    ///   when it cannot be opened or was written by another schema version.
    public init(url: URL) throws(HubError) {
        self.url = url
        guard FileManager.default.fileExists(atPath: url.path) else { throw HubError.noHub(url) }
        do {
            db = try SQLiteDatabase(path: url.path, mode: .readOnly)
            let version = try db.scalar("SELECT value FROM hub_meta WHERE key = 'schema_version'")?.string
            guard version == String(HubSchema.version) else {
                throw HubError.database(
                    "\(url.path) has schema version \(version ?? "none"), expected "
                        + "\(HubSchema.version); run `geohub build` again")
            }
        } catch let error as HubError {
            throw error
        } catch {
            throw HubError.database("cannot open \(url.path): \(error)")
        }
    }

    /// Runs `body`, turning SQLite errors into ``HubError/database(_:)``.
    func query<T>(_ body: () throws -> T) throws(HubError) -> T {
        do {
            return try body()
        } catch let error as HubError {
            throw error
        } catch {
            throw HubError.database("\(error)")
        }
    }

    /// Every source in the hub, in id order.
    public func provenance() throws(HubError) -> [SourceProvenance] {
        try query {
            try db.rows(
                """
                SELECT source, kind, path, size, modified, crc32, rows, rejected, filtered, details, first_time, last_time,
                    ingested_at, duration FROM provenance ORDER BY source
                """
            ).compactMap { r -> SourceProvenance? in
                guard let id = r[0].string, let kind = r[1].string.flatMap(SourceKind.init(rawValue:)) else {
                    return nil
                }
                var range: ClosedRange<Date>?
                if let low = r[10].double, let high = r[11].double {
                    range = Date(timeIntervalSince1970: low)...Date(timeIntervalSince1970: high)
                }
                return SourceProvenance(
                    id: id, kind: kind, path: r[2].string ?? "", size: r[3].int ?? 0,
                    modified: Date(timeIntervalSince1970: r[4].double ?? 0),
                    crc32: UInt32(truncatingIfNeeded: r[5].int64 ?? 0), rows: r[6].int ?? 0, rejected: r[7].int ?? 0,
                    filtered: Self.counts(r[8].string), details: Self.counts(r[9].string), timeRange: range,
                    ingestedAt: Date(timeIntervalSince1970: r[12].double ?? 0), duration: r[13].double ?? 0)
            }
        }
    }

    /// Whether the hub holds data of `kind` (a missing source leaves its layer out).
    public func has(_ kind: SourceKind) throws(HubError) -> Bool {
        try query { try db.scalar("SELECT count(*) FROM provenance WHERE kind = ?", kind.rawValue)?.int ?? 0 > 0 }
    }

    /// The newest timestamp in the data of `kinds` (all time-series sources when nil):
    /// what time windows and recency are measured from when the project sets no `asOf`.
    public func newestTimestamp(of kinds: Set<SourceKind>? = nil) throws(HubError) -> Date? {
        try query {
            let rows = try db.rows("SELECT kind, last_time FROM provenance WHERE last_time IS NOT NULL")
            let times = rows.compactMap { row -> Double? in
                guard let kind = row[0].string.flatMap(SourceKind.init(rawValue:)), kinds?.contains(kind) ?? true else {
                    return nil
                }
                return row[1].double
            }
            return times.max().map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// The "now" that time windows and recency are measured from: the project's `asOf`
    /// when it sets one, else the newest timestamp in the data of `kinds`.
    public func referenceTime(for project: Project, kinds: Set<SourceKind>? = nil) throws(HubError) -> Date? {
        if let asOf = project.asOf { return asOf }
        return try newestTimestamp(of: kinds)
    }

    /// The kept rejections of a source, `file:line: reason`, in file order.
    public func rejections(of sourceID: String) throws(HubError) -> [String] {
        try query {
            try db.rows("SELECT message FROM rejections WHERE source = ? ORDER BY rowid", sourceID).compactMap {
                $0[0].string
            }
        }
    }

    static func counts(_ json: String?) -> [String: Int] {
        guard let json, let value = try? JSONValue(parsing: json), let object = value.objectValue else { return [:] }
        return object.compactMapValues(\.intValue)
    }
}

import Foundation
import GeoCore

/// What happened to one source in an ingest.
public struct SourceReport: Sendable, Hashable, CustomStringConvertible {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Read and stored (replacing what the hub held before).
        case ingested
        /// Unchanged since the last ingest (same size, time and checksum, same settings): skipped.
        case unchanged
        /// Named by the project but not on disk: its data was removed and its layer is left out.
        case missing
        /// No longer named by the project: its data was removed.
        case removed
        /// The file could not be read at all (no header, a required column missing, not
        /// a zip, …): the hub keeps the previous data, if any.
        case failed
        /// Rows were rejected under `strict`: the source was rolled back.
        case rejected
    }

    /// The source's key in the hub (`riverLevels`, `census:data/census_mesh.csv`).
    public var id: String
    public var kind: SourceKind
    /// The path as the project names it.
    public var path: String
    public var status: Status
    /// Records stored (for children's GPS: pings kept after cleaning, which are
    /// aggregated, not stored).
    public var rows: Int = 0
    /// Rows rejected as malformed (every one also in ``rejections`` up to the limit).
    public var rejected: Int = 0
    /// Rows dropped on purpose, by reason (children's GPS: `accuracy`, `speed`,
    /// `outsideArea`): these are cleaning, not errors.
    public var filtered: [String: Int] = [:]
    /// Counts worth showing, by name (GTFS: `stops`, `routes`, `trips`, …; GPS: `cells`, `devices`).
    public var details: [String: Int] = [:]
    /// The first rejections in full, `file:line: reason`.
    public var rejections: [InputError] = []
    /// The time span of the data (epoch seconds), for time-series sources.
    public var timeRange: ClosedRange<Date>?
    /// Wall-clock seconds spent.
    public var duration: TimeInterval = 0

    public init(id: String, kind: SourceKind, path: String, status: Status) {
        self.id = id
        self.kind = kind
        self.path = path
        self.status = status
    }

    /// One line for the build summary: `riverLevels data/river_levels.csv: 14,400 rows, 2 rejected`.
    public var description: String {
        var text = "\(kind.rawValue) \(path)"
        switch status {
        case .ingested, .rejected:
            text += ": \(rows) rows"
            if rejected > 0 { text += ", \(rejected) rejected" }
            let dropped = filtered.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            if !dropped.isEmpty {
                text += ", filtered " + dropped.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }
            if status == .rejected { text += " (rolled back: --strict)" }
        case .unchanged: text += ": unchanged"
        case .missing: text += ": missing (layer left out)"
        case .removed: text += ": removed from the project"
        case .failed: text += ": failed, " + (rejections.first.map { "\($0)" } ?? "unreadable")
        }
        return text
    }
}

/// The result of an ingest: one report per source.
public struct IngestReport: Sendable, Hashable {
    /// The hub written, `PROJECT/hub.sqlite`.
    public var hub: URL
    public var sources: [SourceReport]

    public init(hub: URL, sources: [SourceReport]) {
        self.hub = hub
        self.sources = sources
    }

    /// Rows rejected over all sources (failed files count as one each).
    public var rejectedCount: Int { sources.reduce(0) { $0 + $1.rejected } }

    /// Whether anything was rejected or failed (what `--strict` turns into exit 3).
    public var hasRejections: Bool {
        sources.contains { $0.rejected > 0 || $0.status == .failed || $0.status == .rejected }
    }

    /// The report of one source, by id.
    public func source(_ id: String) -> SourceReport? { sources.first { $0.id == id } }

    /// Every kept rejection, `file:line: reason`, in source order.
    public var rejections: [InputError] { sources.flatMap(\.rejections) }

    /// The build summary: one line per source, then the totals.
    public var summaryLines: [String] {
        let ingested = sources.filter { $0.status == .ingested }.count
        let unchanged = sources.filter { $0.status == .unchanged }.count
        var total = "\(sources.count) sources: \(ingested) ingested, \(unchanged) unchanged"
        let missing = sources.filter { $0.status == .missing }.count
        if missing > 0 { total += ", \(missing) missing" }
        let failed = sources.filter { $0.status == .failed || $0.status == .rejected }.count
        if failed > 0 { total += ", \(failed) failed" }
        total += "; \(rejectedCount) rows rejected"
        return sources.map(\.description) + [total]
    }
}

/// Why an ingest could not complete.
public enum HubError: Error, Sendable, CustomStringConvertible {
    /// `strict` was on and rows were rejected; the report says which (CLI exit 3).
    case rejected(IngestReport)
    /// The hub database could not be opened or written.
    case database(String)
    /// The hub does not exist yet (run `geohub build`).
    case noHub(URL)
    /// The project's CRS or area cannot be used for projecting data.
    case projection(String)

    public var description: String {
        switch self {
        case .rejected(let report):
            let first = report.rejections.first.map { ": first \($0)" } ?? ""
            return "\(report.rejectedCount) input rows rejected under --strict\(first)"
        case .database(let message): return "hub database: \(message)"
        case .noHub(let url): return "\(url.path) does not exist; run `geohub build` first"
        case .projection(let message): return "projection: \(message)"
        }
    }
}

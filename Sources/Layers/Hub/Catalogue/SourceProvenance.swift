import Foundation

/// Where one source in the hub came from and what its ingest found.
public struct SourceProvenance: Sendable, Hashable {
    /// The source's key (`riverLevels`, `census:data/census_mesh.csv`).
    public var id: String
    public var kind: SourceKind
    /// The path as the project names it.
    public var path: String
    /// Bytes (summed over a GTFS folder's files).
    public var size: Int
    /// The file's modification time when ingested.
    public var modified: Date
    /// CRC-32 of the content (combined over a folder's files).
    public var crc32: UInt32
    /// Records stored (children's GPS: pings kept and aggregated).
    public var rows: Int
    /// Rows rejected.
    public var rejected: Int
    /// Rows dropped by cleaning, by reason.
    public var filtered: [String: Int]
    /// Kind-specific counts (GTFS tables, species, census years, GPS cells and devices).
    public var details: [String: Int]
    /// The span of the data's timestamps, for time-series sources.
    public var timeRange: ClosedRange<Date>?
    /// When the ingest finished.
    public var ingestedAt: Date
    /// Seconds the ingest took.
    public var duration: TimeInterval
}

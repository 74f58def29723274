import GeoCore

/// The project file's `ingest` object: how sources are read into the hub.
public struct IngestSettings: Sendable, Hashable {
    /// Treat any rejected row as an error (default false; `--strict` turns it on).
    public var strict: Bool
    /// Rejected rows kept in full per source, for the report and `inspect` (default 1000;
    /// every rejection is counted).
    public var maxRejectionsKept: Int
    /// Zip-bomb guards for GTFS zips (defaults: 1024 MiB per member, ratio 250:1).
    public var zipLimits: ZipLimits

    public init(strict: Bool = false, maxRejectionsKept: Int = 1000, zipLimits: ZipLimits = .default) {
        self.strict = strict
        self.maxRejectionsKept = maxRejectionsKept
        self.zipLimits = zipLimits
    }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        strict = try object.bool("strict", default: strict)
        maxRejectionsKept = try object.integer(
            "maxRejectionsKept", default: maxRejectionsKept, in: 0...1_000_000,
            expectation: "a whole number from 0 to 1000000")
        let megabytes = try object.integer(
            "maxZipMemberMB", default: zipLimits.maxMemberSize >> 20, in: 1...65_536,
            expectation: "a number of MiB from 1 to 65536")
        zipLimits.maxMemberSize = megabytes << 20
        zipLimits.maxTotalSize = max(zipLimits.maxTotalSize, zipLimits.maxMemberSize)
        zipLimits.maxRatio = try object.integer(
            "maxZipRatio", default: zipLimits.maxRatio, in: 2...100_000,
            expectation: "a compression ratio from 2 to 100000")
        try object.finish()
    }
}

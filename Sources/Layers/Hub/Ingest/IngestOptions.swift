/// How ``Hub/ingest(project:options:progress:)`` runs.
public struct IngestOptions: Sendable, Hashable {
    /// Any rejected row makes its source fail: the source is rolled back (the hub keeps
    /// its previous contents) and the ingest throws ``HubError/rejected(_:)`` at the end.
    /// Nil follows the project file's `ingest.strict` (default false). The CLI's
    /// `--strict` sets true and maps the error to exit status 3.
    public var strict: Bool?
    /// Re-ingest every source even when it is unchanged.
    public var force: Bool
    /// Only these kinds are ingested (the others are left as they are); nil means all.
    public var only: Set<SourceKind>?

    public init(strict: Bool? = nil, force: Bool = false, only: Set<SourceKind>? = nil) {
        self.strict = strict
        self.force = force
        self.only = only
    }
}

/// What an ingest reports while it runs, for a progress display. Messages carry
/// counts and file names only, never row contents.
public enum IngestProgress: Sendable {
    /// A source is being read.
    case started(SourceFile)
    /// `rows` rows of the source have been read so far (sent every 50,000 rows).
    case rows(SourceFile, Int)
    /// A row was rejected (`file:line: reason`).
    case rejected(SourceFile, InputErrorText)
    /// A source is done (ingested, skipped, missing, failed, …).
    case finished(SourceReport)
}

/// The text of a rejection, `file:line: reason` (a value type for progress events).
public typealias InputErrorText = String

/// What happened while reading one input file: rows accepted, rows rejected, and
/// the first rejections in full.
///
/// Memory stays bounded on huge files: only the first ``maxKeptErrors`` errors are
/// kept, but every rejection is counted.
public struct InputReport: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// Records handed to the caller that it accepted.
    public var acceptedCount: Int = 0
    /// Records rejected, by the reader (structure) or by the caller (values).
    public var rejectedCount: Int = 0
    /// The first ``maxKeptErrors`` rejections, in file order.
    public var errors: [InputError] = []
    /// How many errors to keep in ``errors``.
    public var maxKeptErrors: Int

    public init(file: String, maxKeptErrors: Int = 1000) {
        self.file = file
        self.maxKeptErrors = maxKeptErrors
    }

    /// Counts one accepted record.
    public mutating func accept() { acceptedCount += 1 }

    /// Counts one rejected record and keeps its error while there is room.
    public mutating func reject(_ error: InputError) {
        rejectedCount += 1
        if errors.count < maxKeptErrors { errors.append(error) }
    }

    /// Adds another report's counts and kept errors to this one.
    public mutating func merge(_ other: InputReport) {
        acceptedCount += other.acceptedCount
        rejectedCount += other.rejectedCount
        errors.append(contentsOf: other.errors.prefix(max(0, maxKeptErrors - errors.count)))
    }

    /// `file: N accepted, M rejected`.
    public var description: String { "\(file): \(acceptedCount) accepted, \(rejectedCount) rejected" }
}

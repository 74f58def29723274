/// Why a zip archive or one of its members could not be read.
///
/// The description names the archive and, when the problem is one member, the member:
/// `gtfs.zip: stop_times.txt: compression ratio 1030:1 exceeds the limit of 250:1`.
public struct ZipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The archive's file name (last path component), for messages.
    public let archive: String
    /// The member concerned, or nil when the archive as a whole is unreadable.
    public let member: String?
    /// What was wrong and, where useful, what to do.
    public let reason: String

    public init(archive: String, member: String? = nil, reason: String) {
        self.archive = archive
        self.member = member
        self.reason = reason
    }

    public var description: String {
        if let member { return "\(archive): \(member): \(reason)" }
        return "\(archive): \(reason)"
    }
}

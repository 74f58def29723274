/// Guards against zip bombs: members that inflate to far more than they occupy.
///
/// Limits are checked twice: against the sizes the central directory declares, before
/// any inflation, and against the bytes actually produced while inflating (a forged
/// header cannot get past the second check). The ratio limit applies only once a
/// member has produced more than `ratioFloor` bytes, so tiny, highly compressible
/// files (a one-line `calendar.txt`) are never refused.
public struct ZipLimits: Sendable, Hashable {
    /// Largest uncompressed size of one member, in bytes (default 1 GiB).
    public var maxMemberSize: Int
    /// Largest uncompressed size of all members read through one archive (default 4 GiB).
    public var maxTotalSize: Int
    /// Largest ratio of uncompressed to compressed size (default 250).
    public var maxRatio: Int
    /// Uncompressed size below which the ratio is not checked (default 1 MiB).
    public var ratioFloor: Int

    public init(
        maxMemberSize: Int = 1 << 30, maxTotalSize: Int = 4 << 30, maxRatio: Int = 250,
        ratioFloor: Int = 1 << 20
    ) {
        self.maxMemberSize = maxMemberSize
        self.maxTotalSize = maxTotalSize
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
    }

    public static let `default` = ZipLimits()
}

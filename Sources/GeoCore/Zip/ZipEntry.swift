/// One member of a zip archive, as its central directory describes it.
public struct ZipEntry: Sendable, Hashable {
    /// How a member's bytes are stored.
    public enum Method: Sendable, Hashable {
        case stored
        case deflated
        /// Any other method (bzip2, LZMA, …), which geohub does not read.
        case unsupported(UInt16)
    }

    /// The member's path inside the archive, with `/` separators (UTF-8, or CP437
    /// decoded as Latin-1 when the archive does not flag UTF-8).
    public let name: String
    public let method: Method
    /// Size in the archive, in bytes.
    public let compressedSize: Int
    /// Size once inflated, as declared (checked again while inflating).
    public let uncompressedSize: Int
    /// CRC-32 of the uncompressed bytes, as declared (checked after inflating).
    public let crc32: UInt32
    /// Whether the member is encrypted (geohub refuses those).
    public let isEncrypted: Bool
    /// Offset of the member's local header from the start of the archive.
    let localHeaderOffset: Int

    /// Whether the entry is a folder rather than a file.
    public var isDirectory: Bool { name.hasSuffix("/") }

    /// Whether the path stays inside the archive's root: not absolute, no drive
    /// letter, no `..` component. Members that would escape are never read.
    public var hasSafePath: Bool {
        let normalized = name.replacingOccurrences(of: "\\", with: "/")
        if normalized.isEmpty || normalized.hasPrefix("/") { return false }
        if normalized.count >= 2, normalized.dropFirst().first == ":" { return false }
        if normalized.unicodeScalars.contains(where: { $0.value == 0 }) { return false }
        return !normalized.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The last path component (`feed/stops.txt` → `stops.txt`).
    public var fileName: String {
        String(name.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(name))
    }
}

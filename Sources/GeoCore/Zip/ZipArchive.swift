import Foundation

/// A zip archive read in place: the file is memory-mapped, its central directory
/// parsed once, and members inflated on demand through zlib.
///
/// geohub reads GTFS feeds and e-Stat downloads straight from their .zip files, so
/// the reader guards against hostile archives: members whose path would escape the
/// archive root are never read, encrypted or exotic methods are refused, and every
/// member is held to ``ZipLimits`` both by its declared sizes and by the bytes that
/// actually come out of the inflater (zip bombs stop at the limit, not at the end of
/// memory). Each member's CRC-32 is verified. Zip64 archives are read.
///
/// The archive keeps a running total of the bytes it has inflated, so one instance
/// belongs to one thread or task at a time.
public final class ZipArchive {
    /// The archive file.
    public let url: URL
    /// Every member, in central-directory order (folders included).
    public let entries: [ZipEntry]
    /// The limits every read is held to.
    public let limits: ZipLimits
    let data: Data
    /// Bytes inflated through this instance so far (checked against `maxTotalSize`).
    var totalRead = 0

    /// Opens and indexes an archive.
    ///
    /// - Throws: ``ZipError`` when the file cannot be read or is not a readable zip
    ///   archive (no end-of-central-directory record, multi-volume, truncated directory).
    public init(url: URL, limits: ZipLimits = .default) throws(ZipError) {
        self.url = url
        self.limits = limits
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ZipError(archive: url.lastPathComponent, reason: "cannot be read (\(error.localizedDescription))")
        }
        entries = try Self.readCentralDirectory(data, archive: url.lastPathComponent)
    }

    /// The archive's file name, for messages.
    public var archiveName: String { url.lastPathComponent }

    /// The file (not folder) members whose paths stay inside the archive.
    public var safeFileEntries: [ZipEntry] { entries.filter { !$0.isDirectory && $0.hasSafePath } }

    /// The member with exactly this path, if any.
    public func entry(named name: String) -> ZipEntry? {
        entries.first { $0.name == name }
    }

    /// Opens one member for reading in chunks (constant memory beyond its compressed size).
    ///
    /// - Throws: ``ZipError`` naming the member when its path escapes the archive, it is
    ///   encrypted or uses an unsupported method, or its declared sizes exceed a limit.
    public func open(_ entry: ZipEntry) throws(ZipError) -> ZipMemberReader {
        try checkReadable(entry)
        return try ZipMemberReader(archive: self, entry: entry, payload: try payload(of: entry))
    }

    /// Inflates one member completely.
    ///
    /// - Throws: ``ZipError`` as ``open(_:)``, or when the member exceeds a limit while
    ///   inflating, its data is corrupt or its CRC-32 does not match.
    public func read(_ entry: ZipEntry) throws(ZipError) -> Data {
        var output = Data()
        try read(entry) { chunk in output.append(contentsOf: chunk) }
        return output
    }

    /// Inflates one member, handing its bytes to `body` in chunks.
    public func read(_ entry: ZipEntry, chunks body: (UnsafeRawBufferPointer) throws(ZipError) -> Void) throws(ZipError)
    {
        let reader = try open(entry)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = try reader.read(into: buffer)
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}

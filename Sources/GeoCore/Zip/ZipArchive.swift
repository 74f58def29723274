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
    private(set) var totalRead = 0

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

    /// Inflates one member completely.
    ///
    /// - Throws: ``ZipError`` naming the member when its path escapes the archive, it is
    ///   encrypted or uses an unsupported method, it exceeds a limit, its data is
    ///   corrupt or its CRC-32 does not match.
    public func read(_ entry: ZipEntry) throws(ZipError) -> Data {
        var output = Data()
        output.reserveCapacity(min(entry.uncompressedSize, limits.maxMemberSize))
        do {
            try read(entry) { chunk in output.append(contentsOf: chunk) }
        } catch let error as ZipError {
            throw error
        } catch {
            throw ZipError(archive: archiveName, member: entry.name, reason: "\(error)")
        }
        return output
    }

    /// Inflates one member, handing its bytes to `body` in chunks (constant memory).
    ///
    /// - Throws: ``ZipError`` as ``read(_:)``, or whatever `body` throws.
    public func read(_ entry: ZipEntry, chunks body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try checkReadable(entry)
        var produced = 0
        var crc = CRC32()
        func accept(_ chunk: UnsafeRawBufferPointer) throws {
            produced += chunk.count
            try self.checkProduced(produced, of: entry)
            crc.update(chunk)
            try body(chunk)
        }
        try withPayload(of: entry) { payload in try decode(entry, payload, into: accept) }
        guard produced == entry.uncompressedSize else {
            throw ZipError(archive: archiveName, member: entry.name,
                           reason: "inflated to \(produced) bytes but the directory declares \(entry.uncompressedSize)")
        }
        guard crc.value == entry.crc32 else {
            throw ZipError(archive: archiveName, member: entry.name, reason: "CRC-32 mismatch: the member is corrupt")
        }
        totalRead += produced
    }

    /// Hands the member's uncompressed bytes to `accept`: copied when stored, inflated
    /// through zlib when deflated.
    private func decode(_ entry: ZipEntry, _ payload: UnsafeRawBufferPointer,
                        into accept: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch entry.method {
        case .stored:
            var offset = 0
            while offset < payload.count {
                let n = min(1 << 16, payload.count - offset)
                try accept(UnsafeRawBufferPointer(rebasing: payload[offset..<(offset + n)]))
                offset += n
            }
        case .deflated:
            do {
                try Inflater().inflate(payload, output: accept)
            } catch let failure as Inflater.Failure {
                throw ZipError(archive: archiveName, member: entry.name, reason: failure.reason)
            }
        case .unsupported(let method):
            throw ZipError(archive: archiveName, member: entry.name, reason: "unsupported compression method \(method)")
        }
    }
}

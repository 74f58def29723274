import Foundation

/// Reads one zip member's uncompressed bytes on demand, in constant memory.
///
/// Holds the member's compressed bytes (bounded by the archive's limits) and inflates
/// them as the caller asks, enforcing ``ZipLimits`` on the bytes actually produced and
/// verifying the size and CRC-32 when the end is reached. Made by
/// ``ZipArchive/open(_:)``; pass ``read(into:)`` to a streaming parser such as the
/// CSV reader.
public final class ZipMemberReader {
    public let entry: ZipEntry
    private let archive: ZipArchive
    private enum Decoder {
        case stored([UInt8], offset: Int)
        case deflated(Inflater)
    }
    private var decoder: Decoder
    private var produced = 0
    private var crc = CRC32()
    private var done = false

    init(archive: ZipArchive, entry: ZipEntry, payload: [UInt8]) throws(ZipError) {
        self.archive = archive
        self.entry = entry
        switch entry.method {
        case .stored:
            decoder = .stored(payload, offset: 0)
        case .deflated:
            do {
                decoder = .deflated(try Inflater(input: payload))
            } catch {
                throw ZipError(archive: archive.archiveName, member: entry.name, reason: error.reason)
            }
        case .unsupported(let method):
            throw ZipError(
                archive: archive.archiveName, member: entry.name,
                reason: "unsupported compression method \(method); geohub reads stored and deflated members")
        }
    }

    /// Fills `buffer` with the next bytes; returns how many, 0 at the end.
    ///
    /// - Throws: ``ZipError`` naming the member when a limit is crossed, the data is
    ///   corrupt, or the size or CRC-32 at the end does not match the directory.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
        guard !done, buffer.count > 0 else { return 0 }
        let count: Int
        switch decoder {
        case .stored(let bytes, let offset):
            count = min(buffer.count, bytes.count - offset)
            if count > 0 {
                bytes.withUnsafeBytes { source in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
                }
            }
            decoder = .stored(bytes, offset: offset + count)
        case .deflated(let inflater):
            do {
                count = try inflater.inflate(into: buffer)
            } catch {
                throw ZipError(archive: archive.archiveName, member: entry.name, reason: error.reason)
            }
        }
        if count == 0 {
            try finish()
            return 0
        }
        produced += count
        try archive.checkProduced(produced, of: entry)
        crc.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        return count
    }

    /// Checks the size and CRC-32 once the data has ended.
    private func finish() throws(ZipError) {
        done = true
        guard produced == entry.uncompressedSize else {
            throw ZipError(
                archive: archive.archiveName, member: entry.name,
                reason: "inflated to \(produced) bytes but the directory declares \(entry.uncompressedSize)")
        }
        guard crc.value == entry.crc32 else {
            throw ZipError(
                archive: archive.archiveName, member: entry.name, reason: "CRC-32 mismatch: the member is corrupt")
        }
        archive.totalRead += produced
    }
}

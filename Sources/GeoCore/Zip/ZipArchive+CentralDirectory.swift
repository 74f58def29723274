import Foundation

extension ZipArchive {
    /// Where the central directory is and how many entries it has.
    private struct Directory {
        var offset: Int
        var size: Int
        var count: Int
    }

    /// Parses the end-of-central-directory record (and its Zip64 variant) and every
    /// central-directory entry.
    static func readCentralDirectory(_ data: Data, archive: String) throws(ZipError) -> [ZipEntry] {
        let result: Result<[ZipEntry], ZipError> = data.withUnsafeBytes { raw in
            let reader = ByteReader(bytes: raw)
            do throws(ZipError) {
                let directory = try locateDirectory(reader, archive: archive)
                return .success(try readEntries(reader, directory, archive: archive))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Finds the end-of-central-directory record: 22 bytes plus a comment of up to
    /// 65,535 bytes at the end of the file, signature 0x06054b50.
    private static func locateDirectory(_ reader: ByteReader, archive: String) throws(ZipError) -> Directory {
        let size = reader.bytes.count
        var eocd: Int?
        var position = size - 22
        let lowest = max(0, size - 22 - 65_535)
        while position >= lowest {
            if reader.u32(position) == 0x0605_4b50 {
                eocd = position
                break
            }
            position -= 1
        }
        guard let eocd,
            let disk = reader.u16(eocd + 4), let directoryDisk = reader.u16(eocd + 6),
            let count16 = reader.u16(eocd + 10), let size32 = reader.u32(eocd + 12),
            let offset32 = reader.u32(eocd + 16)
        else { throw ZipError(archive: archive, reason: "not a zip archive (no end-of-central-directory record)") }
        var directory = Directory(offset: Int(offset32), size: Int(size32), count: Int(count16))
        if count16 == 0xFFFF || size32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
            directory = try zip64Directory(reader, eocd: eocd, archive: archive)
        } else if disk != 0 || directoryDisk != 0 {
            throw ZipError(archive: archive, reason: "multi-volume archives are not supported")
        }
        guard directory.offset >= 0, directory.size >= 0, directory.offset + directory.size <= size else {
            throw ZipError(archive: archive, reason: "the central directory lies outside the file (truncated archive?)")
        }
        return directory
    }

    /// Reads the Zip64 end-of-central-directory record through its locator, which sits
    /// just before the classic record (signature 0x07064b50, record 0x06064b50).
    private static func zip64Directory(_ reader: ByteReader, eocd: Int, archive: String) throws(ZipError) -> Directory {
        let locator = eocd - 20
        guard reader.u32(locator) == 0x0706_4b50, let recordOffset = reader.u64(locator + 8),
            let record = Int(exactly: recordOffset), reader.u32(record) == 0x0606_4b50,
            let count = reader.u64(record + 32), let size = reader.u64(record + 40),
            let offset = reader.u64(record + 48),
            let countInt = Int(exactly: count), let sizeInt = Int(exactly: size), let offsetInt = Int(exactly: offset)
        else { throw ZipError(archive: archive, reason: "damaged Zip64 end-of-central-directory record") }
        return Directory(offset: offsetInt, size: sizeInt, count: countInt)
    }

    /// Reads `directory.count` central-directory headers (signature 0x02014b50, 46
    /// fixed bytes, then name, extra field and comment).
    private static func readEntries(_ reader: ByteReader, _ directory: Directory, archive: String) throws(ZipError)
        -> [ZipEntry]
    {
        var entries: [ZipEntry] = []
        entries.reserveCapacity(min(directory.count, 65_536))
        var position = directory.offset
        for index in 0..<directory.count {
            guard reader.u32(position) == 0x0201_4b50,
                let flags = reader.u16(position + 8), let method = reader.u16(position + 10),
                let crc = reader.u32(position + 16), let compressed = reader.u32(position + 20),
                let uncompressed = reader.u32(position + 24), let nameLength = reader.u16(position + 28),
                let extraLength = reader.u16(position + 30), let commentLength = reader.u16(position + 32),
                let localOffset = reader.u32(position + 42),
                let nameBytes = reader.slice(position + 46, Int(nameLength)),
                let extra = reader.slice(position + 46 + Int(nameLength), Int(extraLength))
            else {
                throw ZipError(archive: archive, reason: "central directory entry \(index + 1) is damaged or truncated")
            }
            let name = decodeName(nameBytes, utf8: flags & 0x0800 != 0)
            var sizes = (
                uncompressed: UInt64(uncompressed), compressed: UInt64(compressed), offset: UInt64(localOffset)
            )
            applyZip64Extra(ByteReader(bytes: extra), to: &sizes)
            guard let compressedSize = Int(exactly: sizes.compressed),
                let uncompressedSize = Int(exactly: sizes.uncompressed),
                let offset = Int(exactly: sizes.offset)
            else { throw ZipError(archive: archive, member: name, reason: "sizes out of range") }
            let kind: ZipEntry.Method =
                switch method {
                case 0: .stored
                case 8: .deflated
                default: .unsupported(method)
                }
            entries.append(
                ZipEntry(
                    name: name, method: kind, compressedSize: compressedSize,
                    uncompressedSize: uncompressedSize, crc32: crc, isEncrypted: flags & 1 != 0,
                    localHeaderOffset: offset))
            position += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        return entries
    }

    /// Replaces 0xFFFFFFFF sizes and offsets with the 64-bit values of the Zip64 extra
    /// field (header id 0x0001), which lists only the fields that overflowed, in order.
    private static func applyZip64Extra(
        _ extra: ByteReader,
        to sizes: inout (uncompressed: UInt64, compressed: UInt64, offset: UInt64)
    ) {
        var position = 0
        while let id = extra.u16(position), let length = extra.u16(position + 2) {
            if id == 0x0001 {
                var field = position + 4
                let end = field + Int(length)
                func next() -> UInt64? {
                    guard field + 8 <= end, let value = extra.u64(field) else { return nil }
                    field += 8
                    return value
                }
                if sizes.uncompressed == 0xFFFF_FFFF, let v = next() { sizes.uncompressed = v }
                if sizes.compressed == 0xFFFF_FFFF, let v = next() { sizes.compressed = v }
                if sizes.offset == 0xFFFF_FFFF, let v = next() { sizes.offset = v }
                return
            }
            position += 4 + Int(length)
        }
    }

    /// Member names are UTF-8 when flag bit 11 says so; otherwise CP437, which for the
    /// ASCII names of GTFS and e-Stat files reads the same as Latin-1.
    private static func decodeName(_ bytes: UnsafeRawBufferPointer, utf8: Bool) -> String {
        if utf8 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let decoded = String(bytes: Array(bytes), encoding: .utf8) { return decoded }
        return String(bytes: Array(bytes), encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
    }
}

import Foundation

extension ZipArchive {
    /// Refuses a member before inflating it: unsafe path, encryption, or declared sizes
    /// beyond the limits.
    func checkReadable(_ entry: ZipEntry) throws(ZipError) {
        func refuse(_ reason: String) -> ZipError { ZipError(archive: archiveName, member: entry.name, reason: reason) }
        guard entry.hasSafePath else { throw refuse("member path escapes the archive; refusing to read it") }
        guard !entry.isEncrypted else { throw refuse("member is encrypted; geohub reads unencrypted archives only") }
        if entry.uncompressedSize > limits.maxMemberSize {
            throw refuse(
                "declares \(entry.uncompressedSize) bytes, over the limit of \(limits.maxMemberSize) bytes per member")
        }
        if totalRead + entry.uncompressedSize > limits.maxTotalSize {
            throw refuse("reading it would exceed the limit of \(limits.maxTotalSize) bytes per archive")
        }
        if entry.uncompressedSize > limits.ratioFloor,
            entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxRatio
        {
            throw refuse(ratioReason(entry.uncompressedSize, entry.compressedSize))
        }
    }

    /// Stops inflation as soon as the output outgrows what was declared or allowed:
    /// a forged directory entry cannot smuggle a bomb past ``checkReadable(_:)``.
    func checkProduced(_ produced: Int, of entry: ZipEntry) throws(ZipError) {
        func refuse(_ reason: String) -> ZipError { ZipError(archive: archiveName, member: entry.name, reason: reason) }
        if produced > entry.uncompressedSize {
            throw refuse(
                "inflates past its declared size of \(entry.uncompressedSize) bytes; the archive is corrupt or hostile")
        }
        if produced > limits.maxMemberSize {
            throw refuse("inflates past the limit of \(limits.maxMemberSize) bytes per member")
        }
        if totalRead + produced > limits.maxTotalSize {
            throw refuse("inflates past the limit of \(limits.maxTotalSize) bytes per archive")
        }
        if produced > limits.ratioFloor, produced / max(entry.compressedSize, 1) > limits.maxRatio {
            throw refuse(ratioReason(produced, entry.compressedSize))
        }
    }

    private func ratioReason(_ uncompressed: Int, _ compressed: Int) -> String {
        "compression ratio \(uncompressed / max(compressed, 1)):1 exceeds the limit of \(limits.maxRatio):1 (a zip bomb?)"
    }

    /// A copy of the member's compressed bytes, located through its local header.
    func payload(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        let bytes: [UInt8]? = data.withUnsafeBytes { base in
            let reader = ByteReader(bytes: base)
            let offset = entry.localHeaderOffset
            guard reader.u32(offset) == 0x0403_4b50,
                let nameLength = reader.u16(offset + 26), let extraLength = reader.u16(offset + 28),
                let payload = reader.slice(offset + 30 + Int(nameLength) + Int(extraLength), entry.compressedSize)
            else { return nil }
            return [UInt8](payload)
        }
        guard let bytes else {
            throw ZipError(
                archive: archiveName, member: entry.name, reason: "local header is missing or the member is truncated")
        }
        return bytes
    }
}

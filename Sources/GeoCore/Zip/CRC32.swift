import Foundation
internal import CZlib

/// A running CRC-32 (the zip and PNG checksum), computed by zlib.
///
/// Used to verify inflated zip members and, in the hub, to fingerprint source files
/// cheaply. The corresponding C function is `crc32` (returns the updated checksum;
/// it cannot fail).
public struct CRC32: Sendable, Hashable {
    /// The checksum of everything fed so far.
    public private(set) var value: UInt32 = 0

    public init() {}

    /// Feeds `bytes` into the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return }
        var remaining = bytes.count
        var crc = uLong(value)
        while remaining > 0 {
            let n = min(remaining, Int(Int32.max))
            crc = crc32(crc, base, uInt(n))
            base += n
            remaining -= n
        }
        value = UInt32(truncatingIfNeeded: crc)
    }

    /// Feeds `data` into the checksum.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The CRC-32 of `data`.
    public static func checksum(_ data: Data) -> UInt32 {
        var crc = CRC32()
        crc.update(data)
        return crc.value
    }

    /// The CRC-32 of a file's contents, read in 1 MiB blocks (constant memory).
    public static func checksum(ofFileAt url: URL) throws -> UInt32 {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var crc = CRC32()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            crc.update(block)
        }
        return crc.value
    }
}

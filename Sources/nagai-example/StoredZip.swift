import Foundation
import GeoCore

/// A ZIP archive (APPNOTE 6.3) whose members are stored uncompressed (method 0).
///
/// Stored members keep the generator free of deflate (only GeoCore's zip module may call zlib; the CRC
/// comes from its `CRC32`, which wraps zlib's `crc32`);
/// any reader, including Python's `zipfile` and geohub's inflating reader, opens them. Every
/// member carries one fixed modification time so the archive is byte-identical between runs.
struct StoredZip {
    private var body = Data()
    private var central = Data()
    private var count = 0
    /// 2022-09-01 00:00:00 in MS-DOS date/time form.
    private let dosDate: UInt16 = UInt16((2022 - 1980) << 9 | 9 << 5 | 1)
    private let dosTime: UInt16 = 0

    mutating func add(_ name: String, _ content: Data) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(content)  // zlib's crc32
        let offset = UInt32(body.count)
        var local = Data()
        local.append(le32: 0x0403_4B50)
        local.append(le16: 20)  // version needed: 2.0
        local.append(le16: 0x0800)  // UTF-8 names
        local.append(le16: 0)  // stored
        local.append(le16: dosTime)
        local.append(le16: dosDate)
        local.append(le32: crc)
        local.append(le32: UInt32(content.count))
        local.append(le32: UInt32(content.count))
        local.append(le16: UInt16(nameBytes.count))
        local.append(le16: 0)
        local.append(contentsOf: nameBytes)
        body.append(local)
        body.append(content)

        central.append(le32: 0x0201_4B50)
        central.append(le16: 0x031E)  // made by: Unix, 3.0
        central.append(le16: 20)
        central.append(le16: 0x0800)
        central.append(le16: 0)
        central.append(le16: dosTime)
        central.append(le16: dosDate)
        central.append(le32: crc)
        central.append(le32: UInt32(content.count))
        central.append(le32: UInt32(content.count))
        central.append(le16: UInt16(nameBytes.count))
        central.append(le16: 0)  // extra
        central.append(le16: 0)  // comment
        central.append(le16: 0)  // disk
        central.append(le16: 0)  // internal attributes
        central.append(le32: 0o100644 << 16)  // external: regular file, rw-r--r--
        central.append(le32: offset)
        central.append(contentsOf: nameBytes)
        count += 1
    }

    var data: Data {
        var out = body
        out.append(central)
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(count))
        out.append(le16: UInt16(count))
        out.append(le32: UInt32(central.count))
        out.append(le32: UInt32(body.count))
        out.append(le16: 0)
        return out
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

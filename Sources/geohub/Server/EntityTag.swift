import Foundation

/// Strong entity tags from content hashes, and `If-None-Match` matching.
///
/// The tag is a 128-bit hash of the exact bytes sent (an FNV-1a 64 lane and a
/// multiply–xorshift lane, both folded with the length), so identical bytes get the same
/// tag, across restarts and servers behind a CDN, and a rebuilt layer with new
/// bytes gets a new one.
enum EntityTag {
    /// `"3f2a…"` (quotes included, as sent in the `ETag` header).
    static func strong(for data: Data) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x84222325_cbf29ce4
        data.withUnsafeBytes { buffer in
            for byte in buffer {
                a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                b = (b &+ UInt64(byte) &+ 0x9E37_79B9_7F4A_7C15) &* 0xff51_afd7_ed55_8ccd
                b ^= b >> 29
            }
        }
        a ^= UInt64(data.count)
        b ^= UInt64(data.count) &* 0xc4ce_b9fe_1a85_ec53
        // Written in place: one allocation (a cache keeps a tag per entry), no temporaries.
        return String(unsafeUninitializedCapacity: 34) { text in
            text[0] = UInt8(ascii: "\"")
            for i in 0..<16 {
                text[1 + i] = hexDigit(a >> UInt64(60 - 4 * i))
                text[17 + i] = hexDigit(b >> UInt64(60 - 4 * i))
            }
            text[33] = UInt8(ascii: "\"")
            return 34
        }
    }

    /// Whether an `If-None-Match` header value matches `tag` (weak comparison, as
    /// RFC 9110 §13.1.2 asks: `W/` prefixes are ignored; `*` matches anything).
    static func matches(ifNoneMatch header: String, tag: String) -> Bool {
        let wanted = strip(tag)
        for candidate in header.split(separator: ",") {
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            if trimmed == "*" || strip(trimmed) == wanted { return true }
        }
        return false
    }

    private static func strip(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...]
    }

    /// The lowercase hex digit of `value`'s low four bits.
    private static func hexDigit(_ value: UInt64) -> UInt8 {
        let nibble = UInt8(truncatingIfNeeded: value & 0xF)
        return nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// Checks whether bytes are well-formed UTF-8 (RFC 3629: no overlongs, no
/// surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    enum Result: Equatable {
        case valid
        case invalid
        /// Valid up to a character cut off at the end; the associated value counts
        /// the complete non-ASCII characters seen before it.
        case incomplete(validMultibyte: Int)
    }

    static func check(_ bytes: UnsafeRawBufferPointer) -> Result {
        let p = bytes.bindMemory(to: UInt8.self)
        let n = p.count
        var i = 0
        var multibyte = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                hi = 0x9F
            case 0xF0:
                length = 4
                lo = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                hi = 0x8F
            default: return .invalid
            }
            for k in 1..<length {
                guard i + k < n else { return .incomplete(validMultibyte: multibyte) }
                let c = p[i + k]
                if k == 1 {
                    guard c >= lo, c <= hi else { return .invalid }
                } else {
                    guard c >= 0x80, c <= 0xBF else { return .invalid }
                }
            }
            multibyte += 1
            i += length
        }
        return .valid
    }
}

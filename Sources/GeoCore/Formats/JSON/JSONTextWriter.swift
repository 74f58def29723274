/// Appends JSON text to a byte buffer: the one place geohub spells JSON, shared by
/// ``JSONValue`` encoding and the GeoJSON writers.
///
/// Output is deterministic: object keys are sorted (by UTF-8 bytes), numbers have
/// one spelling. Integers print as integers; doubles print in the shortest text
/// that reads back to the same value, without an exponent from 1e-6 up to 1e21
/// (`0.1`, `12.0`, `0.000001`, `1e-07`, `1e+21`); NaN and infinities, which JSON cannot hold,
/// print as `null`. Strings escape `"`, `\` and control characters; other text is
/// written as UTF-8.
struct JSONTextWriter {
    var bytes: [UInt8] = []
    /// Spaces per indentation level, or nil for compact text.
    let indent: Int?

    init(indent: Int? = nil) { self.indent = indent }

    mutating func append(_ value: JSONValue, level: Int = 0) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let n): appendInt(n)
        case .double(let d): appendDouble(d)
        case .string(let s): appendString(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(level + 1)
                append(item, level: level + 1)
            }
            if !items.isEmpty { newline(level) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            appendObject(members, level: level)
        }
    }

    mutating func appendObject(_ members: [String: JSONValue], level: Int) {
        bytes.append(UInt8(ascii: "{"))
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, key) in keys.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(level + 1)
            appendString(key)
            bytes.append(UInt8(ascii: ":"))
            if indent != nil { bytes.append(0x20) }
            append(members[key] ?? .null, level: level + 1)
        }
        if !keys.isEmpty { newline(level) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func newline(_ level: Int) {
        guard let indent else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    mutating func appendInt(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        NumberText.appendInteger(n.magnitude.toUInt64, to: &bytes)
    }

    mutating func appendDouble(_ d: Double) {
        guard d.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        bytes.append(contentsOf: Self.shortestText(d).utf8)
    }

    /// The shortest round-trip text of a finite double, exponent only outside [1e-6, 1e21).
    static func shortestText(_ d: Double) -> String {
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is the shortest round-trip digits, e.g. "1.5e-07" or "123.25".
        let text = d.description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = mantissa.replacingOccurrences(of: ".", with: "")
        var pointPosition =
            (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
                ?? mantissa.count) + exponent
        while digits.count > 1, digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let sign = negative ? "-" : ""
        if pointPosition > -6 && pointPosition <= 21 {
            if pointPosition <= 0 { return sign + "0." + String(repeating: "0", count: -pointPosition) + digits }
            if pointPosition >= digits.count {
                return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let exponentValue = pointPosition - 1
        let head = digits.prefix(1)
        let tail = digits.dropFirst()
        return sign + head + (tail.isEmpty ? "" : "." + tail) + "e" + (exponentValue < 0 ? "-" : "+")
            + (abs(exponentValue) < 10 ? "0" : "") + String(abs(exponentValue))
    }

    mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension UInt {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}

import Foundation

/// Parses JSON text (RFC 8259) into a ``JSONValue``, with `file:line: reason`
/// errors that give the column too.
///
/// Integers that fit an `Int` (no fraction, no exponent) become `.int`, every other
/// number `.double` (correctly rounded). Duplicate object keys: the last wins. Nesting
/// is limited (``maxDepth``) so hostile input cannot overflow the stack; a UTF-8 BOM
/// is skipped; invalid UTF-8 in strings becomes U+FFFD.
struct JSONParser {
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var i = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    static func parse(_ data: UnsafeBufferPointer<UInt8>, file: String) throws(InputError) -> JSONValue {
        var parser = JSONParser(bytes: data, file: file)
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { parser.i = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.i == data.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    // MARK: - Errors

    /// An error at the current position: `file:line: reason (column c)`.
    private func error(_ reason: String) -> InputError {
        var line = 1
        var lineStart = 0
        var k = 0
        let end = min(i, bytes.count)
        while k < end {
            if bytes[k] == 0x0A {
                line += 1
                lineStart = k + 1
            }
            k += 1
        }
        let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self).count + 1
        let found = i < bytes.count ? describe(bytes[i]) : "the end of the text"
        return InputError(file: file, line: line, reason: "\(reason), found \(found) (column \(column))")
    }

    private func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D: "whitespace"
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    // MARK: - Values

    private mutating func skipWhitespace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    private mutating func parseValue() throws(InputError) -> JSONValue {
        guard i < bytes.count else { throw error("expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value")
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(InputError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count,
            UnsafeBufferPointer(rebasing: bytes[i..<(i + count)]).elementsEqual(
                UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw error("expected a value") }
        i += count
        return value
    }

    private mutating func enter() throws(InputError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws(InputError) -> JSONValue {
        try enter()
        i += 1
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw error("expected a member name in quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error("expected ':' after a member name")
            }
            i += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            guard i < bytes.count else { throw error("expected ',' or '}' in an object") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard bytes[i] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an object") }
            i += 1
            depth -= 1
            return .object(object)
        }
    }

    private mutating func parseArray() throws(InputError) -> JSONValue {
        try enter()
        i += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard i < bytes.count else { throw error("expected ',' or ']' in an array") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard bytes[i] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in an array") }
            i += 1
            depth -= 1
            return .array(array)
        }
    }

    private mutating func parseNumber() throws(InputError) -> JSONValue {
        let start = i
        var integral = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, bytes[i] &- 48 < 10 else { throw error("expected a digit") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, bytes[i] &- 48 < 10 { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < bytes.count, bytes[i] &- 48 < 10 else { throw error("expected a digit after the decimal point") }
            while i < bytes.count, bytes[i] &- 48 < 10 { i += 1 }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            integral = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, bytes[i] &- 48 < 10 else { throw error("expected a digit in the exponent") }
            while i < bytes.count, bytes[i] &- 48 < 10 { i += 1 }
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
        if integral, let value = DecimalParser.int(text) { return .int(value) }
        guard let value = DecimalParser.double(text), value.isFinite else {
            i = start
            throw error("a number too large for a double")
        }
        return .double(value)
    }

    private mutating func parseString() throws(InputError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if b == UInt8(ascii: "\\") { break }
            guard b >= 0x20 else { throw error("a control character inside a string (escape it)") }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard b >= 0x20 else { throw error("a control character inside a string (escape it)") }
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by \u and a low surrogate.
                    if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") {
                        i += 2
                        let low = try parseHex4()
                        scalar =
                            low >= 0xDC00 && low < 0xE000
                            ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: throw error("an unknown escape sequence")
            }
            i += 1
        }
        throw error("a string that never closes")
    }

    /// Reads the four hex digits after `\u` (with `i` on the `u`), leaving `i` on the last digit.
    private mutating func parseHex4() throws(InputError) -> UInt32 {
        guard i + 4 < bytes.count else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for k in 1...4 {
            let b = bytes[i + k]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - 55)
            default:
                i += k
                throw error("expected four hex digits after \\u")
            }
            value = value << 4 | digit
        }
        i += 4
        return value
    }
}

import Foundation

/// Decimal text for numbers in outputs: fixed maximum precision, no trailing zeros,
/// never exponent notation (`139.9`, `38.1071234`, `0`, `-0.0000001`).
///
/// The result always equals C's `printf("%.*f")` with trailing zeros (and a bare
/// point) removed. Most values take an integer fast path; values close to a
/// rounding tie, or too large for it, go through `snprintf`, which glibc rounds
/// exactly from the binary value.
public enum NumberText {
    private static let powers: [Double] = (0...15).map { n in (0..<n).reduce(1.0) { acc, _ in acc * 10 } }
    private static let integerPowers: [UInt64] = (0...15).map { n in (0..<n).reduce(UInt64(1)) { acc, _ in acc * 10 } }

    /// `value` with at most `maxFractionDigits` (0…15) decimals; nil when not finite.
    public static func decimal(_ value: Double, maxFractionDigits: Int = 7) -> String? {
        var bytes: [UInt8] = []
        guard append(value, maxFractionDigits: maxFractionDigits, to: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of ``decimal(_:maxFractionDigits:)`` to `bytes`; false (and
    /// nothing appended) when `value` is not finite.
    @discardableResult
    public static func append(_ value: Double, maxFractionDigits: Int = 7, to bytes: inout [UInt8]) -> Bool {
        guard value.isFinite else { return false }
        let digits = min(max(maxFractionDigits, 0), 15)
        let scaled = value * powers[digits]
        let magnitude = abs(scaled)
        if magnitude < 1e15 {
            let fraction = magnitude - magnitude.rounded(.down)
            let margin = max(1e-6, 4 * magnitude.ulp)
            if abs(fraction - 0.5) > margin {
                let rounded = UInt64(magnitude.rounded(.toNearestOrAwayFromZero))
                appendFixed(rounded, negative: value < 0, digits: digits, to: &bytes)
                return true
            }
        }
        appendViaPrintf(value, digits: digits, to: &bytes)
        return true
    }

    /// Writes `rounded / 10^digits` with trailing fractional zeros removed.
    private static func appendFixed(_ rounded: UInt64, negative: Bool, digits: Int, to bytes: inout [UInt8]) {
        let scale = integerPowers[digits]
        let integer = rounded / scale
        var fraction = rounded % scale
        if negative && rounded != 0 { bytes.append(UInt8(ascii: "-")) }
        appendInteger(integer, to: &bytes)
        guard fraction != 0 else { return }
        var width = digits
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        var text = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var position = width - 1
        while fraction > 0 {
            text[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
            position -= 1
        }
        bytes.append(contentsOf: text)
    }

    static func appendInteger(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes.append(contentsOf: digits.reversed())
    }

    /// The exact path: glibc's `snprintf("%.*f")`, then trailing zeros trimmed.
    private static func appendViaPrintf(_ value: Double, digits: Int, to bytes: inout [UInt8]) {
        var text = Array(String(format: "%.\(digits)f", value).utf8)
        if text.contains(UInt8(ascii: ".")) {
            while text.last == UInt8(ascii: "0") { text.removeLast() }
            if text.last == UInt8(ascii: ".") { text.removeLast() }
        }
        if text == Array("-0".utf8) { text = [UInt8(ascii: "0")] }
        bytes.append(contentsOf: text)
    }
}

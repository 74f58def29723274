/// Parses decimal numbers straight from UTF-8 bytes, without making a `String`.
///
/// CSV columns of coordinates and counts are parsed tens of millions of times per
/// load, so the common case (at most 19 significant digits, a power of ten within
/// ±22) takes Clinger's exact fast path: the mantissa and the power of ten are both
/// exactly representable, so one IEEE multiplication or division gives the correctly
/// rounded result. Anything else (long mantissas, big exponents) falls back to the
/// standard library's `Double(String)` (which wraps `strtod_l`), after this parser
/// has checked the syntax, so results always equal `strtod`'s.
enum DecimalParser {
    /// Exact powers of ten representable in a `Double` (10^0 … 10^22).
    private static let exactPowers: [Double] = (0...22).map { pow10Exact($0) }

    private static func pow10Exact(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<n { value *= 10 }
        return value
    }

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (also `.5` and `5.`); nil for
    /// anything else, including empty text, `nan`, `inf` and hexadecimal.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0  // significant digits accumulated (after leading zeros)
        var dropped = 0  // integer digits beyond 19 that did not fit (scale up)
        var digits = 0
        var fractionDigits = 0
        while i < n, p[i] &- 48 < 10 {
            let d = UInt64(p[i] &- 48)
            if significant < 19 {
                mantissa = mantissa &* 10 &+ d
                if mantissa != 0 { significant += 1 }
            } else {
                dropped += 1
            }
            digits += 1
            i += 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, p[i] &- 48 < 10 {
                let d = UInt64(p[i] &- 48)
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ d
                    if mantissa != 0 { significant += 1 }
                    fractionDigits += 1
                } else if d != 0 {
                    dropped = Int.min / 2  // inexact: force the slow path
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                negativeExponent = p[i] == UInt8(ascii: "-")
                i += 1
            }
            let start = i
            while i < n, p[i] &- 48 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] &- 48) }
                i += 1
            }
            guard i > start else { return nil }
            if negativeExponent { exponent = -exponent }
        }
        guard i == n else { return nil }
        let power = exponent - fractionDigits + max(dropped, 0)
        if dropped >= 0, mantissa <= 1 << 53, power >= -22, power <= 22 {
            let m = Double(mantissa)
            let value = power >= 0 ? m * exactPowers[power] : m / exactPowers[-power]
            return negative ? -value : value
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses `[+-]digits` into an `Int`; nil for anything else or on overflow.
    static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        var value = 0
        while i < n {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) =
                negative ? times10.subtractingReportingOverflow(Int(d)) : times10.addingReportingOverflow(Int(d))
            guard !o1, !o2 else { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// `bytes` without leading and trailing ASCII spaces and tabs.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let p = bytes.baseAddress else { return bytes }
        var lo = 0
        var hi = bytes.count
        while lo < hi, p[lo] == 0x20 || p[lo] == 0x09 { lo += 1 }
        while hi > lo, p[hi - 1] == 0x20 || p[hi - 1] == 0x09 { hi -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }
}

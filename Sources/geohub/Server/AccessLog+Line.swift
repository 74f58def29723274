import Foundation
import GeoCore

extension AccessLog {
    /// The log line of `entry`, ending in a newline: a JSON object with sorted keys,
    /// `{"bytes":1234,"duration_ms":0.820,"method":"GET","path":"/tiles/…","status":200,"time":"2026-…Z"}`
    /// (and `"error"` between `duration_ms` and `method` when there is a note).
    ///
    /// Written byte by byte because it runs once per request on the server's hot path:
    /// no dictionary, no formatter, no `String(format:)`. The time is UTC with
    /// milliseconds (ISO 8601, as `Date.ISO8601FormatStyle(includingFractionalSeconds:
    /// true)` writes it), the duration has three decimals, and text is escaped as
    /// ``JSONText/quote(_:to:)`` escapes it.
    static func line(for entry: Entry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + entry.path.utf8.count)
        append(#"{"bytes":"#, to: &out)
        appendInteger(entry.bytes, to: &out)
        append(#","duration_ms":"#, to: &out)
        appendMilliseconds(entry.durationMilliseconds, to: &out)
        if let note = entry.note {
            append(#","error":"#, to: &out)
            appendQuoted(note, limit: 512, to: &out)
        }
        append(#","method":"#, to: &out)
        appendQuoted(entry.method, limit: 16, to: &out)
        append(#","path":"#, to: &out)
        appendQuoted(entry.path, limit: 512, to: &out)
        append(#","status":"#, to: &out)
        appendInteger(entry.status, to: &out)
        append(#","time":""#, to: &out)
        appendTimestamp(entry.time, to: &out)
        append("\"}\n", to: &out)
        return out
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDigits(UInt(value.magnitude), minimumWidth: 1, to: &out)
        } else {
            appendDigits(UInt(value), minimumWidth: 1, to: &out)
        }
    }

    /// Decimal digits of `value`, zero-padded to `minimumWidth`.
    private static func appendDigits(_ value: UInt, minimumWidth: Int, to out: inout [UInt8]) {
        var divisor: UInt = 1
        var width = 1
        while value / divisor >= 10 {
            divisor *= 10
            width += 1
        }
        for _ in width..<max(width, minimumWidth) { out.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Milliseconds with three decimals (`0.820`), rounded to the microsecond; 0 for
    /// anything negative or not finite.
    static func appendMilliseconds(_ milliseconds: Double, to out: inout [UInt8]) {
        let micros = milliseconds.isFinite && milliseconds > 0 ? UInt(min((milliseconds * 1000).rounded(), 1e15)) : 0
        appendDigits(micros / 1000, minimumWidth: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(micros % 1000, minimumWidth: 3, to: &out)
    }

    /// `2026-11-25T20:08:39.288Z`: the UTC calendar date of `date` (the proleptic
    /// Gregorian civil-from-days conversion) with milliseconds, truncated.
    static func appendTimestamp(_ date: Date, to out: inout [UInt8]) {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, dayMilliseconds) = totalMilliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, milliseconds) =
            dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        // Days since 1970-01-01 to year, month, day (H. Hinnant's civil_from_days).
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        appendDigits(UInt(max(0, year)), minimumWidth: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt(month), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt(dayOfMonth), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        let seconds = milliseconds / 1000
        appendDigits(UInt(seconds / 3600), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt(seconds / 60 % 60), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt(seconds % 60), minimumWidth: 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(UInt(milliseconds % 1000), minimumWidth: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// `text` (at most `limit` characters) as a JSON string literal. Plain ASCII that
    /// needs no escape is copied as it is; anything else goes through ``JSONText``.
    static func appendQuoted(_ text: String, limit: Int, to out: inout [UInt8]) {
        let utf8 = text.utf8
        let plain =
            utf8.count <= limit
            && utf8.withContiguousStorageIfAvailable { bytes in
                bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            } == true
        if plain {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        out.append(contentsOf: JSONValue.string(String(text.prefix(limit))).jsonData())
    }
}

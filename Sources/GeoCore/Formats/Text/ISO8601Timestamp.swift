/// A fast ISO 8601 timestamp parser and formatter working in epoch seconds.
///
/// geohub's inputs carry times such as `2022-08-03T14:10:00`, `2022-08-03 14:10:00`,
/// `2022-08-03T05:10:00Z`, `2022-08-03T14:10:00+09:00` or `…14:10:00.250+0900`.
/// A time without an offset is local time at `defaultOffsetSeconds` (Asia/Tokyo,
/// +09:00, which has had no daylight saving since 1951). Parsing is plain integer
/// arithmetic on the bytes (no `DateFormatter`, no allocation), because GPS files
/// have tens of millions of rows.
public enum ISO8601Timestamp {
    /// Asia/Tokyo's offset from UTC, in seconds.
    public static let tokyoOffsetSeconds = 9 * 3600

    /// Epoch seconds of `text`, or nil when it is not an ISO 8601 date-time.
    ///
    /// Accepted: `YYYY-MM-DD`, then optionally `T` or one space and `hh:mm`, `:ss`,
    /// `.fraction` (or `,fraction`), then optionally `Z`, `±hh:mm`, `±hhmm` or `±hh`.
    /// A date alone means local midnight.
    public static func epochSeconds(_ text: String, defaultOffsetSeconds: Int = tokyoOffsetSeconds) -> Double? {
        var text = text
        return text.withUTF8 { epochSeconds(bytes: $0, defaultOffsetSeconds: defaultOffsetSeconds) }
    }

    /// The same as ``epochSeconds(_:defaultOffsetSeconds:)`` for UTF-8 bytes.
    static func epochSeconds(bytes: UnsafeBufferPointer<UInt8>, defaultOffsetSeconds: Int) -> Double? {
        let n = bytes.count
        guard n >= 10, let p = bytes.baseAddress else { return nil }
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= n else { return nil }
            var value = 0
            for k in at..<(at + count) {
                let d = p[k] &- 48
                guard d < 10 else { return nil }
                value = value * 10 + Int(d)
            }
            return value
        }
        guard let year = digits(0, 4), p[4] == UInt8(ascii: "-"), let month = digits(5, 2),
            p[7] == UInt8(ascii: "-"), let day = digits(8, 2)
        else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var i = 10
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        if i < n, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t") || p[i] == UInt8(ascii: " ") {
            guard let h = digits(i + 1, 2), i + 3 < n, p[i + 3] == UInt8(ascii: ":"), let m = digits(i + 4, 2) else {
                return nil
            }
            hour = h
            minute = m
            i += 6
            if i < n, p[i] == UInt8(ascii: ":") {
                guard let s = digits(i + 1, 2) else { return nil }
                second = s
                i += 3
                if i < n, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
                    i += 1
                    var numerator = 0
                    var denominator = 1
                    let start = i
                    while i < n, p[i] &- 48 < 10 {
                        if denominator < 1_000_000_000 {
                            numerator = numerator * 10 + Int(p[i] &- 48)
                            denominator *= 10
                        }
                        i += 1
                    }
                    guard i > start else { return nil }
                    fraction = Double(numerator) / Double(denominator)
                }
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
        }
        var offset = defaultOffsetSeconds
        if i < n {
            let sign = p[i]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                offset = 0
                i += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let oh = digits(i + 1, 2) else { return nil }
                i += 3
                var om = 0
                if i < n, p[i] == UInt8(ascii: ":") {
                    guard let m = digits(i + 1, 2) else { return nil }
                    om = m
                    i += 3
                } else if i < n {
                    guard let m = digits(i, 2) else { return nil }
                    om = m
                    i += 2
                }
                guard oh <= 23, om < 60 else { return nil }
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard i == n else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    /// `YYYY-MM-DDThh:mm:ss±hh:mm` for `epochSeconds` at `offsetSeconds` (Tokyo by
    /// default); whole seconds, fractions are truncated toward the past.
    public static func string(epochSeconds: Double, offsetSeconds: Int = tokyoOffsetSeconds) -> String {
        let local = Int((epochSeconds).rounded(.down)) + offsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
        text += "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if offsetSeconds == 0 { return text + "Z" }
        let magnitude = abs(offsetSeconds)
        return text + (offsetSeconds < 0 ? "-" : "+") + "\(pad(magnitude / 3600, 2)):\(pad(magnitude / 60 % 60, 2))"
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Dates and times in Asia/Tokyo (UTC+9, no daylight saving), computed with integer
/// arithmetic so the example never depends on the machine's time-zone database.
struct CivilDate: Sendable, Hashable, Comparable {
    let year: Int
    let month: Int
    let day: Int

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    var isoWeekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    var isWeekday: Bool { isoWeekday <= 5 }

    func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// `2022-08-03`
    var iso: String { "\(year)-\(Numbers.padded(month, 2))-\(Numbers.padded(day, 2))" }

    /// `20220803` (GTFS)
    var compact: String { "\(year)\(Numbers.padded(month, 2))\(Numbers.padded(day, 2))" }

    static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// A local (Asia/Tokyo) time stamp: a date and seconds since its midnight (may exceed a day).
struct LocalTime: Sendable, Hashable, Comparable {
    let date: CivilDate
    let seconds: Int

    /// Seconds since 1970-01-01T00:00 local time; orders and differences only.
    var absolute: Int { date.dayNumber * 86_400 + seconds }

    init(_ date: CivilDate, seconds: Int) {
        self.date = date.adding(days: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = seconds % 86_400
        self.seconds = rest < 0 ? rest + 86_400 : rest
    }

    init(absolute: Int) {
        self.init(CivilDate(dayNumber: 0), seconds: absolute)
    }

    var hour: Int { seconds / 3600 }

    /// `2022-08-03T21:40:00` (no offset: the contract reads it as Asia/Tokyo).
    var iso: String {
        "\(date.iso)T\(Numbers.padded(seconds / 3600, 2)):\(Numbers.padded(seconds / 60 % 60, 2)):"
            + Numbers.padded(seconds % 60, 2)
    }

    /// `2022-08-03T21:40:00+09:00`
    var isoWithOffset: String { iso + "+09:00" }

    static func < (a: LocalTime, b: LocalTime) -> Bool { a.absolute < b.absolute }
}

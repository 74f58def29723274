import Foundation

/// Which GTFS services run on which dates: `calendar.txt`'s weekly patterns within
/// their validity, then `calendar_dates.txt`'s additions and removals (GTFS
/// reference, "Dataset files: calendar_dates.txt", exception_type 1 and 2).
public struct ServiceCalendar: Sendable, Hashable {
    private var patterns: [String: [GTFSCalendar]] = [:]
    private var exceptions: [String: [GTFSDate: GTFSCalendarDate.Exception]] = [:]

    public init(calendar: [GTFSCalendar], dates: [GTFSCalendarDate]) {
        for entry in calendar { patterns[entry.serviceID, default: []].append(entry) }
        for entry in dates { exceptions[entry.serviceID, default: [:]][entry.date] = entry.exception }
    }

    public init(feed: GTFSFeed) {
        self.init(calendar: feed.calendar, dates: feed.calendarDates)
    }

    /// Whether `service` runs on `date` (an ISO `weekday`, 1 = Monday … 7 = Sunday).
    public func runs(_ service: String, on date: GTFSDate, weekday: Int) -> Bool {
        switch exceptions[service]?[date] {
        case .added?: return true
        case .removed?: return false
        case nil:
            return patterns[service]?.contains {
                $0.startDate <= date && date <= $0.endDate && $0.runs(onWeekday: weekday)
            }
                ?? false
        }
    }

    /// The first and last dates any service is valid or added: the feed's own span.
    public var span: ClosedRange<GTFSDate>? {
        let dates =
            patterns.values.flatMap { $0.flatMap { [$0.startDate, $0.endDate] } }
            + exceptions.values.flatMap { $0.compactMap { $0.value == .added ? $0.key : nil } }
        guard let low = dates.min(), let high = dates.max() else { return nil }
        return low...high
    }
}

/// One local calendar day of the period trips are counted over.
public struct ServiceDay: Sendable, Hashable {
    public var date: GTFSDate
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int

    public init(date: GTFSDate, weekday: Int) {
        self.date = date
        self.weekday = weekday
    }

    public var isWeekday: Bool { weekday <= 5 }

    /// Every local day from the one holding `interval.start` to the one holding
    /// `interval.end`, in `timeZone`.
    public static func days(covering interval: DateInterval, timeZone: TimeZone) -> [ServiceDay] {
        let local = LayerBuilder.LocalCalendar(timeZone: timeZone)
        var day = local.startOfDay(interval.start)
        var result: [ServiceDay] = []
        while day <= interval.end, result.count < 3660 {
            let f = local.fields(day)
            result.append(ServiceDay(date: GTFSDate(year: f.year, month: f.month, day: f.day), weekday: f.weekday))
            day = local.day(after: day, 1)
        }
        return result
    }

    /// Every day of a span of GTFS dates.
    public static func days(in span: ClosedRange<GTFSDate>) -> [ServiceDay] {
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        func instant(_ d: GTFSDate) -> Date? {
            calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))
        }
        guard let first = instant(span.lowerBound), let last = instant(span.upperBound) else { return [] }
        return days(covering: DateInterval(start: first, end: max(first, last)), timeZone: utc)
    }
}

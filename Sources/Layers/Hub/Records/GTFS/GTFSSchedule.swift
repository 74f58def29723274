/// A GTFS time of day: seconds after noon minus 12 h of the service day, so it may
/// pass 24:00 (`24:15:00` is 15 minutes after midnight at the end of the service day).
public struct GTFSTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Parses `H:MM:SS` or `HH:MM:SS` (hours may exceed 23); nil for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...3).contains(parts[0].count), parts[1].count == 2, parts[2].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]),
            h >= 0, (0..<60).contains(m), (0..<60).contains(s)
        else { return nil }
        seconds = h * 3600 + m * 60 + s
    }

    public static func < (a: GTFSTime, b: GTFSTime) -> Bool { a.seconds < b.seconds }

    /// `HH:MM:SS`, hours past 23 kept (`24:15:00`).
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

/// One row of `stop_times.txt`.
public struct GTFSStopTime: Sendable, Hashable {
    public var tripID: String
    public var stopSequence: Int
    public var stopID: String
    /// Nil for stops between timepoints, which GTFS lets go without times.
    public var arrival: GTFSTime?
    public var departure: GTFSTime?

    public init(tripID: String, stopSequence: Int, stopID: String, arrival: GTFSTime?, departure: GTFSTime?) {
        self.tripID = tripID
        self.stopSequence = stopSequence
        self.stopID = stopID
        self.arrival = arrival
        self.departure = departure
    }
}

/// A calendar date `YYYYMMDD` as GTFS writes it.
public struct GTFSDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYYMMDD`; nil for anything else or an impossible date.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count == 8, t.allSatisfy(\.isASCII), let value = Int(t) else { return nil }
        year = value / 10_000
        month = value / 100 % 100
        day = value % 100
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...days[month - 1]).contains(day) else { return nil }
    }

    /// `YYYYMMDD` as an integer, which sorts like the date.
    public var number: Int { year * 10_000 + month * 100 + day }

    public static func < (a: GTFSDate, b: GTFSDate) -> Bool { a.number < b.number }

    public var description: String { String(number) }
}

/// One row of `calendar.txt`: a service's weekly pattern and validity.
public struct GTFSCalendar: Sendable, Hashable {
    public var serviceID: String
    /// Monday first: `[monday, tuesday, …, sunday]`.
    public var weekdays: [Bool]
    public var startDate: GTFSDate
    public var endDate: GTFSDate

    public init(serviceID: String, weekdays: [Bool], startDate: GTFSDate, endDate: GTFSDate) {
        self.serviceID = serviceID
        self.weekdays = weekdays
        self.startDate = startDate
        self.endDate = endDate
    }

    /// Whether the service runs on an ISO weekday (1 = Monday … 7 = Sunday).
    public func runs(onWeekday weekday: Int) -> Bool { (1...7).contains(weekday) && weekdays[weekday - 1] }
}

/// One row of `calendar_dates.txt`: a service added or removed on one date.
public struct GTFSCalendarDate: Sendable, Hashable {
    public enum Exception: Int, Sendable, Hashable {
        case added = 1
        case removed = 2
    }

    public var serviceID: String
    public var date: GTFSDate
    public var exception: Exception

    public init(serviceID: String, date: GTFSDate, exception: Exception) {
        self.serviceID = serviceID
        self.date = date
        self.exception = exception
    }
}

import Foundation

/// A named daily time window in local time, such as the morning school commute.
///
/// Children's GPS pings are aggregated per window during ingest (DESIGN.md,
/// child-traffic). `start` and `end` are minutes after local midnight; a window whose
/// end is not after its start runs past midnight (22:00–06:00). `days` restricts the
/// window to weekdays or weekends.
public struct TimeWindow: Sendable, Hashable, Codable {
    /// Which days of the week a window applies to.
    public enum Days: String, Sendable, Hashable, Codable, CaseIterable {
        case all
        /// Monday to Friday.
        case weekdays
        /// Saturday and Sunday.
        case weekends
    }

    /// A short name used in the hub and in URLs: lower-case letters, digits and `-`.
    public var name: String
    /// Minutes after local midnight, 0…1439.
    public var start: Int
    /// Minutes after local midnight, 1…1440 (1440 is 24:00).
    public var end: Int
    public var days: Days

    public init(name: String, start: Int, end: Int, days: Days = .all) {
        self.name = name
        self.start = start
        self.end = end
        self.days = days
    }

    /// The whole day, every day.
    public static let allDay = TimeWindow(name: "all-day", start: 0, end: 1440)
    /// 07:00–09:00 on weekdays: walking to school.
    public static let morningCommute = TimeWindow(name: "morning-commute", start: 7 * 60, end: 9 * 60, days: .weekdays)
    /// 14:00–17:00 on weekdays: walking home.
    public static let afternoonCommute = TimeWindow(
        name: "afternoon-commute", start: 14 * 60, end: 17 * 60,
        days: .weekdays)

    /// Whether a local time falls inside the window.
    ///
    /// - Parameters:
    ///   - minuteOfDay: minutes after local midnight, 0…1439.
    ///   - weekday: ISO weekday, 1 = Monday … 7 = Sunday.
    public func contains(minuteOfDay: Int, weekday: Int) -> Bool {
        switch days {
        case .all: break
        case .weekdays: guard weekday <= 5 else { return false }
        case .weekends: guard weekday >= 6 else { return false }
        }
        if start < end { return minuteOfDay >= start && minuteOfDay < end }
        return minuteOfDay >= start || minuteOfDay < end
    }

    /// `07:00–09:00 weekdays`.
    public var summary: String {
        let span = "\(Self.clock(start))–\(Self.clock(end))"
        return days == .all ? span : "\(span) \(days.rawValue)"
    }

    /// `HH:MM` for minutes after midnight.
    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// Minutes after midnight of `HH:MM` (`24:00` allowed when `allowEndOfDay`).
    static func minutes(_ text: String, allowEndOfDay: Bool) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, m >= 0, m < 60
        else { return nil }
        if h == 24 && m == 0 && allowEndOfDay { return 1440 }
        return h < 24 ? h * 60 + m : nil
    }
}

/// A local (Asia/Tokyo) time of day, `HH:MM`, for `--at` and `/route?at=`.
struct TimeOfDay: Sendable, Hashable, Comparable, ExpressibleByArgument, CustomStringConvertible {
    var hour: Int
    var minute: Int

    init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Minutes since midnight.
    var minutesSinceMidnight: Int { hour * 60 + minute }

    init(argument text: String, option: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), let time = TimeOfDay(hour: hour, minute: minute)
        else { throw UsageError.invalidValue(option, expected: "HH:MM from 00:00 to 23:59 (local time)", got: text) }
        self = time
    }

    static var valueName: String { "HH:MM" }

    var argumentDescription: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    var description: String { argumentDescription }

    static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

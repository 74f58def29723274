/// A quarter of the local day, the unit of wildlife activity counts and of the
/// time-aware risk that safe routing uses: 0–6, 6–12, 12–18 and 18–24 h.
public enum TimeOfDayBand: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case night = 0
    case morning = 1
    case afternoon = 2
    case evening = 3

    /// The band holding a local hour (0…23; other values wrap around the day).
    public init(hour: Int) {
        let h = ((hour % 24) + 24) % 24
        self = TimeOfDayBand(rawValue: h / 6) ?? .night
    }

    /// The band holding a local time given in minutes after midnight (`--at 05:30` → 330).
    public init(minuteOfDay: Int) {
        self.init(hour: ((minuteOfDay % 1440) + 1440) % 1440 / 60)
    }

    /// The property key: `"0-6"`, `"6-12"`, `"12-18"`, `"18-24"`.
    public var key: String { "\(rawValue * 6)-\(rawValue * 6 + 6)" }

    public var description: String { key }

    public static func < (a: TimeOfDayBand, b: TimeOfDayBand) -> Bool { a.rawValue < b.rawValue }
}

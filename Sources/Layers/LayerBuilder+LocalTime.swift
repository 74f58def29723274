import Foundation

extension LayerBuilder {
    /// Calendar fields of instants in the project's zone (time-of-day bands, months,
    /// service days). Holds one `Calendar`, so make one per build, not per instant.
    struct LocalCalendar {
        /// The local date and time of one instant.
        struct Fields: Hashable {
            var year: Int
            var month: Int
            var day: Int
            var hour: Int
            /// ISO weekday: 1 = Monday … 7 = Sunday.
            var weekday: Int

            /// `YYYY-MM`.
            var monthKey: String { "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }
        }

        private let calendar: Calendar

        init(timeZone: TimeZone) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            self.calendar = calendar
        }

        func fields(_ date: Date) -> Fields {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .weekday], from: date)
            // Foundation's weekday is 1 = Sunday … 7 = Saturday.
            let weekday = ((c.weekday ?? 1) + 5) % 7 + 1
            return Fields(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0, hour: c.hour ?? 0, weekday: weekday)
        }

        /// Local midnight starting the day of `date`.
        func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

        /// The local day `days` after the one starting at `start`.
        func day(after start: Date, _ days: Int) -> Date {
            calendar.date(byAdding: .day, value: days, to: start) ?? start.addingTimeInterval(Double(days) * 86_400)
        }
    }
}

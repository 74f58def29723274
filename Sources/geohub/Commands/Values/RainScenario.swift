/// A rainfall scenario for the flood-risk layer: `rain=50` is 50 mm of rain per hour.
///
/// Read from `--scenario rain=50` and from the `?scenario=rain=50` query parameter
/// of the server's tile and GeoJSON endpoints.
struct RainScenario: Sendable, Hashable, ExpressibleByArgument, CustomStringConvertible {
    /// The largest hourly rainfall accepted; Japan's record hour is about 187 mm.
    static let maximumMillimetresPerHour = 500.0

    var millimetresPerHour: Double

    init(millimetresPerHour: Double) {
        self.millimetresPerHour = millimetresPerHour
    }

    init(argument text: String, option: String) throws {
        let expected = "rain=MM with the hourly rainfall in mm, 0–\(Int(Self.maximumMillimetresPerHour))"
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "rain",
            let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite,
            (0...Self.maximumMillimetresPerHour).contains(value)
        else { throw UsageError.invalidValue(option, expected: expected, got: text) }
        self.init(millimetresPerHour: value)
    }

    static var valueName: String { "rain=MM" }

    /// `rain=50` (or `rain=12.5`): the canonical spelling, also used in cache keys.
    var argumentDescription: String {
        let rounded = millimetresPerHour.rounded()
        return rounded == millimetresPerHour && abs(rounded) < 1e9
            ? "rain=\(Int(rounded))" : "rain=\(millimetresPerHour)"
    }

    var description: String { argumentDescription }
}

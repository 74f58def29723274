/// Settings of the `bus-routes` layer.
public struct BusRoutesSettings: Sendable, Hashable {
    /// The walking distance around stops and routes for population counts, in metres (default 300).
    public var walkingDistance: Double
    /// A stop with fewer `board` events than this in the period is flagged low-use (default 10).
    public var lowUseThreshold: Int
    /// Boardings in this many days before the as-of time count; nil means all (default nil).
    public var periodDays: Double?

    public init(walkingDistance: Double = 300, lowUseThreshold: Int = 10, periodDays: Double? = nil) {
        self.walkingDistance = walkingDistance
        self.lowUseThreshold = lowUseThreshold
        self.periodDays = periodDays
    }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        walkingDistance = try object.positiveNumber(
            "walkingDistance", default: walkingDistance, maximum: 5000,
            unit: " of metres")
        lowUseThreshold = try object.integer(
            "lowUseThreshold", default: lowUseThreshold, in: 0...Int.max,
            expectation: "a whole number of boardings, zero or more")
        if object.values["periodDays"] != nil {
            periodDays = try object.positiveNumber("periodDays", default: 1, unit: " of days")
        } else {
            _ = object.value("periodDays")
        }
    }
}

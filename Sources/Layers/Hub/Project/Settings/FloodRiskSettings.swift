/// Settings of the `flood-risk` layer.
public struct FloodRiskSettings: Sendable, Hashable {
    /// A sensor is at `advisory` once its level reaches this fraction of its warning
    /// level (default 0.8); `warning` and `danger` come from the sensor's own thresholds.
    public var advisoryFraction: Double
    /// The rise rate is measured over this many hours before the latest reading (default 1).
    public var riseRateHours: Double
    /// A sensor below its advisory fraction is still at `advisory` when its level rises
    /// at least this fast, in metres per hour (default 0.3).
    public var advisoryRiseRate: Double
    /// The longest delay, in hours, considered when fitting how a river level answers
    /// hourly rainfall (default 12).
    public var maxLagHours: Int
    /// The rainfall scenario in mm/h used when the command line gives none; nil
    /// means "no scenario" (default nil).
    public var scenarioRain: Double?

    public init(
        advisoryFraction: Double = 0.8, riseRateHours: Double = 1, advisoryRiseRate: Double = 0.3,
        maxLagHours: Int = 12, scenarioRain: Double? = nil
    ) {
        self.advisoryFraction = advisoryFraction
        self.riseRateHours = riseRateHours
        self.advisoryRiseRate = advisoryRiseRate
        self.maxLagHours = maxLagHours
        self.scenarioRain = scenarioRain
    }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        advisoryFraction = try object.number(
            "advisoryFraction", default: advisoryFraction, in: 0.01...1,
            expectation: "a fraction greater than 0 and at most 1")
        riseRateHours = try object.positiveNumber(
            "riseRateHours", default: riseRateHours, maximum: 240, unit: " of hours")
        advisoryRiseRate = try object.positiveNumber(
            "advisoryRiseRate", default: advisoryRiseRate, maximum: 100, unit: " of metres per hour")
        maxLagHours = try object.integer(
            "maxLagHours", default: maxLagHours, in: 0...168,
            expectation: "a whole number of hours from 0 to 168")
        if object.values["scenarioRain"] != nil {
            scenarioRain = try object.nonNegativeNumber("scenarioRain", default: 0, unit: " of mm/h")
        } else {
            _ = object.value("scenarioRain")
        }
    }
}

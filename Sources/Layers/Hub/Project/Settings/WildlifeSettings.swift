/// Settings of the `wildlife` layer.
public struct WildlifeSettings: Sendable, Hashable {
    /// Detections below this confidence are ignored (default 0.5).
    public var minConfidence: Double
    /// Radius of the zone drawn around a camera with detections, in metres (default 500).
    public var zoneRadius: Double
    /// Only detections this many days before the as-of time count (default 365).
    public var periodDays: Double
    /// A detection's weight halves every this many days of age (default 30).
    public var halfLifeDays: Double
    /// Hazard weight per species (default bear 1, boar 0.5, serow 0.25, other 0.1).
    public var speciesWeights: [Species: Double]

    public static let defaultSpeciesWeights: [Species: Double] = [.bear: 1, .boar: 0.5, .serow: 0.25, .other: 0.1]

    public init(
        minConfidence: Double = 0.5, zoneRadius: Double = 500, periodDays: Double = 365,
        halfLifeDays: Double = 30, speciesWeights: [Species: Double] = WildlifeSettings.defaultSpeciesWeights
    ) {
        self.minConfidence = minConfidence
        self.zoneRadius = zoneRadius
        self.periodDays = periodDays
        self.halfLifeDays = halfLifeDays
        self.speciesWeights = speciesWeights
    }

    /// The weight of `species` (0 for a species the settings leave out).
    public func weight(of species: Species) -> Double { speciesWeights[species] ?? 0 }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        minConfidence = try object.fraction("minConfidence", default: minConfidence)
        zoneRadius = try object.positiveNumber("zoneRadius", default: zoneRadius, maximum: 20_000, unit: " of metres")
        periodDays = try object.positiveNumber("periodDays", default: periodDays, unit: " of days")
        halfLifeDays = try object.positiveNumber("halfLifeDays", default: halfLifeDays, unit: " of days")
        if let weights = try object.object("speciesWeights") {
            for species in Species.allCases {
                speciesWeights[species] = try weights.nonNegativeNumber(
                    species.rawValue,
                    default: speciesWeights[species] ?? 0)
            }
            try weights.finish()
        }
    }
}

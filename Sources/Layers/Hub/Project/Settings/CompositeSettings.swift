/// A hazard the composite risk layer combines.
public enum CompositeHazard: String, Sendable, Hashable, Codable, CaseIterable {
    case flood
    case wildlife
}

/// Settings of the `composite` layer and of safe-route search.
public struct CompositeSettings: Sendable, Hashable {
    /// Side of the composite grid's cells in metres (default 100).
    public var cellSize: Double
    /// Weight of each hazard in the composite (default flood 1, wildlife 1).
    public var weights: [CompositeHazard: Double]
    /// β in the safe-route cost length × (1 + β × mean hazard) = length + β × ∫ hazard ds
    /// (default 4): how many metres of detour one metre of full hazard (1.0) is worth.
    /// With 4 a 300 m stretch at full hazard justifies up to 1.2 km more walking,
    /// a faint hazard of 0.05 over it only 60 m.
    public var beta: Double
    /// The child-traffic window used as children's exposure; nil means the
    /// child-traffic layer's default window (default nil).
    public var exposureWindow: String?
    /// The exposure given to places no child was recorded at, as a fraction of the
    /// busiest place's (default 0.2): a hazard on an unwalked road still costs a route
    /// something, and the busiest places weigh up to five times more.
    public var exposureFloor: Double
    /// How far a river gauge's status reaches, in metres: its flood hazard falls to
    /// 1/e at this distance from the gauge (default 2000).
    public var sensorReach: Double
    /// How far from a river the flood hazard reaches, in metres: it falls to 1/e at
    /// this distance from the nearest river line (default 300; without rivers in the
    /// basemap the gauge distance alone counts).
    public var riverReach: Double
    /// Route end points further than this from every road are refused, in metres (default 500).
    public var maxSnapDistance: Double

    public init(
        cellSize: Double = 100, weights: [CompositeHazard: Double] = [.flood: 1, .wildlife: 1],
        beta: Double = 4, exposureWindow: String? = nil, exposureFloor: Double = 0.2,
        sensorReach: Double = 2000, riverReach: Double = 300, maxSnapDistance: Double = 500
    ) {
        self.cellSize = cellSize
        self.weights = weights
        self.beta = beta
        self.exposureWindow = exposureWindow
        self.exposureFloor = exposureFloor
        self.sensorReach = sensorReach
        self.riverReach = riverReach
        self.maxSnapDistance = maxSnapDistance
    }

    /// The weight of `hazard` (0 when the settings leave it out).
    public func weight(of hazard: CompositeHazard) -> Double { weights[hazard] ?? 0 }

    init(_ object: SettingsObject?, windows: [TimeWindow]) throws(ProjectError) {
        self.init()
        guard let object else { return }
        cellSize = try object.positiveNumber("cellSize", default: cellSize, maximum: 5000, unit: " of metres")
        if let weightsObject = try object.object("weights") {
            for hazard in CompositeHazard.allCases {
                weights[hazard] = try weightsObject.nonNegativeNumber(hazard.rawValue, default: weights[hazard] ?? 0)
            }
            try weightsObject.finish()
        }
        beta = try object.nonNegativeNumber("beta", default: beta)
        exposureWindow = try object.string("exposureWindow")
        if let name = exposureWindow, !windows.contains(where: { $0.name == name }) {
            throw object.error(
                "exposureWindow",
                "expected the name of a child-traffic window "
                    + "(\(windows.map(\.name).joined(separator: ", "))), got \"\(name)\"")
        }
        exposureFloor = try object.fraction("exposureFloor", default: exposureFloor)
        sensorReach = try object.positiveNumber("sensorReach", default: sensorReach, maximum: 100_000, unit: " of metres")
        riverReach = try object.positiveNumber("riverReach", default: riverReach, maximum: 100_000, unit: " of metres")
        maxSnapDistance = try object.positiveNumber("maxSnapDistance", default: maxSnapDistance, maximum: 100_000,
                                                    unit: " of metres")
    }
}

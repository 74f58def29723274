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
    /// β in the route cost length × (1 + β × risk) (default 4).
    public var beta: Double
    /// The child-traffic window used as children's exposure; nil means the
    /// child-traffic layer's default window (default nil).
    public var exposureWindow: String?

    public init(
        cellSize: Double = 100, weights: [CompositeHazard: Double] = [.flood: 1, .wildlife: 1],
        beta: Double = 4, exposureWindow: String? = nil
    ) {
        self.cellSize = cellSize
        self.weights = weights
        self.beta = beta
        self.exposureWindow = exposureWindow
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
    }
}

import GeoCore

/// Settings of the `census-delta` layer.
public struct CensusDeltaSettings: Sendable, Hashable {
    /// The mesh size the two years are compared at: `"1km"`, `"500m"` or `"250m"`; nil
    /// means the finest size both years cover completely (default nil).
    public var meshLevel: MeshLevel?
    /// The earlier census year; nil means the second-newest year in the hub (default nil).
    public var fromYear: Int?
    /// The later census year; nil means the newest year in the hub (default nil).
    public var toYear: Int?
    /// Relative change is hidden for cells whose earlier population is below this,
    /// where a few people make a huge percentage (default 10).
    public var minBasePopulation: Int

    public init(fromYear: Int? = nil, toYear: Int? = nil, minBasePopulation: Int = 10, meshLevel: MeshLevel? = nil) {
        self.meshLevel = meshLevel
        self.fromYear = fromYear
        self.toYear = toYear
        self.minBasePopulation = minBasePopulation
    }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        fromYear = try object.optionalInteger("fromYear", in: 1900...2100, expectation: "a census year such as 2015")
        toYear = try object.optionalInteger("toYear", in: 1900...2100, expectation: "a census year such as 2020")
        if let fromYear, let toYear, fromYear >= toYear {
            throw object.error("toYear", "expected a year after fromYear (\(fromYear)), got \(toYear)")
        }
        if let text = try object.string("meshLevel") {
            let levels: [String: MeshLevel] = ["1km": .third, "500m": .half, "250m": .quarter]
            guard let level = levels[text] else {
                throw object.error("meshLevel", "expected \"1km\", \"500m\" or \"250m\", got \"\(text)\"")
            }
            meshLevel = level
        }
        minBasePopulation = try object.integer(
            "minBasePopulation", default: minBasePopulation, in: 0...Int.max,
            expectation: "a whole number of people, zero or more")
    }
}

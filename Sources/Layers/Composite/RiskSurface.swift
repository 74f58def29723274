import GeoCore

/// The composite's parts on one metric grid: the weighted flood hazard, the weighted
/// wildlife hazard over the day and in each time-of-day band, and children's exposure.
///
/// Two products are read from it:
/// - the `composite` layer, ``allDay`` = (flood + wildlife) × exposure: where hazards
///   meet children, the planner's map (1.0 = a full hazard where children are busiest);
/// - the route hazard, ``routeHazard(band:)`` = min(1, flood + wildlife in the band):
///   what safe routes avoid, per metre walked. It leaves exposure out on purpose: the
///   child walking the route *is* the exposure, and weighting by other children's
///   traffic would make a bear zone on a road no child uses look cheap, sending the
///   safe route exactly there. 1.0 means a full hazard: the river bank at a gauge in
///   `danger` (or its scenario prediction), or inside the wildlife zone of the layer's
///   busiest camera in its busiest band; a bear zone at dawn counts its dawn band, so
///   it weighs more on a 05:30 route than on a 13:00 one.
public struct RiskSurface: Sendable {
    /// The time-of-day bands, as DESIGN.md fixes them: 0–6, 6–12, 12–18, 18–24 h
    /// (``TimeOfDayBand``, the wildlife layer's; index = its raw value).
    public static let bandCount = TimeOfDayBand.allCases.count
    /// Band index (0…3) of a local time given in minutes after midnight.
    public static func band(minuteOfDay: Int) -> Int { TimeOfDayBand(minuteOfDay: minuteOfDay).rawValue }

    /// Flood weight × flood hazard (hazard 0…1).
    public var flood: MetricGrid
    /// Wildlife weight × wildlife hazard (0…1), averaged over the day.
    public var wildlife: MetricGrid
    /// The same for each band (exactly ``bandCount`` grids).
    public var wildlifeByBand: [MetricGrid]
    /// Children's exposure, `exposureFloor`…1; nil means 1 everywhere (no child-traffic layer).
    public var exposure: MetricGrid?

    public init(flood: MetricGrid, wildlife: MetricGrid, wildlifeByBand: [MetricGrid], exposure: MetricGrid? = nil) {
        precondition(wildlifeByBand.count == Self.bandCount, "one wildlife grid per time-of-day band")
        self.flood = flood
        self.wildlife = wildlife
        self.wildlifeByBand = wildlifeByBand
        self.exposure = exposure
    }

    /// The composite over the whole day: (flood + wildlife) × exposure (what the layer draws).
    public var allDay: MetricGrid { grid(band: nil) }

    /// The composite at a local time (minutes after midnight), or over the whole day when nil.
    public func grid(minuteOfDay: Int?) -> MetricGrid {
        grid(band: minuteOfDay.map { TimeOfDayBand(minuteOfDay: $0) })
    }

    /// The composite in a time-of-day band, or over the whole day when nil:
    /// (flood + wildlife) × exposure.
    public func grid(band: TimeOfDayBand?) -> MetricGrid {
        var result = Self.sum(flood, band.map { wildlifeByBand[$0.rawValue] } ?? wildlife)
        if let exposure {
            for i in result.values.indices { result.values[i] *= exposure.values[i] }
        }
        return result
    }

    /// The hazard safe routes avoid in a time-of-day band (over the whole day when
    /// nil): min(1, flood + wildlife), children's exposure left out (see the type).
    public func routeHazard(band: TimeOfDayBand?) -> MetricGrid {
        var result = Self.sum(flood, band.map { wildlifeByBand[$0.rawValue] } ?? wildlife)
        for i in result.values.indices { result.values[i] = Swift.min(1, result.values[i]) }
        return result
    }

    /// The route hazard at a local time (minutes after midnight), or over the whole day when nil.
    public func routeHazard(minuteOfDay: Int?) -> MetricGrid {
        routeHazard(band: minuteOfDay.map { TimeOfDayBand(minuteOfDay: $0) })
    }

    /// Cell-wise sum of two grids on the same frame.
    static func sum(_ a: MetricGrid, _ b: MetricGrid) -> MetricGrid {
        var result = a
        for i in result.values.indices { result.values[i] += b.values[i] }
        return result
    }
}

import GeoCore

/// The composite risk as routes need it: its flood part and its wildlife part for
/// every time-of-day band, each already weighted and multiplied by children's
/// exposure, all on one metric grid.
///
/// The `composite` layer draws ``allDay``; safe routes read ``grid(minuteOfDay:)``, so
/// a bear camera busy at dawn weighs more on a 05:30 route than on a 13:00 one.
public struct RiskSurface: Sendable {
    /// The time-of-day bands, as DESIGN.md fixes them: 0–6, 6–12, 12–18, 18–24 h
    /// (``TimeOfDayBand``, the wildlife layer's; index = its raw value).
    public static let bandCount = TimeOfDayBand.allCases.count
    /// Band index (0…3) of a local time given in minutes after midnight.
    public static func band(minuteOfDay: Int) -> Int { TimeOfDayBand(minuteOfDay: minuteOfDay).rawValue }

    /// Flood weight × flood hazard × exposure.
    public var flood: MetricGrid
    /// Wildlife weight × wildlife hazard × exposure, averaged over the day.
    public var wildlife: MetricGrid
    /// The same for each band (exactly ``bandCount`` grids).
    public var wildlifeByBand: [MetricGrid]

    public init(flood: MetricGrid, wildlife: MetricGrid, wildlifeByBand: [MetricGrid]) {
        precondition(wildlifeByBand.count == Self.bandCount, "one wildlife grid per time-of-day band")
        self.flood = flood
        self.wildlife = wildlife
        self.wildlifeByBand = wildlifeByBand
    }

    /// The composite over the whole day: flood + wildlife (what the layer draws).
    public var allDay: MetricGrid { Self.sum(flood, wildlife) }

    /// The composite at a local time (minutes after midnight), or over the whole day when nil.
    public func grid(minuteOfDay: Int?) -> MetricGrid {
        grid(band: minuteOfDay.map { TimeOfDayBand(minuteOfDay: $0) })
    }

    /// The composite in a time-of-day band, or over the whole day when nil.
    public func grid(band: TimeOfDayBand?) -> MetricGrid {
        guard let band else { return allDay }
        return Self.sum(flood, wildlifeByBand[band.rawValue])
    }

    /// Cell-wise sum of two grids on the same frame.
    static func sum(_ a: MetricGrid, _ b: MetricGrid) -> MetricGrid {
        var result = a
        for i in result.values.indices { result.values[i] += b.values[i] }
        return result
    }
}

import Foundation

/// What a camera, or a zone of cameras, saw in the period: counts of confident
/// detections by species, month and time-of-day band, and the weighted score.
///
/// The score of one detection is `speciesWeight × 0.5^(age / halfLifeDays)` (bear 1,
/// boar 0.5, serow 0.25, other 0.1 by default; age measured back from the as-of time),
/// so a fresh bear counts ten times a fresh "other" and a bear two half-lives old
/// counts a quarter of a fresh one.
public struct WildlifeTally: Sendable, Hashable {
    /// Confident detections in the period.
    public var detections = 0
    public var bySpecies: [Species: Int] = [:]
    /// Keyed `YYYY-MM` (local time).
    public var byMonth: [String: Int] = [:]
    public var byBand: [TimeOfDayBand: Int] = [:]
    /// Σ detection weights.
    public var score = 0.0
    /// Σ detection weights per band (they add up to `score`).
    public var bandScores: [TimeOfDayBand: Double] = [:]
    /// The newest detection counted, and the newest bear.
    public var lastDetection: Date?
    public var lastBear: Date?

    public init() {}

    mutating func add(species: Species, time: Date, fields: LayerBuilder.LocalCalendar.Fields, weight: Double) {
        detections += 1
        bySpecies[species, default: 0] += 1
        byMonth[fields.monthKey, default: 0] += 1
        let band = TimeOfDayBand(hour: fields.hour)
        byBand[band, default: 0] += 1
        score += weight
        bandScores[band, default: 0] += weight
        lastDetection = max(lastDetection ?? time, time)
        if species == .bear { lastBear = max(lastBear ?? time, time) }
    }

    mutating func add(_ other: WildlifeTally) {
        detections += other.detections
        for (k, v) in other.bySpecies { bySpecies[k, default: 0] += v }
        for (k, v) in other.byMonth { byMonth[k, default: 0] += v }
        for (k, v) in other.byBand { byBand[k, default: 0] += v }
        score += other.score
        for (k, v) in other.bandScores { bandScores[k, default: 0] += v }
        if let t = other.lastDetection { lastDetection = max(lastDetection ?? t, t) }
        if let t = other.lastBear { lastBear = max(lastBear ?? t, t) }
    }

    /// Band scores divided by the busiest band's: 1 in the band of most (weighted)
    /// activity, 0 where nothing was seen; all 0 for an empty tally.
    public var bandProfile: [TimeOfDayBand: Double] {
        let peak = bandScores.values.max() ?? 0
        return Dictionary(
            uniqueKeysWithValues: TimeOfDayBand.allCases.map { band in
                (band, peak > 0 ? (bandScores[band] ?? 0) / peak : 0)
            })
    }
}

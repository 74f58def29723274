/// The state of a river gauge, in rising order of concern. The raw values are the
/// flood-risk layer's `status` property (fixed by DESIGN.md; scripts read them).
///
/// The rule (``FloodStatus/classify(level:riseRate:warningLevel:dangerLevel:settings:)``), checked top down:
/// - `danger`: the level is at or above the sensor's danger level (氾濫危険水位);
/// - `warning`: at or above its warning level (氾濫注意水位);
/// - `advisory`: at or above `advisoryFraction` × the warning level (default 80 %), or
///   rising at `advisoryRiseRate` m/h or faster (default 0.3 m/h) — the river is not at
///   its warning level yet but is close to it or climbing quickly;
/// - `normal`: anything else.
public enum FloodStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case normal
    case advisory
    case warning
    case danger

    /// 0 (normal) … 3 (danger): the `status_rank` property, for styles and hazard scores.
    public var rank: Int {
        switch self {
        case .normal: 0
        case .advisory: 1
        case .warning: 2
        case .danger: 3
        }
    }

    public static func < (a: FloodStatus, b: FloodStatus) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }

    /// Classifies a level by the sensor's thresholds (see the type's rule).
    ///
    /// - Parameters:
    ///   - level: the water level in metres.
    ///   - riseRate: metres per hour, nil when unknown (then only the level counts).
    ///   - warningLevel: the sensor's warning level in metres.
    ///   - dangerLevel: the sensor's danger level in metres.
    ///   - settings: `advisoryFraction` and `advisoryRiseRate`.
    public static func classify(
        level: Double, riseRate: Double?, warningLevel: Double, dangerLevel: Double,
        settings: FloodRiskSettings
    ) -> FloodStatus {
        if level >= dangerLevel { return .danger }
        if level >= warningLevel { return .warning }
        if level >= settings.advisoryFraction * warningLevel { return .advisory }
        if let riseRate, riseRate >= settings.advisoryRiseRate { return .advisory }
        return .normal
    }
}

import Foundation
import GeoCore

/// Builds the `flood-risk` layer: one point per river gauge with its latest level,
/// status, rise rate, fitted response to hourly rainfall and, under a rainfall
/// scenario, the predicted level and status.
///
/// - Latest level: the newest reading at or before the as-of time (the project's
///   `asOf`, else the newest river-level timestamp in the hub).
/// - Rise rate: the least-squares slope of level on time over the readings in the
///   last `riseRateHours` (default 1 h) before the latest one, in m/h.
/// - Status: ``FloodStatus/classify(level:riseRate:warningLevel:dangerLevel:settings:)``
///   (danger ≥ danger level; warning ≥ warning level; advisory ≥ 80 % of the warning
///   level or rising ≥ 0.3 m/h; else normal).
/// - Response: ``RainfallResponse/fit(levels:rainfall:maxLagHours:)`` on every reading up
///   to the as-of time, lags 0…`maxLagHours` (default 12).
/// - Scenario `rain=N`: the predicted level is the fit's level under N mm/h kept up over
///   the lag window, ``RainfallResponse/predictedLevel(sustainedRain:)``, classified by
///   the level thresholds.
public struct FloodRiskBuilder: Sendable {
    public var settings: FloodRiskSettings
    /// The as-of time; nil means the newest reading of any gauge.
    public var asOf: Date?
    /// The rainfall scenario in mm/h (nil: none).
    public var scenarioRain: Double?
    /// The UTC offset used to write `observed_at` (the project's zone).
    public var utcOffsetSeconds: Int

    public init(
        settings: FloodRiskSettings = FloodRiskSettings(), asOf: Date? = nil, scenarioRain: Double? = nil,
        utcOffsetSeconds: Int = ISO8601Timestamp.tokyoOffsetSeconds
    ) {
        self.settings = settings
        self.asOf = asOf
        self.scenarioRain = scenarioRain
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The as-of time for `levels`: the configured one, else the newest reading.
    public func effectiveAsOf(levels: [String: TimeSeries]) -> Date? {
        asOf ?? levels.values.compactMap(\.times.last).max()
    }

    /// Computes every gauge's state, in sensor order.
    ///
    /// - Parameters:
    ///   - sensors: the gauges.
    ///   - levels: readings per `site_id`, in time order.
    ///   - rainfall: hourly rainfall in time order, stamped at the end of each hour.
    public func sites(sensors: [RiverSensor], levels: [String: TimeSeries], rainfall: TimeSeries) -> [FloodSite] {
        let now = effectiveAsOf(levels: levels)
        return sensors.map { sensor in
            var site = FloodSite(sensor: sensor)
            guard let now, var series = levels[sensor.siteID] else { return site }
            series = series.within(DateInterval(start: .distantPast, end: now))
            guard let latest = series.latest else { return site }
            site.latestTime = latest.time
            site.latestLevel = latest.value
            site.riseRate = Self.riseRate(series, hours: settings.riseRateHours)
            site.status = FloodStatus.classify(
                level: latest.value, riseRate: site.riseRate,
                warningLevel: sensor.warningLevel, dangerLevel: sensor.dangerLevel,
                settings: settings)
            let rain = rainfall.within(DateInterval(start: .distantPast, end: now))
            site.response = RainfallResponse.fit(levels: series, rainfall: rain, maxLagHours: settings.maxLagHours)
            if let scenarioRain {
                site.scenarioRain = scenarioRain
                if let response = site.response {
                    let predicted = response.predictedLevel(sustainedRain: scenarioRain)
                    site.predictedLevel = predicted
                    site.predictedStatus = FloodStatus.classify(
                        level: predicted, riseRate: nil, warningLevel: sensor.warningLevel,
                        dangerLevel: sensor.dangerLevel, settings: settings)
                }
            }
            return site
        }
    }

    /// The least-squares slope, in metres per hour, of the readings within `hours`
    /// before the latest one (inclusive); nil with fewer than two distinct times.
    static func riseRate(_ series: TimeSeries, hours: Double) -> Double? {
        guard let latest = series.latest else { return nil }
        let window = series.within(DateInterval(start: latest.time.addingTimeInterval(-hours * 3600), end: latest.time))
        let n = Double(window.count)
        guard window.count >= 2 else { return nil }
        let t = window.times.map { $0.timeIntervalSince(latest.time) / 3600 }
        let meanT = t.reduce(0, +) / n
        let meanY = window.values.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        for (x, y) in zip(t, window.values) {
            sxy += (x - meanT) * (y - meanY)
            sxx += (x - meanT) * (x - meanT)
        }
        return sxx > 0 ? sxy / sxx : nil
    }
}

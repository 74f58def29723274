import Foundation
import GeoCore

extension FloodRiskBuilder {
    /// The layer: one Point feature per gauge (id = `site_id`).
    ///
    /// Feature properties (null where unknown):
    /// - `site_id` (string), `name`, `warning_level_m`, `danger_level_m`;
    /// - `level_m`, `observed_at` (ISO 8601 in the project's zone), `rise_rate_m_per_h`;
    /// - `status` (`normal` | `advisory` | `warning` | `danger`), `status_rank` (0…3);
    /// - fit: `fit_r2` (hourly lagged rainfall), `fit_r2_cumulative` (cumulative
    ///   rainfall), `fit_rmse_m`, `fit_observations`, `response_intercept_m`,
    ///   `response_m_per_mm_h` (Σ lag coefficients: rise per mm/h sustained),
    ///   `response_peak_lag_h`, `response_coefficients` (m per mm/h at lag 0, 1, … h);
    /// - under a scenario: `scenario_rain_mm_per_h`, `predicted_level_m`,
    ///   `predicted_status`, `predicted_status_rank`.
    ///
    /// Metadata: `as_of`, `scenario_rain_mm_per_h`, `status_counts`,
    /// `predicted_status_counts`, `sites_fitted`, `fit_r2_median`,
    /// `fit_r2_cumulative_median`, `hourly_explains_better` (gauges whose hourly R²
    /// beats the cumulative one), `advisory_rule`.
    public func layer(sites: [FloodSite], asOf: Date?) -> BuiltLayer {
        let features = sites.map(feature)
        var metadata: [String: JSONValue] = [
            "as_of": asOf.map { .string(timestamp($0)) } ?? .null,
            "scenario_rain_mm_per_h": scenarioRain.map(JSONValue.double) ?? .null,
            "status_counts": Self.counts(sites.map(\.status)),
            "advisory_rule": .string(
                "level >= \(settings.advisoryFraction) x warning level, or rising >= "
                    + "\(settings.advisoryRiseRate) m/h over the last \(settings.riseRateHours) h"),
        ]
        if scenarioRain != nil { metadata["predicted_status_counts"] = Self.counts(sites.map(\.predictedStatus)) }
        let fits = sites.compactMap(\.response)
        metadata["sites_fitted"] = .int(fits.count)
        metadata["fit_r2_median"] = Self.median(fits.map(\.rSquared)).map(JSONValue.double) ?? .null
        metadata["fit_r2_cumulative_median"] =
            Self.median(fits.compactMap(\.cumulativeRSquared)).map(JSONValue.double)
            ?? .null
        metadata["hourly_explains_better"] = .int(
            fits.filter { $0.rSquared > ($0.cumulativeRSquared ?? -.infinity) }.count)
        return BuiltLayer(name: .floodRisk, features: features, metadata: metadata)
    }

    func feature(_ site: FloodSite) -> Feature {
        let s = site.sensor
        var p: [String: JSONValue] = [
            "site_id": .string(s.siteID), "name": .string(s.name),
            "warning_level_m": .double(s.warningLevel), "danger_level_m": .double(s.dangerLevel),
            "level_m": site.latestLevel.map(JSONValue.double) ?? .null,
            "observed_at": site.latestTime.map { .string(timestamp($0)) } ?? .null,
            "rise_rate_m_per_h": site.riseRate.map(JSONValue.double) ?? .null,
            "status": site.status.map { .string($0.rawValue) } ?? .null,
            "status_rank": site.status.map { .int($0.rank) } ?? .null,
        ]
        let r = site.response
        p["fit_r2"] = r.map { .double($0.rSquared) } ?? .null
        p["fit_r2_cumulative"] = r?.cumulativeRSquared.map(JSONValue.double) ?? .null
        p["fit_rmse_m"] = r.map { .double($0.rootMeanSquaredError) } ?? .null
        p["fit_observations"] = r.map { .int($0.observations) } ?? .null
        p["response_intercept_m"] = r.map { .double($0.intercept) } ?? .null
        p["response_m_per_mm_h"] = r.map { .double($0.sustainedGain) } ?? .null
        p["response_peak_lag_h"] = r.map { .int($0.peakLagHours) } ?? .null
        p["response_coefficients"] = r.map { .array($0.coefficients.map(JSONValue.double)) } ?? .null
        if let rain = site.scenarioRain {
            p["scenario_rain_mm_per_h"] = .double(rain)
            p["predicted_level_m"] = site.predictedLevel.map(JSONValue.double) ?? .null
            p["predicted_status"] = site.predictedStatus.map { .string($0.rawValue) } ?? .null
            p["predicted_status_rank"] = site.predictedStatus.map { .int($0.rank) } ?? .null
        }
        return Feature(id: s.siteID, shape: .point(s.location), properties: p)
    }

    func timestamp(_ date: Date) -> String {
        ISO8601Timestamp.string(epochSeconds: date.timeIntervalSince1970, offsetSeconds: utcOffsetSeconds)
    }

    static func counts(_ statuses: [FloodStatus?]) -> JSONValue {
        var counts: [String: JSONValue] = Dictionary(
            uniqueKeysWithValues: FloodStatus.allCases.map { ($0.rawValue, 0) })
        for case let status? in statuses {
            counts[status.rawValue] = .int((counts[status.rawValue]?.intValue ?? 0) + 1)
        }
        return .object(counts)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

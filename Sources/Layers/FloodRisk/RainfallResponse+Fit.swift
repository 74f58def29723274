import Foundation

extension RainfallResponse {
    /// The design of one fit: per level reading, its lagged hourly rainfall and the
    /// cumulative rainfall at that time.
    struct Design {
        var levels: [Double] = []
        /// `lagged[k][i]`: rain at lag k for reading i.
        var lagged: [[Double]]
        var cumulative: [Double] = []

        init(lags: Int) { lagged = Array(repeating: [], count: lags + 1) }
    }

    /// Builds the design for a gauge: one row per level reading whose every lag has a
    /// rainfall reading (exactly on the hour stamps, an hour apart).
    ///
    /// - Parameters:
    ///   - levels: the gauge's readings in time order.
    ///   - rainfall: hourly rainfall in time order, stamped at the end of each hour.
    ///   - maxLagHours: the longest lag.
    static func design(levels: TimeSeries, rainfall: TimeSeries, maxLagHours: Int) -> Design {
        var design = Design(lags: maxLagHours)
        guard !rainfall.isEmpty, maxLagHours >= 0 else { return design }
        var rainAt: [Int64: Double] = [:]
        var cumulativeAt: [Int64: Double] = [:]
        var total = 0.0
        for (time, value) in zip(rainfall.times, rainfall.values) {
            let key = Int64(time.timeIntervalSince1970.rounded())
            total += value
            rainAt[key] = value
            cumulativeAt[key] = total
        }
        var r = 0  // index of the latest rainfall stamp at or before the reading
        for (time, level) in zip(levels.times, levels.values) {
            while r + 1 < rainfall.count, rainfall.times[r + 1] <= time { r += 1 }
            guard rainfall.times[r] <= time, time.timeIntervalSince(rainfall.times[r]) < 3600 else { continue }
            let stamp = Int64(rainfall.times[r].timeIntervalSince1970.rounded())
            var row: [Double] = []
            row.reserveCapacity(maxLagHours + 1)
            for k in 0...maxLagHours {
                guard let rain = rainAt[stamp - Int64(k) * 3600] else { break }
                row.append(rain)
            }
            guard row.count == maxLagHours + 1, let cumulative = cumulativeAt[stamp] else { continue }
            design.levels.append(level)
            for k in 0...maxLagHours { design.lagged[k].append(row[k]) }
            design.cumulative.append(cumulative)
        }
        return design
    }

    /// Fits a gauge's response to hourly rainfall (see the type's discussion).
    ///
    /// - Returns: the fit, or nil when there are too few complete readings (fewer than
    ///   twice the number of coefficients) or the rainfall has no variation at some lag
    ///   (for example no rain at all), which leaves the fit undetermined.
    public static func fit(levels: TimeSeries, rainfall: TimeSeries, maxLagHours: Int) -> RainfallResponse? {
        let design = design(levels: levels, rainfall: rainfall, maxLagHours: maxLagHours)
        let n = design.levels.count
        guard n >= 2 * (maxLagHours + 2) else { return nil }
        let ones = [Double](repeating: 1, count: n)
        guard let hourly = LeastSquares(columns: [ones] + design.lagged, y: design.levels),
            let rSquared = hourly.rSquared
        else { return nil }
        let cumulative = LeastSquares(columns: [ones, design.cumulative], y: design.levels)
        return RainfallResponse(
            intercept: hourly.coefficients[0], coefficients: Array(hourly.coefficients.dropFirst()),
            rSquared: rSquared, rootMeanSquaredError: hourly.rootMeanSquaredError,
            cumulativeRSquared: cumulative?.rSquared, observations: n)
    }
}

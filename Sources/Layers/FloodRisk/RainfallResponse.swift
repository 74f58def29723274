import Foundation

/// How one gauge's water level answers hourly rainfall, fitted by least squares:
///
///     level(t) = intercept + Σₖ coefficients[k] × rain(hour ending k hours before t's hour)
///
/// for lags k = 0 … `maxLagHours`. `rain(lag 0)` is the reading stamped at the latest
/// whole hour at or before `t` (rain is stamped at the end of its hour, JMA style), so a
/// level read at 10:10 sees the rain of 09:00–10:00 at lag 0 and of 08:00–09:00 at lag 1.
/// Every level reading whose lags are all in the rainfall series is one observation.
///
/// For comparison the same readings are fitted against cumulative rainfall (the running
/// total since the rainfall series begins), `level = a + b × cumulative(t)`; its R² is
/// reported beside the hourly fit's so the layer can show that hourly rainfall explains
/// the level better (a river answers recent rain and drains again; a running total only
/// grows).
public struct RainfallResponse: Sendable, Hashable {
    /// The level with no rain in the lag window, in metres.
    public var intercept: Double
    /// Metres of level per mm/h of rain at lags 0, 1, … `maxLagHours` hours.
    public var coefficients: [Double]
    /// R² of the hourly (lagged) fit.
    public var rSquared: Double
    /// Root mean squared residual of the hourly fit, in metres.
    public var rootMeanSquaredError: Double
    /// R² of the cumulative-rainfall fit on the same readings (nil when it cannot be fitted).
    public var cumulativeRSquared: Double?
    /// Level readings used.
    public var observations: Int

    public init(
        intercept: Double, coefficients: [Double], rSquared: Double, rootMeanSquaredError: Double,
        cumulativeRSquared: Double?, observations: Int
    ) {
        self.intercept = intercept
        self.coefficients = coefficients
        self.rSquared = rSquared
        self.rootMeanSquaredError = rootMeanSquaredError
        self.cumulativeRSquared = cumulativeRSquared
        self.observations = observations
    }

    /// The longest lag in hours.
    public var maxLagHours: Int { coefficients.count - 1 }

    /// Σ coefficients: metres of rise per mm/h of rain kept up over the whole lag window.
    public var sustainedGain: Double { coefficients.reduce(0, +) }

    /// The lag, in hours, with the largest coefficient: when the river answers most.
    public var peakLagHours: Int {
        coefficients.indices.max { coefficients[$0] < coefficients[$1] } ?? 0
    }

    /// The level the fit predicts for rain of `mmPerHour` kept up for `maxLagHours + 1`
    /// hours (every lag filled), the meaning of `--scenario rain=N`:
    /// `intercept + mmPerHour × sustainedGain`.
    public func predictedLevel(sustainedRain mmPerHour: Double) -> Double {
        intercept + mmPerHour * sustainedGain
    }
}

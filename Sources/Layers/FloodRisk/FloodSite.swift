import Foundation
import GeoCore

/// One river gauge as the flood-risk layer publishes it: the typed form of one
/// feature, for the composite layer and anything else that computes with it.
public struct FloodSite: Sendable, Hashable {
    public var sensor: RiverSensor
    /// Time of the latest reading at or before the as-of time; nil when the gauge has none.
    public var latestTime: Date?
    /// The latest level in metres; nil when the gauge has no reading.
    public var latestLevel: Double?
    /// Metres per hour over the rise-rate window (least-squares slope); nil with fewer
    /// than two readings in the window.
    public var riseRate: Double?
    /// The status now; nil when the gauge has no reading.
    public var status: FloodStatus?
    /// The fitted response to hourly rainfall; nil when it cannot be fitted.
    public var response: RainfallResponse?
    /// The scenario rainfall in mm/h, when a scenario was asked for.
    public var scenarioRain: Double?
    /// The level the fit predicts under the scenario (nil without a scenario or a fit).
    public var predictedLevel: Double?
    /// The status of the predicted level (level thresholds only: a sustained scenario
    /// has no rise rate).
    public var predictedStatus: FloodStatus?

    public init(sensor: RiverSensor) {
        self.sensor = sensor
    }

    /// The status that counts for hazard maps: the predicted one under a scenario,
    /// else the current one.
    public var effectiveStatus: FloodStatus? { predictedStatus ?? status }
}

import Foundation
import GeoCore

extension FloodRiskBuilder {
    /// A builder with the project's flood-risk settings, as-of time and zone; the
    /// scenario's rain, else the project's `scenarioRain` setting.
    public init(project: Project, scenario: LayerBuilder.Scenario = LayerBuilder.Scenario()) {
        self.init(
            settings: project.layers.floodRisk, asOf: project.asOf,
            scenarioRain: scenario.rain ?? project.layers.floodRisk.scenarioRain,
            utcOffsetSeconds: project.defaultUTCOffsetSeconds)
    }

    /// Reads gauges, levels and rainfall from the hub and builds the layer.
    ///
    /// - Throws: ``HubError`` when the hub cannot be read.
    public func build(catalogue: Catalogue) throws(HubError) -> BuiltLayer {
        let sensors = try catalogue.riverSensors()
        let levels = try catalogue.riverLevels()
        let rainfall = try catalogue.rainfall()
        return layer(
            sites: sites(sensors: sensors, levels: levels, rainfall: rainfall),
            asOf: effectiveAsOf(levels: levels))
    }
}

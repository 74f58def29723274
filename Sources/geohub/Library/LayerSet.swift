import Foundation
import GeoCore
import Layers

/// The layers of one project, built from its hub, with what route planning and
/// scenario variants need. An immutable value: the map service swaps whole sets.
struct LayerSet: Sendable {
    let project: Project
    /// The built layers by name; a layer whose sources are missing or disabled is absent.
    var layers: [LayerName: BuiltLayer] = [:]
    /// Layers that should have been built but failed, with the reason.
    var failures: [LayerName: String] = [:]
    /// The composite's route surface (nil when the composite is not built).
    var surface: RiskSurface?
    /// Basemap roads (lon/lat), the network routes are planned on.
    var roads: [Feature] = []
    /// Basemap rivers (lon/lat), an input of the composite's flood hazard.
    var rivers: [Feature] = []
    /// The child-traffic density used as the composite's exposure (it differs from
    /// the `child-traffic` layer when `composite.exposureWindow` names another window).
    var exposure: BuiltLayer?
    /// What the composite reads of ``exposure`` (already on the composite's grid, with
    /// the window it came from), kept in its place once the density is released
    /// (``releasingGrids()``); nil while ``exposure`` is kept or when there is none.
    var compositeExposure: CompositeExposure?
    /// The data's "now": the project's `asOf`, else the newest timestamp in the hub.
    var referenceTime: Date?
    /// The rainfall scenario the scenario-aware layers were built with (nil: none).
    var scenario: RainScenario?

    init(project: Project) {
        self.project = project
    }

    /// The layers in the fixed order of ``LayerName``.
    var orderedNames: [LayerName] { LayerName.allCases.filter { layers[$0] != nil } }

    /// Whether a layer changes with a rainfall scenario: flood-risk predicts levels,
    /// and the composite's flood hazard follows flood-risk.
    static func isScenarioAware(_ name: LayerName) -> Bool { name == .floodRisk || name == .composite }

    /// Whether the layer has vector features (GeoJSON, GeoPackage) rather than only a surface.
    static func hasFeatures(_ name: LayerName) -> Bool { name != .childTraffic && name != .composite }
}

extension LayerName {
    /// The hub sources without which the layer cannot be built (any one of `anyOf`
    /// suffices when it is not empty).
    var requiredSources: (all: [SourceKind], anyOf: [SourceKind]) {
        switch self {
        case .childTraffic: ([.childGPS], [])
        case .floodRisk: ([.riverSensors, .riverLevels], [])
        case .wildlife: ([.wildlifeCameras, .wildlifeDetections], [])
        case .censusDelta: ([.census], [])
        case .busRoutes: ([.gtfs], [])
        case .composite: ([], [.riverSensors, .wildlifeCameras])
        case .basemap: ([], [.boundary, .roads, .rivers, .schools])
        }
    }

    /// The layers this one is computed from (the composite combines three layers).
    var inputs: [LayerName] {
        self == .composite ? [.childTraffic, .floodRisk, .wildlife] : []
    }
}

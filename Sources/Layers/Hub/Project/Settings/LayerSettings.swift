import GeoCore

/// The project file's `layers` object: per-layer settings, each with its defaults.
public struct LayerSettings: Sendable, Hashable {
    public var childTraffic = ChildTrafficSettings()
    public var floodRisk = FloodRiskSettings()
    public var wildlife = WildlifeSettings()
    public var censusDelta = CensusDeltaSettings()
    public var busRoutes = BusRoutesSettings()
    public var composite = CompositeSettings()
    /// `enabled`, `public`, `minZoom`, `maxZoom` of every layer.
    public var options: [LayerName: LayerOptions] = Dictionary(
        uniqueKeysWithValues: LayerName.allCases.map { ($0, LayerOptions.defaults(for: $0)) })

    public init() {}

    /// The common options of `layer`.
    public func options(for layer: LayerName) -> LayerOptions { options[layer] ?? .defaults(for: layer) }

    /// Whether `layer` is served without the bearer token.
    public func isPublic(_ layer: LayerName) -> Bool { options(for: layer).isPublic }

    init(_ value: JSONValue?) throws(ProjectError) {
        self.init()
        guard let value else { return }
        let object = try SettingsObject(value, path: "layers")
        // child-traffic first: composite refers to its windows.
        for layer in [LayerName.childTraffic, .floodRisk, .wildlife, .censusDelta, .busRoutes, .composite, .basemap] {
            let settings = try object.object(layer.rawValue)
            options[layer] = try LayerOptions(settings, layer: layer)
            switch layer {
            case .childTraffic: childTraffic = try ChildTrafficSettings(settings)
            case .floodRisk: floodRisk = try FloodRiskSettings(settings)
            case .wildlife: wildlife = try WildlifeSettings(settings)
            case .censusDelta: censusDelta = try CensusDeltaSettings(settings)
            case .busRoutes: busRoutes = try BusRoutesSettings(settings)
            case .composite: composite = try CompositeSettings(settings, windows: childTraffic.windows)
            case .basemap: break
            }
            try settings?.finish()
        }
        for key in object.values.keys.sorted() where LayerName(rawValue: key) == nil {
            throw ProjectError(
                path: object.path(key),
                reason: "unknown layer (the layers are "
                    + "\(LayerName.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }
}

import GeoCore

extension RoadNetwork {
    /// The network of a project's basemap roads, read from its hub.
    ///
    /// - Throws: ``RouteError``: `noNetwork` when the hub has no roads, `preparation`
    ///   when the hub cannot be read or the roads cannot be noded.
    public init(catalogue: Catalogue, crs: CRS) throws(RouteError) {
        let roads: [Feature]
        do {
            roads = try catalogue.basemapFeatures(.roads)
        } catch {
            throw RouteError(.preparation, "cannot read the basemap roads from the hub: \(error)")
        }
        try self.init(roads: roads, crs: crs)
    }
}

extension RoutePlanner {
    /// A planner with the project's composite settings: `beta` and `maxSnapDistance`.
    ///
    /// ```swift
    /// let network = try RoadNetwork(catalogue: catalogue, crs: project.crs)
    /// let (layer, surface) = try CompositeBuilder(project: project).build(
    ///     childTraffic: childTraffic, floodRisk: floodRisk, wildlife: wildlife,
    ///     rivers: try catalogue.basemapFeatures(.rivers))
    /// let planner = try RoutePlanner(network: network, risk: surface, settings: project.layers.composite)
    /// let geoJSON = try planner.route(from: a, to: b, minuteOfDay: 5 * 60 + 30).geoJSON()
    /// ```
    public init(network: RoadNetwork, risk: RiskSurface?, settings: CompositeSettings) throws(RouteError) {
        try self.init(network: network, risk: risk, beta: settings.beta, maxSnapDistance: settings.maxSnapDistance)
    }
}

import Foundation
import GeoCore
import Layers

/// Safe and shortest routes on a built ``LayerSet``: the basemap roads as the network,
/// the composite's risk surface as the hazard (length alone when there is none).
///
/// Immutable once made (``RoutePlanner`` precomputes every edge's risk), so the map
/// service plans routes for many connections at once with one instance.
struct RouteService: Sendable {
    let planner: RoutePlanner

    /// Prepares the planner for `set`.
    ///
    /// - Throws: ``RouteError`` (`noNetwork` when the project has no roads).
    init(set: LayerSet) throws(RouteError) {
        let network = try RoadNetwork(roads: set.roads, crs: set.project.crs)
        planner = try RoutePlanner(network: network, risk: set.surface, settings: set.project.layers.composite)
    }

    /// The two routes as an RFC 7946 FeatureCollection (safe first).
    ///
    /// - Throws: ``RouteError`` for points off the network or not connected;
    ///   ``OutputError`` if a coordinate cannot be written.
    func geoJSON(from: Coordinate, to: Coordinate, at: TimeOfDay?) throws -> Data {
        let pair = try planner.route(from: from, to: to, minuteOfDay: at?.minutesSinceMidnight)
        return try pair.geoJSON()
    }
}

extension HubLibrary {
    /// `geohub route`: builds the layers routes depend on (the hub first, if the project
    /// has none yet) and plans the safe and the shortest route.
    func route(_ request: RouteRequest) throws -> Data {
        let project = try ProjectIngest.load(request.project)
        try ProjectIngest.ensureHub(project, progress: nil)
        let set = try LayerAssembly.build(project, wanted: [], routing: true, scenario: request.scenario)
        do {
            return try RouteService(set: set).geoJSON(from: request.from, to: request.to, at: request.at)
        } catch let error as RouteError {
            throw RuntimeError(error.description)
        }
    }
}

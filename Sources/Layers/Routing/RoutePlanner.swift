import GeoCore

/// Plans the safe and the shortest route between two points on the road network.
///
/// The safe route minimises `length × (1 + β × mean risk)` over the edges walked,
/// which is `length + β × ∫ risk ds`, with `risk` the composite's route hazard
/// (``RiskSurface/routeHazard(band:)``): flood plus wildlife hazard, 0…1 per metre,
/// the wildlife part taken in the time-of-day band of the requested time. A route's
/// `risk` is therefore in metres at full hazard: 100 means as much hazard as 100 m
/// on the bank of a river whose gauge is in danger. The shortest route minimises
/// length alone; both are measured the same way, so their `risk` values compare
/// directly.
///
/// β (default 4) is the exchange rate: the safe route walks at most β metres further
/// for each metre of full hazard it avoids, so a route that crosses 300 m of a bear
/// zone at its dawn peak (hazard about 1) is left for any detour under 1.2 km, while a
/// faint hazard (0.05 over the same 300 m) is worth at most a 60 m detour. Where no
/// hazard lies on the way the two routes are the same.
///
/// Snapping and cutting go through GEOS (``EdgeIndex``); a planner is an immutable
/// `Sendable` value built once per project (edge hazard integrals for every
/// time-of-day band are computed up front); ``route(from:to:minuteOfDay:)`` can then
/// run on any number of threads at once.
public struct RoutePlanner: Sendable {
    public let network: RoadNetwork
    /// The composite's route surface, or nil to plan on length alone (no hazards known).
    public let risk: RiskSurface?
    /// β of the cost (CompositeSettings.beta, default 4): metres of detour one metre of
    /// full hazard is worth.
    public let beta: Double
    /// Points further than this from every road (metres) are refused (default 500 m).
    public let maxSnapDistance: Double
    /// Per time variant (all day, then each band): ∫ hazard ds per edge and the hazard grid.
    let variants: [RiskVariant]
    /// lon/lat → network CRS.
    let toNetwork: CRSTransform

    public static let defaultMaxSnapDistance = 500.0

    /// Prepares the planner.
    ///
    /// - Throws: ``RouteError`` (`preparation`) when the risk surface is in another
    ///   CRS than the network, β is negative, or PROJ cannot reach the network's CRS.
    public init(
        network: RoadNetwork, risk: RiskSurface?, beta: Double,
        maxSnapDistance: Double = defaultMaxSnapDistance
    ) throws(RouteError) {
        guard beta >= 0, beta.isFinite else { throw RouteError(.preparation, "β must be a non-negative number") }
        guard maxSnapDistance > 0 else { throw RouteError(.preparation, "the snapping distance must be positive") }
        if let risk, risk.flood.crs != network.crs.definition {
            throw RouteError(.preparation, "the risk surface is in \(risk.flood.crs), the roads in \(network.crs)")
        }
        do {
            toNetwork = try CRSTransform(from: CRS.wgs84, to: network.crs)
        } catch {
            throw RouteError(.preparation, "cannot project into \(network.crs): \(error)")
        }
        self.network = network
        self.risk = risk
        self.beta = beta
        self.maxSnapDistance = maxSnapDistance
        let edges = network.edges
        func integrals(_ grid: MetricGrid?) -> [Double] {
            guard let grid else { return [Double](repeating: 0, count: edges.count) }
            return Array(
                GridParallel.map(count: edges.count, minimumChunk: 256) { range in
                    range.map { grid.integral(along: edges[$0].points) }
                }.joined())
        }
        let lengths = edges.map(\.length)
        let bands: [TimeOfDayBand?] = [nil] + TimeOfDayBand.allCases
        variants = bands.map { band in
            let grid = risk?.routeHazard(band: band)
            let edgeRisk = integrals(grid)
            return RiskVariant(
                edgeRisk: edgeRisk, safeCost: zip(lengths, edgeRisk).map { $0 + beta * $1 }, grid: grid)
        }
        shortestCost = lengths
    }

    /// Edge lengths: the shortest route's edge costs.
    let shortestCost: [Double]

    /// The risk of one time variant.
    struct RiskVariant: Sendable {
        /// ∫ risk ds along each whole edge.
        var edgeRisk: [Double]
        /// length + β ∫ risk ds per edge.
        var safeCost: [Double]
        /// The risk grid, for partial edges; nil without a risk surface.
        var grid: MetricGrid?
    }

    /// The safe and the shortest route from `from` to `to` (lon/lat degrees).
    ///
    /// - Parameters:
    ///   - from: start, snapped to the nearest point of the nearest road.
    ///   - to: end, snapped likewise.
    ///   - minuteOfDay: local time in minutes after midnight (`--at HH:MM`) choosing the
    ///     wildlife band; nil uses the all-day wildlife risk.
    /// - Throws: ``RouteError``: `invalidPoint` for a non-finite coordinate, `invalidTime`
    ///   for a minute outside 0…1439,
    ///   `offNetwork` when a point is more than ``maxSnapDistance`` from every road,
    ///   `disconnected` when no road joins the two.
    public func route(from: Coordinate, to: Coordinate, minuteOfDay: Int? = nil) throws(RouteError) -> RoutePair {
        if let minuteOfDay, !(0..<1440).contains(minuteOfDay) {
            throw RouteError(.invalidTime, "the time of day must be 00:00–23:59")
        }
        let index: EdgeIndex
        do {
            index = try EdgeIndex(network: network, context: GEOSContext.current)
        } catch {
            throw RouteError(.preparation, "cannot index the road network: \(error)")
        }
        let start = try snap(from, role: "start", index: index)
        let end = try snap(to, role: "end", index: index)
        let variant = variants[minuteOfDay.map { RiskSurface.band(minuteOfDay: $0) + 1 } ?? 0]
        let edgeRisk = variant.edgeRisk
        let grid = variant.grid

        // The points of a piece: the whole edge as stored, or GEOS's cut of it.
        func points(_ piece: PathPiece) throws(RouteError) -> [Coordinate] {
            let edge = network.edges[piece.edge]
            if piece.from <= 0 && piece.to >= edge.length { return edge.points }
            if piece.to <= 0 && piece.from >= edge.length { return edge.points.reversed() }
            do {
                return try index.cut(piece)
            } catch {
                throw RouteError(.preparation, "cannot cut a road at the route's end: \(error)")
            }
        }
        func measure(_ piece: PathPiece) throws(RouteError) -> (length: Double, risk: Double) {
            let edge = network.edges[piece.edge]
            let length = abs(piece.to - piece.from)
            if min(piece.from, piece.to) <= 0 && max(piece.from, piece.to) >= edge.length {
                return (length, edgeRisk[piece.edge])
            }
            return (length, grid?.integral(along: try points(piece)) ?? 0)
        }
        func search(safe: Bool) throws(RouteError) -> PathSearch {
            func cost(_ piece: PathPiece) throws(RouteError) -> Double {
                let m = try measure(piece)
                return safe ? m.length + beta * m.risk : m.length
            }
            let a = network.edges[start.edge]
            let b = network.edges[end.edge]
            let startPieces = [
                (a.from, PathPiece(edge: start.edge, from: start.offset, to: 0)),
                (a.to, PathPiece(edge: start.edge, from: start.offset, to: a.length)),
            ]
            var endArcs: [Int: [(piece: PathPiece, cost: Double)]] = [:]
            for (node, piece) in [
                (b.from, PathPiece(edge: end.edge, from: 0, to: end.offset)),
                (b.to, PathPiece(edge: end.edge, from: b.length, to: end.offset)),
            ] {
                endArcs[node, default: []].append((piece, try cost(piece)))
            }
            let direct = start.edge == end.edge ? PathPiece(edge: start.edge, from: start.offset, to: end.offset) : nil
            var startArcs: [(to: Int, piece: PathPiece, cost: Double)] = []
            for (node, piece) in startPieces { startArcs.append((node, piece, try cost(piece))) }
            return PathSearch(
                nodeCount: network.nodes.count, startArcs: startArcs, endArcs: endArcs,
                direct: try direct.map { piece throws(RouteError) in (piece: piece, cost: try cost(piece)) })
        }
        guard let shortest = try search(safe: false).run(network, edgeCost: shortestCost),
            let safe = try search(safe: true).run(network, edgeCost: variant.safeCost)
        else {
            throw RouteError(
                .disconnected,
                "no road joins the start and the end (they lie on separate parts of "
                    + "the road network)")
        }
        func route(_ kind: PlannedRoute.Kind, _ pieces: [PathPiece]) throws(RouteError) -> PlannedRoute {
            var coordinates: [Coordinate] = []
            var length = 0.0
            var exposure = 0.0
            for piece in pieces {
                let m = try measure(piece)
                length += m.length
                exposure += m.risk
                for p in try points(piece) where coordinates.last != p { coordinates.append(p) }
            }
            if coordinates.count == 1, let only = coordinates.first { coordinates.append(only) }
            do {
                coordinates = try toNetwork.inverse.transformed(coordinates)
            } catch {
                throw RouteError(.preparation, "cannot project the route back to lon/lat: \(error)")
            }
            return PlannedRoute(
                kind: kind, coordinates: coordinates, length: length, risk: exposure,
                cost: length + beta * exposure)
        }
        return RoutePair(
            safe: try route(.safe, safe.pieces), shortest: try route(.shortest, shortest.pieces),
            beta: beta, minuteOfDay: minuteOfDay, startSnapDistance: start.distance,
            endSnapDistance: end.distance)
    }

    /// Where a lon/lat point meets the network: its edge, the distance along it and
    /// how far the point was from it (GEOS, through ``EdgeIndex``).
    private func snap(_ point: Coordinate, role: String, index: EdgeIndex) throws(RouteError)
        -> (edge: Int, offset: Double, distance: Double)
    {
        guard point.isFinite, (-180...180).contains(point.x), (-90...90).contains(point.y) else {
            throw RouteError(.invalidPoint, "the \(role) point must be a longitude,latitude in degrees")
        }
        let metric: Coordinate
        do {
            metric = try toNetwork.transform(point)
        } catch {
            throw RouteError(.invalidPoint, "the \(role) point cannot be projected into \(network.crs)")
        }
        let hit: (edge: Int, offset: Double, distance: Double)?
        do {
            hit = try index.snap(metric)
        } catch {
            throw RouteError(.preparation, "cannot snap the \(role) point onto the roads: \(error)")
        }
        guard let hit else { throw RouteError(.noNetwork, "the road network is empty") }
        guard hit.distance <= maxSnapDistance else {
            throw RouteError(
                .offNetwork,
                "the \(role) point is \(Int(hit.distance.rounded())) m from the nearest road "
                    + "(at most \(Int(maxSnapDistance)) m); pick a point on or near a road")
        }
        return hit
    }
}

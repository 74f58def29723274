import GeoCore

/// Plans the safe and the shortest route between two points on the road network.
///
/// The safe route minimises `length × (1 + β × mean risk)` over the edges walked,
/// which is `length + β × ∫ risk ds`: the composite risk (hazard × children's
/// exposure) integrated along the way, with the wildlife part taken at the requested
/// time of day. The shortest route minimises length alone. Both are measured the same
/// way, so their `risk` values compare directly.
///
/// A planner is an immutable `Sendable` value built once per project (edge risk
/// integrals for every time-of-day band are computed up front); ``route(from:to:minuteOfDay:)``
/// can then run on any number of threads at once.
public struct RoutePlanner: Sendable {
    public let network: RoadNetwork
    /// The composite's route surface, or nil to plan on length alone (no hazards known).
    public let risk: RiskSurface?
    /// β of the cost (CompositeSettings.beta, default 4).
    public let beta: Double
    /// Points further than this from every road (metres) are refused (default 500 m).
    public let maxSnapDistance: Double
    /// Per time variant (all day, then each band): ∫ risk ds per edge and the risk grid.
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
        let flood = integrals(risk?.flood)
        let wildlife =
            [integrals(risk?.wildlife)] + (0..<RiskSurface.bandCount).map { integrals(risk?.wildlifeByBand[$0]) }
        let lengths = edges.map(\.length)
        variants = wildlife.enumerated().map { index, wild in
            let edgeRisk = zip(flood, wild).map { $0 + $1 }
            return RiskVariant(
                edgeRisk: edgeRisk, safeCost: zip(lengths, edgeRisk).map { $0 + beta * $1 },
                grid: risk?.grid(minuteOfDay: index == 0 ? nil : (index - 1) * 360))
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
        let start = try snap(from, role: "start")
        let end = try snap(to, role: "end")
        let variant = variants[minuteOfDay.map { RiskSurface.band(minuteOfDay: $0) + 1 } ?? 0]
        let edgeRisk = variant.edgeRisk
        let grid = variant.grid

        func measure(_ piece: PathPiece) -> (length: Double, risk: Double) {
            let edge = network.edges[piece.edge]
            let length = abs(piece.to - piece.from)
            if min(piece.from, piece.to) <= 0 && max(piece.from, piece.to) >= edge.length {
                return (length, edgeRisk[piece.edge])
            }
            let points = Polyline.cut(edge.points, cumulative: edge.cumulative, from: piece.from, to: piece.to)
            return (length, grid?.integral(along: points) ?? 0)
        }
        func search(safe: Bool) -> PathSearch {
            func cost(_ piece: PathPiece) -> Double {
                let m = measure(piece)
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
                endArcs[node, default: []].append((piece, cost(piece)))
            }
            let direct = start.edge == end.edge ? PathPiece(edge: start.edge, from: start.offset, to: end.offset) : nil
            return PathSearch(
                nodeCount: network.nodes.count,
                startArcs: startPieces.map { (to: $0.0, piece: $0.1, cost: cost($0.1)) },
                endArcs: endArcs, direct: direct.map { (piece: $0, cost: cost($0)) })
        }
        guard let shortest = search(safe: false).run(network, edgeCost: shortestCost),
            let safe = search(safe: true).run(network, edgeCost: variant.safeCost)
        else {
            throw RouteError(
                .disconnected,
                "no road joins the start and the end (they lie on separate parts of "
                    + "the road network)")
        }
        func route(_ kind: PlannedRoute.Kind, _ pieces: [PathPiece]) throws(RouteError) -> PlannedRoute {
            var points: [Coordinate] = []
            var length = 0.0
            var exposure = 0.0
            for piece in pieces {
                let edge = network.edges[piece.edge]
                let m = measure(piece)
                length += m.length
                exposure += m.risk
                for p in Polyline.cut(edge.points, cumulative: edge.cumulative, from: piece.from, to: piece.to)
                where points.last != p {
                    points.append(p)
                }
            }
            if points.count == 1, let only = points.first { points.append(only) }
            do {
                points = try toNetwork.inverse.transformed(points)
            } catch {
                throw RouteError(.preparation, "cannot project the route back to lon/lat: \(error)")
            }
            return PlannedRoute(
                kind: kind, coordinates: points, length: length, risk: exposure,
                cost: length + beta * exposure)
        }
        return RoutePair(
            safe: try route(.safe, safe.pieces), shortest: try route(.shortest, shortest.pieces),
            beta: beta, minuteOfDay: minuteOfDay, startSnapDistance: start.distance,
            endSnapDistance: end.distance)
    }

    /// Where a lon/lat point meets the network: its edge, the distance along it and
    /// how far the point was from it.
    private func snap(_ point: Coordinate, role: String) throws(RouteError)
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
        guard let hit = network.segments.nearest(to: metric, maxDistance: .infinity, edges: network.edges) else {
            throw RouteError(.noNetwork, "the road network is empty")
        }
        guard hit.distance <= maxSnapDistance else {
            throw RouteError(
                .offNetwork,
                "the \(role) point is \(Int(hit.distance.rounded())) m from the nearest road "
                    + "(at most \(Int(maxSnapDistance)) m); pick a point on or near a road")
        }
        let edge = network.edges[Int(hit.entry.edge)]
        let s = Int(hit.entry.segment)
        let offset = edge.cumulative[s] + hit.t * (edge.cumulative[s + 1] - edge.cumulative[s])
        return (Int(hit.entry.edge), offset, hit.distance)
    }
}

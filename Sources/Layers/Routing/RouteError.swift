/// Why no route could be planned: the request was malformed, a point is too far from
/// any road, the two points are not connected, or there is no road network at all.
public struct RouteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for callers that answer differently (HTTP 400 vs 404).
    public enum Kind: String, Sendable, Hashable {
        /// A coordinate is not a finite lon/lat, or lies outside the project area.
        case invalidPoint
        /// The time of day is not 00:00–23:59.
        case invalidTime
        /// A point is further than the snapping limit from every road.
        case offNetwork
        /// No road path joins the two points.
        case disconnected
        /// The project has no usable roads.
        case noNetwork
        /// The road network or risk surface could not be prepared (GEOS/PROJ failure).
        case preparation
    }

    public var kind: Kind
    /// What was wrong and what to do about it.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "route: \(message)" }
}

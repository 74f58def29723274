import Foundation
import GeoCore

/// One planned route.
public struct PlannedRoute: Sendable, Hashable {
    /// Which of the two routes this is (the GeoJSON `route` property).
    public enum Kind: String, Sendable, Hashable, Codable {
        case safe
        case shortest
    }

    public var kind: Kind
    /// The path in lon/lat degrees, from the snapped start to the snapped end.
    public var coordinates: [Coordinate]
    /// Length in metres (in the project CRS).
    public var length: Double
    /// The route hazard (0…1) integrated along the route: metres at full hazard.
    public var risk: Double
    /// `length + β × risk`, what the safe route minimises.
    public var cost: Double

    /// Risk per metre walked (0 for a zero-length route).
    public var meanRisk: Double { length > 0 ? risk / length : 0 }
}

/// The answer to a route request: the safe and the shortest route together.
public struct RoutePair: Sendable, Hashable {
    public var safe: PlannedRoute
    public var shortest: PlannedRoute
    /// β used for the safe route.
    public var beta: Double
    /// The local time the wildlife risk was taken at (minutes after midnight), nil for all day.
    public var minuteOfDay: Int?
    /// How far the start and end points were from the road they were snapped to, in metres.
    public var startSnapDistance: Double
    public var endSnapDistance: Double

    /// The two routes as GeoJSON features (safe first), as DESIGN.md fixes them:
    /// LineStrings with `route` (`safe` | `shortest`), `length_m` and `risk`, plus
    /// `mean_risk`, `cost`, `beta`, `at` (`HH:MM` or null) and the snap distances.
    public var features: [Feature] {
        [safe, shortest].map { route in
            Feature(
                id: route.kind.rawValue, shape: .lineString(route.coordinates),
                properties: [
                    "route": .string(route.kind.rawValue),
                    "length_m": .double(Self.rounded(route.length, 2)),
                    "risk": .double(Self.rounded(route.risk, 4)),
                    "mean_risk": .double(Self.rounded(route.meanRisk, 6)),
                    "cost": .double(Self.rounded(route.cost, 2)),
                    "beta": .double(beta),
                    "at": minuteOfDay.map { .string(Self.clock($0)) } ?? .null,
                    "start_snap_m": .double(Self.rounded(startSnapDistance, 2)),
                    "end_snap_m": .double(Self.rounded(endSnapDistance, 2)),
                ])
        }
    }

    /// The FeatureCollection as GeoJSON text (RFC 7946, 7 decimals).
    ///
    /// - Throws: ``OutputError`` when a coordinate is not finite.
    public func geoJSON() throws(OutputError) -> Data {
        try GeoJSONWriter().data(for: features)
    }

    static func rounded(_ value: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

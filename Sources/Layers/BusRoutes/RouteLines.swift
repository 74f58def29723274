import GeoCore

/// The lines of each route: the distinct GTFS shapes its trips use, or for trips
/// without a shape, their stops in `stop_sequence` order; lengths in the project CRS.
struct RouteLines {
    var route: GTFSRoute
    var lines: [[Coordinate]] = []
    var shapeIDs: [String?] = []
    var lengths: [Double] = []
    var source: RouteLineSource = .shapes

    /// One entry per route of the feed, in feed order.
    static func routes(feed: GTFSFeed, crs: CRS) throws(PROJError) -> [RouteLines] {
        let shapes = Dictionary(feed.shapes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let stops = Dictionary(
            feed.stops.compactMap { s in s.location.map { (s.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var callsByTrip: [String: [GTFSStopTime]] = [:]
        for time in feed.stopTimes { callsByTrip[time.tripID, default: []].append(time) }
        var tripsByRoute: [String: [GTFSTrip]] = [:]
        for trip in feed.trips { tripsByRoute[trip.routeID, default: []].append(trip) }
        let toMetric = try CRSTransform(from: .wgs84, to: crs)
        var result: [RouteLines] = []
        for route in feed.routes {
            var entry = RouteLines(route: route)
            var seenShapes: Set<String> = []
            var seenSequences: Set<[String]> = []
            var fromShapes = 0
            var fromStops = 0
            for trip in tripsByRoute[route.id] ?? [] {
                if let id = trip.shapeID, let shape = shapes[id], shape.points.count >= 2 {
                    fromShapes += 1
                    guard seenShapes.insert(id).inserted else { continue }
                    entry.lines.append(shape.points)
                    entry.shapeIDs.append(id)
                } else {
                    let calls = (callsByTrip[trip.id] ?? []).sorted { $0.stopSequence < $1.stopSequence }
                    let ids = calls.map(\.stopID).filter { stops[$0] != nil }
                    guard ids.count >= 2 else { continue }
                    fromStops += 1
                    guard seenSequences.insert(ids).inserted else { continue }
                    entry.lines.append(ids.compactMap { stops[$0] })
                    entry.shapeIDs.append(nil)
                }
            }
            entry.source = fromStops == 0 ? .shapes : fromShapes == 0 ? .stops : .mixed
            entry.lengths = try entry.lines.map { line throws(PROJError) in
                GTFSShape.length(ofProjected: try toMetric.transformed(line))
            }
            result.append(entry)
        }
        return result
    }
}

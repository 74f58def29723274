import GeoCore

/// A shape of a GTFS feed (`shapes.txt`): the path vehicles follow, points in
/// `shape_pt_sequence` order.
public struct GTFSShape: Sendable, Hashable {
    public var id: String
    /// Lon/lat degrees, in sequence order.
    public var points: [Coordinate]
    /// `shape_dist_traveled` per point, when the feed gives it (units are the feed's).
    public var distances: [Double?]

    public init(id: String, points: [Coordinate], distances: [Double?] = []) {
        self.id = id
        self.points = points
        self.distances = distances.isEmpty ? Array(repeating: nil, count: points.count) : distances
    }

    /// The shape's length in the units of a projected CRS, given its points projected
    /// into that CRS (the sum of straight segments).
    public static func length(ofProjected points: [Coordinate]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }
}

/// A GTFS or GTFS-JP feed, read whole: the tables the bus-routes layer needs.
public struct GTFSFeed: Sendable, Hashable {
    public var stops: [GTFSStop] = []
    public var routes: [GTFSRoute] = []
    public var trips: [GTFSTrip] = []
    public var stopTimes: [GTFSStopTime] = []
    public var shapes: [GTFSShape] = []
    public var calendar: [GTFSCalendar] = []
    public var calendarDates: [GTFSCalendarDate] = []

    public init() {}
}

import GeoCore

/// A stop, station or entrance of a GTFS feed (`stops.txt`).
public struct GTFSStop: Sendable, Hashable {
    /// `stop_id`, kept as written (`0101` keeps its zero).
    public var id: String
    public var name: String
    /// `stop_lon`, `stop_lat`; nil only for generic nodes and boarding areas
    /// (location_type 3 and 4), which GTFS lets go without a position.
    public var location: Coordinate?
    /// `location_type`: 0 stop or platform, 1 station, 2 entrance, 3 generic node, 4 boarding area.
    public var locationType: Int
    /// `parent_station`, when given.
    public var parentStation: String?

    public init(id: String, name: String, location: Coordinate?, locationType: Int = 0, parentStation: String? = nil) {
        self.id = id
        self.name = name
        self.location = location
        self.locationType = locationType
        self.parentStation = parentStation
    }
}

/// A route of a GTFS feed (`routes.txt`).
public struct GTFSRoute: Sendable, Hashable {
    /// `route_id`, kept as written.
    public var id: String
    public var agencyID: String?
    public var shortName: String?
    public var longName: String?
    /// `route_type` (3 is bus).
    public var type: Int
    /// `route_color` as six hex digits, when given.
    public var color: String?

    public init(
        id: String, agencyID: String? = nil, shortName: String?, longName: String?, type: Int,
        color: String? = nil
    ) {
        self.id = id
        self.agencyID = agencyID
        self.shortName = shortName
        self.longName = longName
        self.type = type
        self.color = color
    }

    /// The short name, else the long name, else the id.
    public var displayName: String { shortName ?? longName ?? id }
}

/// A trip of a GTFS feed (`trips.txt`).
public struct GTFSTrip: Sendable, Hashable {
    public var id: String
    public var routeID: String
    public var serviceID: String
    public var shapeID: String?
    /// `direction_id` (0 or 1), when given.
    public var directionID: Int?
    public var headsign: String?

    public init(
        id: String, routeID: String, serviceID: String, shapeID: String? = nil, directionID: Int? = nil,
        headsign: String? = nil
    ) {
        self.id = id
        self.routeID = routeID
        self.serviceID = serviceID
        self.shapeID = shapeID
        self.directionID = directionID
        self.headsign = headsign
    }
}

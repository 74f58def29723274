import Foundation
import GeoCore

/// Board/alight counts of a stop or route in the period, by rider type.
public struct RidershipCounts: Sendable, Hashable {
    /// `board` events by rider type.
    public var boardings: [RiderType: Int] = [:]
    /// `alight` events by rider type.
    public var alightings: [RiderType: Int] = [:]

    public init() {}

    /// All `board` events: the `boardings` property.
    public var totalBoardings: Int { boardings.values.reduce(0, +) }
    public var totalAlightings: Int { alightings.values.reduce(0, +) }

    mutating func add(_ count: BoardingCount) {
        switch count.event {
        case .board: boardings[count.riderType, default: 0] += count.count
        case .alight: alightings[count.riderType, default: 0] += count.count
        }
    }
}

/// One stop of the bus-routes layer.
public struct BusStopSummary: Sendable, Hashable {
    public var stop: GTFSStop
    /// Routes whose trips call here, in feed order.
    public var routeIDs: [String]
    public var ridership: RidershipCounts
    /// Trip calls per day over the period's days (a trip calling twice counts twice).
    public var tripsPerDay: Double
    /// Fewer `board` events in the period than the low-use threshold (default 10).
    public var isLowUse: Bool
    /// Residents within walking distance; nil without census data.
    public var catchment: CatchmentPopulation?

    public init(
        stop: GTFSStop, routeIDs: [String], ridership: RidershipCounts, tripsPerDay: Double, isLowUse: Bool,
        catchment: CatchmentPopulation? = nil
    ) {
        self.stop = stop
        self.routeIDs = routeIDs
        self.ridership = ridership
        self.tripsPerDay = tripsPerDay
        self.isLowUse = isLowUse
        self.catchment = catchment
    }
}

/// Where a route's line comes from.
public enum RouteLineSource: String, Sendable, Hashable, Codable {
    /// GTFS `shapes.txt`.
    case shapes
    /// The stops of its trips in `stop_sequence` order (no shape given).
    case stops
    /// Some trips have shapes, some not.
    case mixed
}

/// One route of the bus-routes layer.
public struct BusRouteSummary: Sendable, Hashable {
    public var route: GTFSRoute
    /// Distinct lines its trips follow, lon/lat.
    public var lines: [[Coordinate]]
    /// The shape ids behind `lines` (nil for a line made from stops).
    public var shapeIDs: [String?]
    public var lineSource: RouteLineSource
    /// Length of each line in metres (project CRS).
    public var lineLengths: [Double]
    /// Distinct stops its trips call at, in first-call order.
    public var stopIDs: [String]
    /// Trips per day over the period's days, and over its weekdays and weekend days
    /// (nil when the period has none of them).
    public var tripsPerDay: Double
    public var tripsPerWeekday: Double?
    public var tripsPerWeekendDay: Double?
    public var ridership: RidershipCounts
    /// Residents within walking distance of any of its stops; nil without census data.
    public var catchment: CatchmentPopulation?

    public init(
        route: GTFSRoute, lines: [[Coordinate]], shapeIDs: [String?], lineSource: RouteLineSource,
        lineLengths: [Double], stopIDs: [String], tripsPerDay: Double, tripsPerWeekday: Double?,
        tripsPerWeekendDay: Double?, ridership: RidershipCounts, catchment: CatchmentPopulation? = nil
    ) {
        self.route = route
        self.lines = lines
        self.shapeIDs = shapeIDs
        self.lineSource = lineSource
        self.lineLengths = lineLengths
        self.stopIDs = stopIDs
        self.tripsPerDay = tripsPerDay
        self.tripsPerWeekday = tripsPerWeekday
        self.tripsPerWeekendDay = tripsPerWeekendDay
        self.ridership = ridership
        self.catchment = catchment
    }

    /// Σ line lengths in metres.
    public var length: Double { lineLengths.reduce(0, +) }
}

/// The bus-routes layer as typed values.
public struct BusRoutesResult: Sendable, Hashable {
    public var routes: [BusRouteSummary]
    public var stops: [BusStopSummary]
    /// Census cells that grew and have no stop within walking distance.
    public var unservedGrowingCells: [CensusDeltaCell]
    /// The boardings period; nil when there are no boardings.
    public var period: DateInterval?
    /// The days trips were counted over.
    public var serviceDays: [ServiceDay]
    /// The census years compared (earlier, later), when census data was given.
    public var censusYears: [Int]?
    /// Census cells left out of catchments because a year's figure is unknown.
    public var skippedCensusCells: Int

    public init(
        routes: [BusRouteSummary], stops: [BusStopSummary], unservedGrowingCells: [CensusDeltaCell],
        period: DateInterval?, serviceDays: [ServiceDay], censusYears: [Int]?,
        skippedCensusCells: Int = 0
    ) {
        self.routes = routes
        self.stops = stops
        self.unservedGrowingCells = unservedGrowingCells
        self.period = period
        self.serviceDays = serviceDays
        self.censusYears = censusYears
        self.skippedCensusCells = skippedCensusCells
    }
}

import Foundation
import GeoCore

/// Builds the `bus-routes` layer: route lines, stops with ridership and service, the
/// population within walking distance of each, and the growing cells no stop serves.
///
/// - Lines: each route's trips' distinct GTFS shapes; a trip without a shape gives the
///   line through its stops in `stop_sequence` order.
/// - Ridership: `board`/`alight` events by rider type in the period (the last
///   `periodDays` before the as-of time, else every boarding); `boardings` counts
///   `board` events; a stop with fewer than `lowUseThreshold` (default 10) is low-use.
/// - Trips per day: trips active on each local day of the period (GTFS calendar and
///   calendar_dates), averaged over the days; without boardings, over the feed's span.
/// - Walking catchments (with census data): a disc of `walkingDistance` metres
///   (default 300) around each stop in the project CRS; a route's catchment is the
///   union of its stops' discs (people board at stops, not along the line). Residents
///   are area-weighted from the census-delta cells (``WalkingCatchment``), for both
///   census years.
/// - Unserved growing cells: census cells whose population grew and that have no stop
///   within walking distance (GEOS distance, not the disc's polygon).
public struct BusRoutesBuilder: Sendable {
    public var settings: BusRoutesSettings
    /// The project's metric CRS.
    public var crs: CRS
    /// The zone of the period's days.
    public var timeZone: TimeZone

    public init(settings: BusRoutesSettings = BusRoutesSettings(), crs: CRS, timeZone: TimeZone) {
        self.settings = settings
        self.crs = crs
        self.timeZone = timeZone
    }

    public init(project: Project) {
        self.init(settings: project.layers.busRoutes, crs: project.crs, timeZone: project.timeZone)
    }

    /// Computes routes, stops and unserved cells.
    ///
    /// - Parameters:
    ///   - feed: the GTFS feed.
    ///   - boardings: counts in the period (``Catalogue/boardingCounts(in:)``).
    ///   - period: the boardings period (days of trips per day); nil: the feed's span.
    ///   - census: the census-delta cells for catchments; nil leaves them out.
    /// - Throws: ``GEOSError``, ``PROJError``.
    public func build(
        feed: GTFSFeed, boardings: [BoardingCount], period: DateInterval?,
        census: CensusDeltaResult?
    ) throws -> BusRoutesResult {
        let days =
            period.map { ServiceDay.days(covering: $0, timeZone: timeZone) }
            ?? ServiceCalendar(feed: feed).span.map(ServiceDay.days(in:)) ?? []
        let service = ServiceActivity(feed: feed, days: days)
        var stopRidership: [String: RidershipCounts] = [:]
        var routeRidership: [String: RidershipCounts] = [:]
        for count in boardings {
            stopRidership[count.stopID, default: RidershipCounts()].add(count)
            routeRidership[count.routeID, default: RidershipCounts()].add(count)
        }
        var stops = feed.stops.filter { $0.location != nil && $0.locationType == 0 }.map { stop in
            let ridership = stopRidership[stop.id] ?? RidershipCounts()
            return BusStopSummary(
                stop: stop, routeIDs: service.routesCalling[stop.id] ?? [], ridership: ridership,
                tripsPerDay: service.callsPerDay[stop.id] ?? 0,
                isLowUse: ridership.totalBoardings < settings.lowUseThreshold)
        }
        var routes = try RouteLines.routes(feed: feed, crs: crs).map { lines in
            BusRouteSummary(
                route: lines.route, lines: lines.lines, shapeIDs: lines.shapeIDs, lineSource: lines.source,
                lineLengths: lines.lengths, stopIDs: service.stopsOfRoute[lines.route.id] ?? [],
                tripsPerDay: service.tripsPerDay[lines.route.id]?.all ?? 0,
                tripsPerWeekday: service.tripsPerDay[lines.route.id]?.weekdays,
                tripsPerWeekendDay: service.tripsPerDay[lines.route.id]?.weekends,
                ridership: routeRidership[lines.route.id] ?? RidershipCounts())
        }
        var unserved: [CensusDeltaCell] = []
        var skipped = 0
        if let census {
            let context = try GEOSContext.current
            let catchment = try WalkingCatchment(
                census: census, crs: crs, distance: settings.walkingDistance,
                context: context)
            skipped = catchment.skippedCells
            let points = try CRSTransform(from: .wgs84, to: crs).transformed(stops.compactMap(\.stop.location))
            let candidates = try catchment.candidates(of: points)
            let discs = try points.map { p in try catchment.disc(around: p) }
            for i in stops.indices {
                stops[i].catchment = try catchment.population(of: discs[i], candidates: candidates[i])
            }
            let index = Dictionary(stops.indices.map { (stops[$0].stop.id, $0) }, uniquingKeysWith: { a, _ in a })
            for r in routes.indices {
                let members = routes[r].stopIDs.compactMap { index[$0] }
                guard !members.isEmpty else { continue }
                let union = try Geometry.unaryUnion(members.map { discs[$0] }, context: context)
                routes[r].catchment = try catchment.population(
                    of: union, candidates: members.flatMap { candidates[$0] })
            }
            let served = Set(candidates.joined())
            unserved = catchment.cells.indices.filter { i in
                (catchment.cells[i].populationChange ?? 0) > 0 && !served.contains(i)
            }.map { catchment.cells[$0] }
        }
        return BusRoutesResult(
            routes: routes, stops: stops, unservedGrowingCells: unserved, period: period,
            serviceDays: days, censusYears: census.map { [$0.fromYear, $0.toYear] },
            skippedCensusCells: skipped)
    }
}

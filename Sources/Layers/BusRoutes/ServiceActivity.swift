/// Trips per day of routes and stop calls per day, from the GTFS calendar over a
/// list of days, plus which routes call at which stops.
struct ServiceActivity {
    /// Route id → trips per day over all days, weekdays and weekend days.
    var tripsPerDay: [String: (all: Double, weekdays: Double?, weekends: Double?)] = [:]
    /// Stop id → trip calls per day.
    var callsPerDay: [String: Double] = [:]
    /// Stop id → route ids calling there, in feed order of the routes.
    var routesCalling: [String: [String]] = [:]
    /// Route id → stop ids its trips call at, in first-call order.
    var stopsOfRoute: [String: [String]] = [:]

    init(feed: GTFSFeed, days: [ServiceDay]) {
        let calendar = ServiceCalendar(feed: feed)
        let weekdayCount = days.filter(\.isWeekday).count
        let weekendCount = days.count - weekdayCount
        // Active days per service: all, weekdays, weekend.
        var activity: [String: (all: Int, weekdays: Int, weekends: Int)] = [:]
        for service in Set(feed.trips.map(\.serviceID)) {
            var counts = (all: 0, weekdays: 0, weekends: 0)
            for day in days where calendar.runs(service, on: day.date, weekday: day.weekday) {
                counts.all += 1
                if day.isWeekday { counts.weekdays += 1 } else { counts.weekends += 1 }
            }
            activity[service] = counts
        }
        var callsByTrip: [String: [(sequence: Int, stop: String)]] = [:]
        for time in feed.stopTimes { callsByTrip[time.tripID, default: []].append((time.stopSequence, time.stopID)) }
        var routeTotals: [String: (all: Int, weekdays: Int, weekends: Int)] = [:]
        var callTotals: [String: Int] = [:]
        var routesAtStop: [String: Set<String>] = [:]
        for trip in feed.trips {
            let a = activity[trip.serviceID] ?? (0, 0, 0)
            var total = routeTotals[trip.routeID] ?? (0, 0, 0)
            total.all += a.all
            total.weekdays += a.weekdays
            total.weekends += a.weekends
            routeTotals[trip.routeID] = total
            for call in (callsByTrip[trip.id] ?? []).sorted(by: { $0.sequence < $1.sequence }) {
                callTotals[call.stop, default: 0] += a.all
                routesAtStop[call.stop, default: []].insert(trip.routeID)
                if !(stopsOfRoute[trip.routeID]?.contains(call.stop) ?? false) {
                    stopsOfRoute[trip.routeID, default: []].append(call.stop)
                }
            }
        }
        let dayCount = Double(max(days.count, 1))
        for (route, t) in routeTotals {
            tripsPerDay[route] = (
                Double(t.all) / dayCount,
                weekdayCount > 0 ? Double(t.weekdays) / Double(weekdayCount) : nil,
                weekendCount > 0 ? Double(t.weekends) / Double(weekendCount) : nil
            )
        }
        callsPerDay = callTotals.mapValues { Double($0) / dayCount }
        let routeOrder = feed.routes.map(\.id)
        routesCalling = routesAtStop.mapValues { set in
            routeOrder.filter(set.contains) + set.subtracting(routeOrder).sorted()
        }
    }
}

import Foundation
import GeoCore

/// Writes `gtfs.zip`, a GTFS-JP feed of the synthetic city bus.
struct GTFSWriter {
    let bus: BusNetwork
    let roads: RoadNetwork
    static let validFrom = CivilDate(2022, 4, 1)
    static let validTo = CivilDate(2023, 3, 31)

    func data() -> Data {
        var files: [(String, TextSink)] = []
        var agency = TextSink()
        agency.line("agency_id,agency_name,agency_url,agency_timezone,agency_lang")
        agency.line("8000020062090,長井市営バス,https://www.city.nagai.yamagata.jp/,Asia/Tokyo,ja")
        files.append(("agency.txt", agency))

        var agencyJP = TextSink()
        agencyJP.line("agency_id,agency_official_name,agency_address")
        agencyJP.line("8000020062090,長井市,山形県長井市")
        files.append(("agency_jp.txt", agencyJP))

        var stops = TextSink()
        stops.line("stop_id,stop_name,stop_lat,stop_lon,location_type")
        for stop in bus.stops {
            let c = roads.nodes[stop.node].coordinate
            stops.record([stop.id, stop.name, Numbers.fixed(c.lat, 6), Numbers.fixed(c.lon, 6), "0"])
        }
        files.append(("stops.txt", stops))

        var routes = TextSink()
        routes.line("route_id,agency_id,route_short_name,route_long_name,route_type,route_color,route_text_color")
        for route in BusNetwork.routes {
            routes.record([route.id, "8000020062090", route.shortName, route.longName, "3", route.color, "FFFFFF"])
        }
        files.append(("routes.txt", routes))

        var trips = TextSink()
        trips.line("route_id,service_id,trip_id,trip_headsign,direction_id,shape_id")
        var stopTimes = TextSink()
        stopTimes.line("trip_id,arrival_time,departure_time,stop_id,stop_sequence")
        for trip in bus.trips {
            let pattern = bus.patterns[trip.pattern]
            let headsign = bus.stops[pattern.stops[pattern.stops.count - 1]].name
            trips.record([
                pattern.route.id, trip.weekday ? "平日" : "土休日", trip.id, headsign,
                String(pattern.direction), pattern.shapeID,
            ])
            for (sequence, stop) in pattern.stops.enumerated() {
                let time = BusNetwork.clock(trip.start + pattern.offsets[sequence])
                stopTimes.record([trip.id, time, time, bus.stops[stop].id, String(sequence + 1)])
            }
        }
        files.append(("trips.txt", trips))
        files.append(("stop_times.txt", stopTimes))

        var calendar = TextSink()
        calendar.line("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date")
        calendar.line("平日,1,1,1,1,1,0,0,\(GTFSWriter.validFrom.compact),\(GTFSWriter.validTo.compact)")
        calendar.line("土休日,0,0,0,0,0,1,1,\(GTFSWriter.validFrom.compact),\(GTFSWriter.validTo.compact)")
        files.append(("calendar.txt", calendar))

        var shapes = TextSink()
        shapes.line("shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence")
        for pattern in bus.patterns {
            for (sequence, point) in pattern.shape.enumerated() {
                shapes.record([
                    pattern.shapeID, Numbers.fixed(point.lat, 6), Numbers.fixed(point.lon, 6),
                    String(sequence + 1),
                ])
            }
        }
        files.append(("shapes.txt", shapes))

        var feedInfo = TextSink()
        feedInfo.line("feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date,feed_version")
        feedInfo.line(
            "geohub example (synthetic),https://www.city.nagai.yamagata.jp/,ja,"
                + "\(GTFSWriter.validFrom.compact),\(GTFSWriter.validTo.compact),2022-09-01")
        files.append(("feed_info.txt", feedInfo))

        var zip = StoredZip()
        for (name, sink) in files.sorted(by: { $0.0 < $1.0 }) { zip.add(name, sink.data) }
        return zip.data
    }
}

import Foundation
import TestSupport

/// The bus-routes layer recomputed in Python: gtfs-kit for trip activity and shape
/// geometry, pyproj + shapely for walking discs, their intersections with jismesh
/// cells and distances, the csv module for boardings.
enum BusRoutesReference {
    struct Route: Decodable {
        var tripsPerDay: Double
        var tripsWeekday: Double?
        var tripsWeekend: Double?
        var shapeLengths: [String: Double]
        var shapeLengthsUTM: [String: Double]
        var population: Double
        var populationFrom: Double
        var boardings: Int
    }

    struct Stop: Decodable {
        var callsPerDay: Double
        var boardings: Int
        var riders: [String: Int]
        var alightings: Int
        var population: Double
        var populationFrom: Double
    }

    struct Answer: Decodable {
        var routes: [String: Route]
        var stops: [String: Stop]
        var unserved: [String]
    }

    /// Arguments: gtfs zip, census CSV (`mesh_code,year,population,households`, two
    /// years), boardings CSV, first and last day (YYYYMMDD), CRS, walking distance.
    static let script = """
        import csv, json, sys
        from datetime import date, timedelta
        import gtfs_kit as gk
        import jismesh.utils as ju
        from pyproj import Transformer
        from shapely.geometry import Point, Polygon
        import shapely
        from shapely.ops import unary_union
        gtfs, census_path, boardings_path, first, last, crs, distance = sys.argv[1:8]
        distance = float(distance)
        feed = gk.read_feed(gtfs, dist_units="km")
        d0 = date(int(first[:4]), int(first[4:6]), int(first[6:]))
        d1 = date(int(last[:4]), int(last[4:6]), int(last[6:]))
        days = [d0 + timedelta(n) for n in range((d1 - d0).days + 1)]
        names = [d.strftime("%Y%m%d") for d in days]
        weekday = [n for n, d in zip(names, days) if d.weekday() < 5]
        weekend = [n for n, d in zip(names, days) if d.weekday() >= 5]
        act = feed.compute_trip_activity(names).merge(feed.trips[["trip_id", "route_id"]], on="trip_id")
        to_m = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        shapes = gk.geometrize_shapes(feed.shapes, use_utm=False)
        utm = gk.geometrize_shapes(feed.shapes, use_utm=True)
        length = {r.shape_id: shapely.transform(r.geometry, to_m.transform, interleaved=False).length for r in shapes.itertuples()}
        length_utm = {r.shape_id: r.geometry.length for r in utm.itertuples()}
        years = {}
        for r in csv.DictReader(open(census_path, encoding="utf-8-sig")):
            years.setdefault(int(r["year"]), {})[r["mesh_code"]] = int(r["population"])
        y0, y1 = sorted(years)[-2:]
        cells = []
        for code in sorted(set(years[y0]) | set(years[y1])):
            s, w = ju.to_meshpoint(int(code), 0, 0); n, e = ju.to_meshpoint(int(code), 1, 1)
            ring = [to_m.transform(x, y) for x, y in ((w, s), (e, s), (e, n), (w, n))]
            cells.append((code, Polygon(ring), years[y0].get(code, 0), years[y1].get(code, 0)))
        def weighted(area):
            p = p0 = 0.0
            for code, poly, a, b in cells:
                share = area.intersection(poly).area / poly.area
                p += share * b; p0 += share * a
            return p, p0
        stop_pts = {s.stop_id: Point(*to_m.transform(s.stop_lon, s.stop_lat)) for s in feed.stops.itertuples()}
        discs = {k: p.buffer(distance, quad_segs=8) for k, p in stop_pts.items()}
        counts = {}
        for r in csv.DictReader(open(boardings_path, encoding="utf-8-sig")):
            if not (first <= r["timestamp"][:10].replace("-", "") <= last): continue
            for key in (("stop", r["stop_id"]), ("route", r["route_id"])):
                c = counts.setdefault(key, {"board": 0, "alight": 0, "riders": {}})
                c[r["event"]] += 1
                if r["event"] == "board": c["riders"][r["rider_type"]] = c["riders"].get(r["rider_type"], 0) + 1
        calls = feed.stop_times.merge(act, on="trip_id")
        out = {"routes": {}, "stops": {}, "unserved": []}
        for route in feed.routes.route_id:
            a = act[act.route_id == route]
            stops_here = set(feed.stop_times[feed.stop_times.trip_id.isin(feed.trips[feed.trips.route_id == route].trip_id)].stop_id)
            p, p0 = weighted(unary_union([discs[s] for s in stops_here]))
            used = set(feed.trips[feed.trips.route_id == route].shape_id.dropna())
            out["routes"][route] = {
                "tripsPerDay": float(a[names].to_numpy().sum()) / len(names),
                "tripsWeekday": float(a[weekday].to_numpy().sum()) / len(weekday) if weekday else None,
                "tripsWeekend": float(a[weekend].to_numpy().sum()) / len(weekend) if weekend else None,
                "shapeLengths": {s: length[s] for s in used}, "shapeLengthsUTM": {s: length_utm[s] for s in used},
                "population": p, "populationFrom": p0,
                "boardings": counts.get(("route", route), {"board": 0})["board"]}
        for stop in feed.stops.stop_id:
            p, p0 = weighted(discs[stop])
            c = counts.get(("stop", stop), {"board": 0, "alight": 0, "riders": {}})
            out["stops"][stop] = {"callsPerDay": float(calls[calls.stop_id == stop][names].to_numpy().sum()) / len(names),
                                  "boardings": c["board"], "alightings": c["alight"], "riders": c["riders"],
                                  "population": p, "populationFrom": p0}
        for code, poly, a, b in cells:
            if b > a and not any(poly.dwithin(pt, distance) for pt in stop_pts.values()):
                out["unserved"].append(code)
        print(json.dumps(out))
        """

    static func answer(
        gtfs: URL, census: URL, boardings: URL, first: String, last: String, crs: String = "EPSG:6678",
        distance: Double = 300
    ) throws -> Answer {
        try ReferencePython.decode(
            Answer.self, script, packages: ["gtfs-kit", "jismesh", "shapely", "pyproj"],
            arguments: [gtfs.path, census.path, boardings.path, first, last, crs, String(distance)])
    }
}

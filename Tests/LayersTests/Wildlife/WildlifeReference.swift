import Foundation
import TestSupport

/// The wildlife layer recomputed in Python from CSV files: pyproj for the metric
/// positions, shapely for the buffers and their union, plain Python for the counts.
enum WildlifeReference {
    struct Zone: Decodable {
        var id: String
        var cameras: [String]
        var area: Double
        var detections: Int
        var score: Double
        var species: [String: Int]
        var months: [String: Int]
        var bands: [String: Int]
        var bandScores: [String: Double]
    }

    /// Arguments: cameras CSV, detections CSV, CRS, radius, min confidence, period days,
    /// half-life days, as-of epoch (or "newest").
    static let script = """
        import csv, json, sys
        from datetime import datetime, timedelta, timezone
        from pyproj import Transformer
        from shapely.geometry import Point
        from shapely.ops import unary_union
        cams_path, dets_path, crs, radius, min_conf, period, half_life, as_of = sys.argv[1:9]
        radius, min_conf, period, half_life = float(radius), float(min_conf), float(period), float(half_life)
        jst = timezone(timedelta(hours=9))
        names = {"bear": "bear", "クマ": "bear", "boar": "boar", "イノシシ": "boar", "serow": "serow", "カモシカ": "serow",
                 "other": "other", "その他": "other"}
        weights = {"bear": 1.0, "boar": 0.5, "serow": 0.25, "other": 0.1}
        cams = list(csv.DictReader(open(cams_path, encoding="utf-8-sig")))
        dets = []
        for r in csv.DictReader(open(dets_path, encoding="utf-8-sig")):
            d = datetime.fromisoformat(r["timestamp"])
            if d.tzinfo is None: d = d.replace(tzinfo=jst)
            dets.append((r["camera_id"], d.timestamp(), names[r["species"]], float(r["confidence"]), d.astimezone(jst)))
        now = max(t for _, t, _, _, _ in dets) if as_of == "newest" else float(as_of)
        tallies = {}
        for cam, t, sp, conf, local in dets:
            if conf < min_conf or t < now - period * 86400 or t > now: continue
            w = weights[sp] * 0.5 ** ((now - t) / 86400 / half_life)
            band = "%d-%d" % (local.hour // 6 * 6, local.hour // 6 * 6 + 6)
            z = tallies.setdefault(cam, {"detections": 0, "score": 0.0, "species": {}, "months": {}, "bands": {}, "bandScores": {}})
            z["detections"] += 1; z["score"] += w
            z["species"][sp] = z["species"].get(sp, 0) + 1
            m = "%04d-%02d" % (local.year, local.month)
            z["months"][m] = z["months"].get(m, 0) + 1
            z["bands"][band] = z["bands"].get(band, 0) + 1
            z["bandScores"][band] = z["bandScores"].get(band, 0.0) + w
        to_metric = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        active = [c for c in cams if c["camera_id"] in tallies]
        points = {c["camera_id"]: Point(*to_metric.transform(float(c["lon"]), float(c["lat"]))) for c in active}
        union = unary_union([p.buffer(radius, quad_segs=8) for p in points.values()])
        parts = list(union.geoms) if union.geom_type == "MultiPolygon" else [union]
        zones = []
        for part in parts:
            members = sorted(c for c, p in points.items() if part.covers(p))
            z = {"id": "+".join(members), "cameras": members, "area": part.area, "detections": 0, "score": 0.0,
                 "species": {}, "months": {}, "bands": {}, "bandScores": {}}
            for c in members:
                t = tallies[c]
                z["detections"] += t["detections"]; z["score"] += t["score"]
                for key in ("species", "months", "bands", "bandScores"):
                    for k, v in t[key].items(): z[key][k] = z[key].get(k, 0) + v
            zones.append(z)
        print(json.dumps(sorted(zones, key=lambda z: z["id"])))
        """

    static func zones(
        cameras: URL, detections: URL, crs: String = "EPSG:6678", radius: Double = 500,
        minConfidence: Double = 0.5, periodDays: Double = 365, halfLifeDays: Double = 30,
        asOf: Date? = nil
    ) throws -> [Zone] {
        try ReferencePython.decode(
            [Zone].self, script, packages: ["pyproj", "shapely"],
            arguments: [
                cameras.path, detections.path, crs, String(radius), String(minConfidence), String(periodDays),
                String(halfLifeDays), asOf.map { String($0.timeIntervalSince1970) } ?? "newest",
            ])
    }
}

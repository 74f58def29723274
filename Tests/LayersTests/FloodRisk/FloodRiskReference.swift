import Foundation
import TestSupport

/// The flood-risk layer recomputed in Python from the example's CSV files: latest
/// level, rise rate (`numpy.polyfit`), status by the documented rule, and the
/// lagged-rainfall and cumulative-rainfall fits (`numpy.linalg.lstsq`).
enum FloodRiskReference {
    struct Site: Decodable {
        var siteID: String
        var level: Double?
        var rise: Double?
        var status: String?
        var coefficients: [Double]?
        var intercept: Double?
        var r2: Double?
        var r2Cumulative: Double?
        var observations: Int?
        var predicted: Double?
        var predictedStatus: String?
    }

    /// Arguments: data folder, as-of epoch seconds (or "newest"), rain mm/h, max lag,
    /// advisory fraction, advisory rise rate, rise window hours.
    static let script = """
        import csv, json, sys
        from datetime import datetime, timedelta, timezone
        import numpy as np
        folder, as_of, rain_n, max_lag, frac, rise_fast, rise_h = sys.argv[1:8]
        max_lag, frac, rise_fast, rise_h, rain_n = int(max_lag), float(frac), float(rise_fast), float(rise_h), float(rain_n)
        jst = timezone(timedelta(hours=9))
        def epoch(text):
            d = datetime.fromisoformat(text)
            if d.tzinfo is None: d = d.replace(tzinfo=jst)
            return d.timestamp()
        sensors = list(csv.DictReader(open(folder + "/river_sensors.csv", encoding="utf-8-sig")))
        levels = {}
        for r in csv.DictReader(open(folder + "/river_levels.csv", encoding="utf-8-sig")):
            levels.setdefault(r["site_id"], {})[epoch(r["timestamp"])] = float(r["level_m"])
        rain = {}
        for r in csv.DictReader(open(folder + "/rainfall.csv", encoding="utf-8-sig")):
            rain[epoch(r["timestamp"])] = float(r["mm_per_hour"])
        now = max(t for s in levels.values() for t in s) if as_of == "newest" else float(as_of)
        stamps = sorted(t for t in rain if t <= now)
        cum, total = {}, 0.0
        for t in stamps:
            total += rain[t]; cum[t] = total
        def status(level, rise, w, d):
            if level >= d: return "danger"
            if level >= w: return "warning"
            if level >= frac * w: return "advisory"
            if rise is not None and rise >= rise_fast: return "advisory"
            return "normal"
        out = []
        for s in sensors:
            w, d = float(s["warning_level_m"]), float(s["danger_level_m"])
            series = sorted((t, v) for t, v in levels.get(s["site_id"], {}).items() if t <= now)
            site = {"siteID": s["site_id"]}
            if series:
                t_last, level = series[-1]
                window = [(t, v) for t, v in series if t >= t_last - rise_h * 3600]
                rise = float(np.polyfit([(t - t_last) / 3600 for t, _ in window], [v for _, v in window], 1)[0]) if len(window) >= 2 else None
                site.update(level=level, rise=rise, status=status(level, rise, w, d))
                rows, ys, cums = [], [], []
                import bisect
                for t, v in series:
                    i = bisect.bisect_right(stamps, t) - 1
                    if i < 0 or t - stamps[i] >= 3600: continue
                    s0 = stamps[i]
                    lags = [rain.get(s0 - k * 3600) for k in range(max_lag + 1)]
                    if any(x is None or s0 - k * 3600 > now for k, x in enumerate(lags)): continue
                    rows.append([1.0] + lags); ys.append(v); cums.append(cum[s0])
                X, y = np.array(rows), np.array(ys)
                b, *_ = np.linalg.lstsq(X, y, rcond=None)
                r2 = 1 - ((y - X @ b) ** 2).sum() / ((y - y.mean()) ** 2).sum()
                Xc = np.column_stack([np.ones(len(cums)), cums])
                bc, *_ = np.linalg.lstsq(Xc, y, rcond=None)
                r2c = 1 - ((y - Xc @ bc) ** 2).sum() / ((y - y.mean()) ** 2).sum()
                predicted = b[0] + rain_n * b[1:].sum()
                site.update(coefficients=b[1:].tolist(), intercept=float(b[0]), r2=float(r2), r2Cumulative=float(r2c),
                            observations=len(ys), predicted=float(predicted), predictedStatus=status(predicted, None, w, d))
            out.append(site)
        print(json.dumps(out))
        """

    static func sites(
        folder: URL, asOf: Date?, rain: Double, maxLag: Int = 12, advisoryFraction: Double = 0.8,
        advisoryRiseRate: Double = 0.3, riseHours: Double = 1
    ) throws -> [String: Site] {
        let arguments = [
            folder.path, asOf.map { String($0.timeIntervalSince1970) } ?? "newest", String(rain),
            String(maxLag), String(advisoryFraction), String(advisoryRiseRate), String(riseHours),
        ]
        let sites = try ReferencePython.decode([Site].self, script, packages: ["numpy"], arguments: arguments)
        return Dictionary(uniqueKeysWithValues: sites.map { ($0.siteID, $0) })
    }
}

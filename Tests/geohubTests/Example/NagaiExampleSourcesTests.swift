import Foundation
import TestSupport
import XCTest

/// The example's CSV sources follow the input contract and carry the patterns the layers
/// are meant to find.
final class NagaiExampleSourcesTests: XCTestCase {
    func testEveryCSVHasTheContractColumnsAndParses() throws {
        let script = """
            import csv, json, sys
            from datetime import datetime
            folder = sys.argv[1] + "/data/"
            required = {
                "child_gps.csv": ["device_id", "timestamp", "lat", "lon"],
                "river_sensors.csv": ["site_id", "name", "lat", "lon", "warning_level_m", "danger_level_m"],
                "river_levels.csv": ["site_id", "timestamp", "level_m"],
                "rainfall.csv": ["timestamp", "mm_per_hour"],
                "wildlife_cameras.csv": ["camera_id", "name", "lat", "lon"],
                "wildlife_detections.csv": ["camera_id", "timestamp", "species", "confidence"],
                "census_mesh.csv": ["mesh_code", "year", "population", "households"],
                "bus_boardings.csv": ["timestamp", "route_id", "stop_id", "event", "rider_type"],
            }
            numeric = {"lat", "lon", "warning_level_m", "danger_level_m", "level_m", "mm_per_hour", "confidence",
                       "population", "households", "accuracy_m", "year"}
            out = {"missing": {}, "rows": {}, "bad": []}
            for name, columns in required.items():
                rows = list(csv.DictReader(open(folder + name, encoding="utf-8", newline="")))
                out["rows"][name] = len(rows)
                out["missing"][name] = [c for c in columns if c not in rows[0]]
                for i, r in enumerate(rows):
                    try:
                        for c in r:
                            if c in numeric: float(r[c])
                        if "timestamp" in r: datetime.fromisoformat(r["timestamp"])
                        if "lat" in r: assert 37.9 < float(r["lat"]) < 38.3 and 139.8 < float(r["lon"]) < 140.2
                    except Exception as e:
                        out["bad"].append(f"{name}:{i + 2}: {e}")
                        break
            d = list(csv.DictReader(open(folder + "wildlife_detections.csv", encoding="utf-8")))
            out["species"] = sorted({r["species"] for r in d})
            b = list(csv.DictReader(open(folder + "bus_boardings.csv", encoding="utf-8")))
            out["events"] = sorted({r["event"] for r in b})
            out["riders"] = sorted({r["rider_type"] for r in b})
            out["route_ids"] = sorted({r["route_id"] for r in b})
            print(json.dumps(out, ensure_ascii=False))
            """
        let answer = try NagaiExample.check(script)
        let missing = try XCTUnwrap(answer["missing"] as? [String: [String]])
        for (file, columns) in missing { XCTAssertEqual(columns, [], "\(file) lacks contract columns") }
        XCTAssertEqual(missing.count, 8)
        XCTAssertEqual(answer["bad"] as? [String], [])
        let rows = try XCTUnwrap(answer["rows"] as? [String: Int])
        XCTAssertEqual(rows["river_sensors.csv"], 20)
        XCTAssertEqual(rows["wildlife_cameras.csv"], 13)
        XCTAssertEqual(
            answer["species"] as? [String],
            ["bear", "boar", "other", "serow", "その他", "イノシシ", "カモシカ", "クマ"])
        XCTAssertEqual(answer["events"] as? [String], ["alight", "board"])
        XCTAssertEqual(answer["riders"] as? [String], ["adult", "senior", "student"])
        XCTAssertEqual(answer["route_ids"] as? [String], ["0101", "0102", "0201", "0301", "0401"])
    }

    func testChildrenWalkOnSchoolDaysInCommuteWindowsWithSomeBadFixes() throws {
        let script = """
            import csv, json, sys
            from datetime import datetime, timedelta, timezone
            rows = list(csv.DictReader(open(sys.argv[1] + "/data/child_gps.csv", encoding="utf-8")))
            tokyo = timezone(timedelta(hours=9))
            out = {"devices": len({r["device_id"] for r in rows}), "outside": 0, "weekend": 0, "bad_accuracy": 0,
                   "intervals": [], "jumps": 0}
            last = {}
            for r in rows:
                t = datetime.fromisoformat(r["timestamp"]).astimezone(tokyo)
                minutes = t.hour * 60 + t.minute
                if not (7 * 60 <= minutes <= 8 * 60 + 30 or 14 * 60 + 30 <= minutes <= 17 * 60):
                    out["outside"] += 1
                if t.weekday() >= 5: out["weekend"] += 1
                if float(r["accuracy_m"]) >= 50: out["bad_accuracy"] += 1
                prev = last.get(r["device_id"])
                if prev and (t - prev[0]).total_seconds() < 600:
                    dt = (t - prev[0]).total_seconds()
                    out["intervals"].append(dt)
                    dy = (float(r["lat"]) - prev[1]) * 111000
                    dx = (float(r["lon"]) - prev[2]) * 87700
                    if float(r["accuracy_m"]) < 50 and (dx * dx + dy * dy) ** 0.5 / max(dt, 1) > 8: out["jumps"] += 1
                last[r["device_id"]] = (t, float(r["lat"]), float(r["lon"]))
            iv = sorted(out.pop("intervals"))
            out["median_interval"] = iv[len(iv) // 2]
            out["rows"] = len(rows)
            print(json.dumps(out))
            """
        let answer = try NagaiExample.check(script)
        XCTAssertEqual(answer["devices"] as? Int, 325)
        XCTAssertEqual(answer["outside"] as? Int, 0, "pings outside 07:00–08:30 and 14:30–17:00")
        XCTAssertEqual(answer["weekend"] as? Int, 0)
        let rows = Double(answer["rows"] as? Int ?? 0)
        let badShare = Double(answer["bad_accuracy"] as? Int ?? 0) / rows
        XCTAssertTrue((0.005...0.02).contains(badShare), "share of bad-accuracy fixes \(badShare)")
        XCTAssertGreaterThan(answer["jumps"] as? Int ?? 0, 50, "jumps for the speed filter")
        let median = answer["median_interval"] as? Double ?? 0
        XCTAssertTrue((30...60).contains(median), "median ping interval \(median) s")
    }

    func testRiverLevelsRespondLinearlyToHourlyRainAndCrossThresholds() throws {
        let script = """
            import csv, json, sys
            import numpy as np
            folder = sys.argv[1] + "/data/"
            rain = {r["timestamp"]: float(r["mm_per_hour"]) for r in csv.DictReader(open(folder + "rainfall.csv"))}
            stamps = sorted(rain)
            hourly = np.array([rain[s] for s in stamps])
            sensors = list(csv.DictReader(open(folder + "river_sensors.csv", encoding="utf-8")))
            levels = {}
            for r in csv.DictReader(open(folder + "river_levels.csv")):
                if r["timestamp"].endswith(":00:00"):
                    levels.setdefault(r["site_id"], {})[r["timestamp"]] = float(r["level_m"])
            out = {"danger": [], "warning": [], "hourly_better": 0, "best_r2": {}, "peak_rain": float(hourly.max()),
                   "peak_day": stamps[int(hourly.argmax())][:10]}
            def r2(x, y):
                a = np.vstack([x, np.ones(len(x))]).T
                coef, res, *_ = np.linalg.lstsq(a, y, rcond=None)
                return 1 - float(((a @ coef - y) ** 2).sum()) / float(((y - y.mean()) ** 2).sum())
            for s in sensors:
                series = levels[s["site_id"]]
                peak = max(series.values())
                if peak >= float(s["danger_level_m"]): out["danger"].append(s["site_id"])
                elif peak >= float(s["warning_level_m"]): out["warning"].append(s["site_id"])
                # Level at the end of hour i against the mean rain of 3 hours ending `lag` hours
                # earlier (and against rain accumulated until then), best lag for each.
                best_hourly = best_cumulative = -1
                for lag in range(0, 12):
                    xs, cs, ys = [], [], []
                    for i in range(lag + 2, len(stamps)):
                        if stamps[i] in series:
                            xs.append(hourly[i - lag - 2:i - lag + 1].mean())
                            cs.append(hourly[:i - lag + 1].sum())
                            ys.append(series[stamps[i]])
                    best_hourly = max(best_hourly, r2(np.array(xs), np.array(ys)))
                    best_cumulative = max(best_cumulative, r2(np.array(cs), np.array(ys)))
                out["best_r2"][s["site_id"]] = best_hourly
                if best_hourly > best_cumulative: out["hourly_better"] += 1
            print(json.dumps(out))
            """
        let answer = try NagaiExample.check(script, packages: ["numpy"])
        XCTAssertEqual(answer["peak_day"] as? String, "2022-08-03", "the heavy rain falls on 3 August 2022")
        XCTAssertGreaterThanOrEqual(answer["peak_rain"] as? Double ?? 0, 40)
        XCTAssertEqual((answer["danger"] as? [String])?.count, 3)
        XCTAssertEqual((answer["warning"] as? [String])?.count, 5)
        XCTAssertEqual(answer["hourly_better"] as? Int, 20, "hourly rain explains every gauge better than cumulative")
        for (site, r2) in answer["best_r2"] as? [String: Double] ?? [:] {
            XCTAssertGreaterThan(r2, 0.9, "\(site): linear response to lagged hourly rain")
        }
    }

    func testBearsPeakInAugustAtNightAndTeraizumiMatchesItsRecord() throws {
        let script = """
            import csv, json, sys
            folder = sys.argv[1] + "/data/"
            cams = {r["camera_id"]: r["name"] for r in csv.DictReader(open(folder + "wildlife_cameras.csv", encoding="utf-8"))}
            teraizumi = [c for c, n in cams.items() if "寺泉" in n]
            bears = [r for r in csv.DictReader(open(folder + "wildlife_detections.csv", encoding="utf-8"))
                     if r["species"] in ("bear", "クマ")]
            night = lambda r: int(r["timestamp"][11:13]) >= 18 or int(r["timestamp"][11:13]) < 6
            months = {}
            for r in bears: months[r["timestamp"][5:7]] = months.get(r["timestamp"][5:7], 0) + 1
            t = [r for r in bears if r["camera_id"] in teraizumi]
            print(json.dumps({"teraizumi_cameras": len(teraizumi),
                              "teraizumi_august_2022": sum(1 for r in t if r["timestamp"].startswith("2022-08")),
                              "teraizumi_night": sum(1 for r in t if night(r)),
                              "peak_month": max(months, key=months.get),
                              "night_share": sum(1 for r in bears if night(r)) / len(bears)}))
            """
        let answer = try NagaiExample.check(script)
        XCTAssertEqual(answer["teraizumi_cameras"] as? Int, 1)
        XCTAssertEqual(answer["teraizumi_august_2022"] as? Int, 34)
        XCTAssertEqual(answer["teraizumi_night"] as? Int, 45)
        XCTAssertEqual(answer["peak_month"] as? String, "08")
        XCTAssertGreaterThan(answer["night_share"] as? Double ?? 0, 0.6)
    }

    func testBusTapsHaveAFridaySupermarketPeakAndQuietStops() throws {
        let script = """
            import csv, io, json, sys, zipfile
            from datetime import date
            folder = sys.argv[1] + "/data/"
            with zipfile.ZipFile(folder + "gtfs.zip") as z:
                stops = {r["stop_id"]: r["stop_name"] for r in csv.DictReader(io.TextIOWrapper(z.open("stops.txt"), "utf-8"))}
            taps = list(csv.DictReader(open(folder + "bus_boardings.csv", encoding="utf-8")))
            boards = [r for r in taps if r["event"] == "board"]
            counts = {s: 0 for s in stops}
            for r in boards: counts[r["stop_id"]] = counts.get(r["stop_id"], 0) + 1
            market = [s for s, n in stops.items() if "ショッピング" in n][0]
            by_weekday = [0] * 7
            for r in boards:
                if r["stop_id"] == market: by_weekday[date.fromisoformat(r["timestamp"][:10]).weekday()] += 1
            print(json.dumps({"unknown_stops": sorted({r["stop_id"] for r in taps} - set(stops)),
                              "quiet": sorted(stops[s] for s, c in counts.items() if c < 10),
                              "market_by_weekday": by_weekday,
                              "boards": len(boards), "alights": len(taps) - len(boards)}, ensure_ascii=False))
            """
        let answer = try NagaiExample.check(script)
        XCTAssertEqual(answer["unknown_stops"] as? [String], [])
        let quiet = answer["quiet"] as? [String] ?? []
        XCTAssertTrue((3...6).contains(quiet.count), "stops under 10 boardings: \(quiet)")
        let weekdays = try XCTUnwrap(answer["market_by_weekday"] as? [Int])
        let otherWeekdays = Double(weekdays[0] + weekdays[1] + weekdays[2] + weekdays[3]) / 4
        XCTAssertGreaterThan(Double(weekdays[4]), 2 * otherWeekdays, "Friday peak at the supermarket: \(weekdays)")
        XCTAssertEqual(answer["boards"] as? Int, answer["alights"] as? Int)
    }
}

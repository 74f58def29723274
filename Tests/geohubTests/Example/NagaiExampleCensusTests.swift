import Foundation
import TestSupport
import XCTest

/// Census squares: real totals, JIS X 0410 codes that jismesh agrees with, and an e-Stat file
/// in the published layout.
final class NagaiExampleCensusTests: XCTestCase {
    func testCensusMeshTotalsAndCodesAgreeWithJismesh() throws {
        let script = """
            import csv, json, sys
            import jismesh.utils as ju
            rows = list(csv.DictReader(open(sys.argv[1] + "/data/census_mesh.csv", encoding="utf-8")))
            out = {"columns": list(rows[0].keys()), "totals": {}, "households": {}, "bad": [], "primaries": []}
            for r in rows:
                y = r["year"]
                out["totals"][y] = out["totals"].get(y, 0) + int(r["population"])
                out["households"][y] = out["households"].get(y, 0) + int(r["households"])
                code = r["mesh_code"]
                lat, lon = ju.to_meshpoint(code, 0.5, 0.5)
                if len(code) != 9 or int(ju.to_meshlevel(code)) != 4 or str(int(ju.to_meshcode(lat, lon, 4))) != code:
                    out["bad"].append(code)
                if code[:4] not in out["primaries"]:
                    out["primaries"].append(code[:4])
            # The square jismesh gives for Nagai station (140.0388 E, 38.1078 N).
            out["station_square"] = str(int(ju.to_meshcode(38.1078, 140.0388, 4)))
            out["station_population"] = {r["year"]: int(r["population"]) for r in rows if r["mesh_code"] == out["station_square"]}
            print(json.dumps(out))
            """
        let answer = try NagaiExample.check(script, packages: ["jismesh"])
        XCTAssertEqual(answer["columns"] as? [String], ["mesh_code", "year", "population", "households"])
        let totals = try XCTUnwrap(answer["totals"] as? [String: Int])
        XCTAssertEqual(totals["2015"], 27_755, "2015 census population of Nagai")
        XCTAssertEqual(totals["2020"], 26_492, "2020 resident count of Nagai")
        let households = try XCTUnwrap(answer["households"] as? [String: Int])
        for year in ["2015", "2020"] {
            let persons = Double(totals[year] ?? 0) / Double(max(1, households[year] ?? 0))
            XCTAssertTrue((2.3...3.3).contains(persons), "\(year): \(persons) persons per household")
        }
        XCTAssertEqual(answer["bad"] as? [String], [], "codes jismesh does not reproduce")
        XCTAssertEqual(Set(answer["primaries"] as? [String] ?? []), ["5739", "5740"])
        XCTAssertEqual(answer["station_square"] as? String, "574010233")
        let station = try XCTUnwrap(answer["station_population"] as? [String: Int])
        XCTAssertGreaterThan(station["2015"] ?? 0, 300, "the centre square is densely populated")
        XCTAssertGreaterThan(station["2020"] ?? 0, 300)
    }

    func testEStatFileHasThePublishedLayoutAndAddsUpToTheCensusSquares() throws {
        let script = """
            import csv, io, json, sys
            import jismesh.utils as ju
            raw = open(sys.argv[1] + "/data/tblT000876Q5740.txt", "rb").read()
            out = {"crlf": raw.count(b"\\r\\n") == raw.count(b"\\n"), "utf8": True}
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                out["utf8"] = False
            lines = list(csv.reader(io.StringIO(raw.decode("cp932"), newline="")))
            codes, names = lines[0], lines[1]
            out["first_columns"] = codes[:5]
            out["item_codes"] = [c for c in codes[4:] if c.startswith("T000876")]
            out["names_start_blank"] = names[:4] == ["", "", "", ""]
            labels = {c: n.strip("\\u3000 ") for c, n in zip(codes, names)}
            out["population_label"] = labels["T000876001"]
            out["households_label"] = labels["T000876025"]
            rows = [dict(zip(codes, r)) for r in lines[2:]]
            out["rows"] = len(rows)
            out["hidden"] = sum(1 for r in rows if r["HTKSYORI"] == "2")
            out["hidden_all_star"] = all(all(r[c] == "*" for c in out["item_codes"]) for r in rows if r["HTKSYORI"] == "2")
            by_code = {r["KEY_CODE"]: r for r in rows}
            out["merge_links_ok"] = all(
                by_code[r["HTKSAKI"]]["HTKSYORI"] == "1" and r["KEY_CODE"] in by_code[r["HTKSAKI"]]["GASSAN"].split(";")
                for r in rows if r["HTKSYORI"] == "2")
            out["dash_cells"] = sum(1 for r in rows for c in out["item_codes"] if r[c] == "-")
            out["bad_codes"] = [r["KEY_CODE"] for r in rows
                                if len(r["KEY_CODE"]) != 10 or int(ju.to_meshlevel(r["KEY_CODE"])) != 5
                                or str(int(ju.to_meshcode(*ju.to_meshpoint(r["KEY_CODE"], 0.5, 0.5), 5))) != r["KEY_CODE"]]
            quarters = {}
            for r in rows:
                if r["T000876001"] != "*":
                    parent = r["KEY_CODE"][:9]
                    quarters[parent] = quarters.get(parent, 0) + int(r["T000876001"])
            census = {r["mesh_code"]: int(r["population"])
                      for r in csv.DictReader(open(sys.argv[1] + "/data/census_mesh.csv", encoding="utf-8"))
                      if r["year"] == "2020" and r["mesh_code"].startswith("5740")}
            out["estat_total"] = sum(quarters.values())
            out["census_5740_total"] = sum(census.values())
            out["squares_disagreeing"] = [k for k in set(quarters) | set(census) if quarters.get(k) != census.get(k)]
            print(json.dumps(out, ensure_ascii=False))
            """
        let answer = try NagaiExample.check(script, packages: ["jismesh"])
        XCTAssertEqual(answer["crlf"] as? Bool, true)
        XCTAssertEqual(answer["utf8"] as? Bool, false, "the file is Shift_JIS, not UTF-8")
        XCTAssertEqual(
            answer["first_columns"] as? [String], ["KEY_CODE", "HTKSYORI", "HTKSAKI", "GASSAN", "T000876001"])
        XCTAssertEqual((answer["item_codes"] as? [String])?.count, 41)
        XCTAssertEqual(answer["names_start_blank"] as? Bool, true)
        XCTAssertEqual(answer["population_label"] as? String, "人口（総数）")
        XCTAssertEqual(answer["households_label"] as? String, "世帯総数")
        XCTAssertGreaterThan(answer["rows"] as? Int ?? 0, 100)
        XCTAssertGreaterThan(answer["hidden"] as? Int ?? 0, 0, "some squares are hidden for secrecy")
        XCTAssertEqual(answer["hidden_all_star"] as? Bool, true)
        XCTAssertEqual(answer["merge_links_ok"] as? Bool, true)
        XCTAssertGreaterThan(answer["dash_cells"] as? Int ?? 0, 0)
        XCTAssertEqual(answer["bad_codes"] as? [String], [])
        XCTAssertEqual(answer["estat_total"] as? Int, answer["census_5740_total"] as? Int)
        XCTAssertEqual(answer["squares_disagreeing"] as? [String], [])
    }
}

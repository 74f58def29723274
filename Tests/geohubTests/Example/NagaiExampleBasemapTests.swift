import Foundation
import TestSupport
import XCTest

/// The basemap GeoJSON opens in GDAL, and the roads form one noded network.
final class NagaiExampleBasemapTests: XCTestCase {
    private func ogrinfo(_ file: String) throws -> (count: Int, geometry: String) {
        let path = NagaiExample.basemap.appendingPathComponent(file).path
        let text = String(
            decoding: try Shell.run("/usr/bin/env", ["ogrinfo", "-ro", "-so", "-al", path]), as: UTF8.self)
        var count = -1
        var geometry = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("Feature Count: ") { count = Int(line.dropFirst("Feature Count: ".count)) ?? -1 }
            if line.hasPrefix("Geometry: ") { geometry = String(line.dropFirst("Geometry: ".count)) }
        }
        return (count, geometry)
    }

    func testBasemapLayersOpenWithOGRInfo() throws {
        let schools = try ogrinfo("schools.geojson")
        XCTAssertEqual(schools.count, 6)
        XCTAssertEqual(schools.geometry, "Point")
        let boundary = try ogrinfo("boundary.geojson")
        XCTAssertEqual(boundary.count, 1)
        XCTAssertEqual(boundary.geometry, "Polygon")
        let roads = try ogrinfo("roads.geojson")
        XCTAssertGreaterThan(roads.count, 200)
        XCTAssertEqual(roads.geometry, "Line String")
        let rivers = try ogrinfo("rivers.geojson")
        XCTAssertEqual(rivers.count, 4)
        XCTAssertEqual(rivers.geometry, "Line String")
    }

    func testRoadsAreNodedConnectedAndInsideTheCity() throws {
        let script = """
            import json, sys
            from shapely.geometry import shape
            from shapely.strtree import STRtree
            base = sys.argv[2] + "/"
            roads = [shape(f["geometry"]) for f in json.load(open(base + "roads.geojson"))["features"]]
            city = shape(json.load(open(base + "boundary.geojson"))["features"][0]["geometry"])
            schools = json.load(open(base + "schools.geojson"))["features"]
            tree = STRtree(roads)
            crossings = 0
            for i, g in enumerate(roads):
                ends = {g.coords[0], g.coords[-1]}
                for j in tree.query(g):
                    if j <= i: continue
                    h = roads[j]
                    shared = ends & {h.coords[0], h.coords[-1]}
                    meet = g.intersection(h)
                    if meet.is_empty: continue
                    points = list(getattr(meet, "geoms", [meet]))
                    if any(p.geom_type != "Point" or (p.x, p.y) not in shared for p in points): crossings += 1
            parent = {}
            def find(x):
                while parent.setdefault(x, x) != x: x = parent[x]
                return x
            for g in roads: parent[find(g.coords[0])] = find(g.coords[-1])
            print(json.dumps({
                "crossings": crossings,
                "components": len({find(k) for k in list(parent)}),
                "city_valid": city.is_valid,
                "roads_outside": sum(1 for g in roads if not city.buffer(0.001).contains(g)),
                "schools_inside": sum(1 for f in schools if city.contains(shape(f["geometry"]))),
                "school_names": sorted(f["properties"]["name"] for f in schools),
            }, ensure_ascii=False))
            """
        let answer = try NagaiExample.check(script, packages: ["shapely"])
        XCTAssertEqual(answer["crossings"] as? Int, 0, "roads must meet only at shared end vertices")
        XCTAssertEqual(answer["components"] as? Int, 1)
        XCTAssertEqual(answer["city_valid"] as? Bool, true)
        XCTAssertEqual(answer["roads_outside"] as? Int, 0)
        XCTAssertEqual(answer["schools_inside"] as? Int, 6)
        XCTAssertEqual(
            answer["school_names"] as? [String],
            ["伊佐沢小学校", "平野小学校", "致芳小学校", "西根小学校", "豊田小学校", "長井小学校"].sorted())
    }
}

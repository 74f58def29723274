import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub route` on a copy of examples/nagai: a child's walk from a home in the
/// Isazawa area to Isazawa primary school at dawn, measured again with pyproj and shapely.
final class RouteEndToEndTests: XCTestCase {
    private static let shared = Locked<NagaiCopy?>(nil)

    override class func tearDown() {
        shared.withLock { $0 = nil }
        super.tearDown()
    }

    static let home = "140.08,38.095"
    /// 伊佐沢小学校 in basemap/schools.geojson.
    static let school = "140.065,38.0875"

    func testSafeAndShortestRoutesMeasureAsPyprojSays() throws {
        let copy = try NagaiCopy.built(Self.shared)
        let result = try copy.succeed([
            "route", copy.project.path, "--from", Self.home, "--to", Self.school, "--at", "06:30",
        ])
        let measured = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, sys
                from pyproj import Transformer
                from shapely.geometry import LineString, Point
                doc = json.loads(sys.stdin.read())
                t = Transformer.from_crs('EPSG:4326', 'EPSG:6678', always_xy=True)
                start = Point(t.transform(*[float(v) for v in sys.argv[1].split(',')]))
                end = Point(t.transform(*[float(v) for v in sys.argv[2].split(',')]))
                out = {}
                for f in doc['features']:
                    line = LineString([t.transform(x, y) for x, y in f['geometry']['coordinates']])
                    out[f['properties']['route']] = {
                        'type': f['geometry']['type'], 'length': line.length, 'props': f['properties'],
                        'startGap': start.distance(Point(line.coords[0])), 'endGap': end.distance(Point(line.coords[-1])),
                        'crow': start.distance(end)}
                print(json.dumps(out))
                """, packages: ["pyproj", "shapely"], input: result.stdout, arguments: [Self.home, Self.school])
                as? [String: [String: Any]])
        XCTAssertEqual(Set(measured.keys), ["safe", "shortest"])
        for (name, route) in measured {
            let properties = try XCTUnwrap(route["props"] as? [String: Any])
            let length = try XCTUnwrap(properties["length_m"] as? Double)
            XCTAssertEqual(route["type"] as? String, "LineString")
            // The line's own length in EPSG:6678 (7-decimal coordinates: centimetres).
            assertClose(length, try XCTUnwrap(route["length"] as? Double), tolerance: 0.5, name)
            XCTAssertGreaterThan(length, try XCTUnwrap(route["crow"] as? Double), "\(name): longer than the crow flies")
            assertClose(
                try XCTUnwrap(route["startGap"] as? Double), try XCTUnwrap(properties["start_snap_m"] as? Double),
                tolerance: 0.05, "\(name) starts where the home snaps to the road")
            assertClose(
                try XCTUnwrap(route["endGap"] as? Double), try XCTUnwrap(properties["end_snap_m"] as? Double),
                tolerance: 0.05, "\(name) ends where the school snaps to the road")
            XCTAssertEqual(properties["at"] as? String, "06:30")
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(properties["risk"] as? Double), 0)
        }
        let safe = try XCTUnwrap(measured["safe"]?["props"] as? [String: Any])
        let shortest = try XCTUnwrap(measured["shortest"]?["props"] as? [String: Any])
        XCTAssertLessThanOrEqual(
            try XCTUnwrap(shortest["length_m"] as? Double), try XCTUnwrap(safe["length_m"] as? Double) + 0.01)
        XCTAssertLessThanOrEqual(
            try XCTUnwrap(safe["cost"] as? Double), try XCTUnwrap(shortest["cost"] as? Double) + 0.01)
        XCTAssertTrue(result.stderrText.hasPrefix("safe: "), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("; shortest: "), result.stderrText)

        let file = copy.root.appendingPathComponent("route.geojson")
        let written = try copy.succeed([
            "route", copy.project.path, "--from", Self.home, "--to", Self.school, "--at", "06:30", "--out", file.path,
            "--quiet",
        ])
        XCTAssertEqual(written.stdoutText, "")
        XCTAssertEqual(written.stderrText, "")
        XCTAssertEqual(try Data(contentsOf: file) + Data("\n".utf8), result.stdout, "the same routes, to a file")
        let info = try Shell.capture("/usr/bin/ogrinfo", ["-ro", "-so", "-al", file.path])
        XCTAssertTrue(info.stdoutText.contains("Feature Count: 2"), info.stdoutText + info.stderrText)
    }

    func testAPointFarFromEveryRoadIsRefused() throws {
        let copy = try NagaiCopy.built(Self.shared)
        let result = try copy.geohub(["route", copy.project.path, "--from", "139.99,38.175", "--to", Self.school])
        XCTAssertEqual(result.status, 1, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("the start point is "), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("m from the nearest road"), result.stderrText)
        XCTAssertEqual(result.stdoutText, "")
    }
}

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

    /// A home west of the centre, by the 野川 (Nogawa), to 長井小学校 on the morning of a
    /// flood drill: under 50 mm/h the 横町 gauge (NG04) is predicted in danger and the
    /// shortest walk follows the river; the safe one leaves it.
    static let riversideHome = "140.0166,38.1224"
    /// 長井小学校 in basemap/schools.geojson.
    static let nagaiSchool = "140.0345,38.1125"

    struct Measured: Decodable {
        struct Route: Decodable {
            let length: Double
            /// Metres of the route within 300 m (the default riverReach) of a basemap river.
            let nearRiver: Double
            let props: Properties
        }
        struct Properties: Decodable {
            let route: String
            let lengthM: Double
            let risk: Double
            let beta: Double
            let at: String?

            enum CodingKeys: String, CodingKey {
                case route, risk, beta, at
                case lengthM = "length_m"
            }
        }
        let safe: Route
        let shortest: Route
        /// Hausdorff distance between the two lines, in metres.
        let apart: Double
    }

    /// Both routes of a `geohub route` answer measured by pyproj and shapely in EPSG:6678.
    func measure(_ geoJSON: Data, rivers: URL) throws -> Measured {
        try ReferencePython.decode(
            Measured.self,
            """
            import json, sys
            import numpy as np, shapely
            from pyproj import Transformer
            from shapely.geometry import LineString, shape
            doc = json.loads(sys.stdin.read())
            t = Transformer.from_crs('EPSG:4326', 'EPSG:6678', always_xy=True)
            def metric(c): return np.column_stack(t.transform(c[:, 0], c[:, 1]))
            rivers = shapely.union_all([shapely.transform(shape(f['geometry']), metric)
                                        for f in json.load(open(sys.argv[1]))['features']])
            bank = rivers.buffer(300)
            lines, out = {}, {}
            for f in doc['features']:
                line = LineString([t.transform(x, y) for x, y in f['geometry']['coordinates']])
                lines[f['properties']['route']] = line
                out[f['properties']['route']] = {'length': line.length, 'nearRiver': line.intersection(bank).length,
                                                 'props': f['properties']}
            out['apart'] = lines['safe'].hausdorff_distance(lines['shortest'])
            print(json.dumps(out))
            """, packages: ["numpy", "pyproj", "shapely"], input: geoJSON, arguments: [rivers.path])
    }

    func testOnAFloodDrillMorningTheSafeRouteLeavesTheRiverBank() throws {
        let copy = try NagaiCopy.built(Self.shared)
        let rivers = copy.root.appendingPathComponent("basemap/rivers.geojson")
        let result = try copy.succeed([
            "route", copy.project.path, "--from", Self.riversideHome, "--to", Self.nagaiSchool, "--at", "07:30",
            "--scenario", "rain=50",
        ])
        let drill = try measure(result.stdout, rivers: rivers)
        for route in [drill.safe, drill.shortest] {
            assertClose(route.props.lengthM, route.length, tolerance: 0.5, route.props.route)
            XCTAssertEqual(route.props.at, "07:30")
            XCTAssertEqual(route.props.beta, 4)
        }
        XCTAssertGreaterThan(drill.apart, 100, "the safe route takes other streets")
        XCTAssertGreaterThan(drill.safe.length, drill.shortest.length + 1)
        XCTAssertLessThanOrEqual(drill.safe.length, 1.5 * drill.shortest.length, "a reasonable detour")
        XCTAssertLessThan(drill.safe.props.risk, 0.5 * drill.shortest.props.risk, "at least halves the hazard met")
        XCTAssertLessThan(drill.safe.nearRiver, drill.shortest.nearRiver - 200, "fewer metres near the river")
        // The detour is worth it under length + β·risk: each extra metre avoids at least 1/β m of full hazard.
        XCTAssertLessThanOrEqual(
            drill.safe.length - drill.shortest.length, 4 * (drill.shortest.props.risk - drill.safe.props.risk))

        // The same walk at midday on an ordinary day (every gauge normal, no bear zone
        // on these streets): nothing to avoid, the two routes are one.
        let ordinary = try measure(
            try copy.succeed([
                "route", copy.project.path, "--from", Self.riversideHome, "--to", Self.nagaiSchool, "--at", "12:30",
            ]).stdout, rivers: rivers)
        XCTAssertLessThan(ordinary.apart, 0.01)
        assertClose(ordinary.safe.length, ordinary.shortest.length, tolerance: 0.01)
        assertClose(ordinary.shortest.length, drill.shortest.length, tolerance: 0.01)
        XCTAssertEqual(ordinary.safe.props.risk, 0)
        XCTAssertEqual(ordinary.shortest.props.risk, 0)
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

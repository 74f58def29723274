import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The acceptance test of safe routes: a hand-made network where the shortest path
/// passes a bear camera whose detections are all at night and dawn (0–6 h).
///
/// ```
///  (0,600) ─────────── (1000,600) ─────────── (2000,600)
///     │                    │                      │
///     │                    │ cross street         │
///  (0,0) ──────────── 🐻 (1000,0) ─────────── (2000,0)
///                          │
///                      (1000,-300)
/// ```
/// Metres east/north of a point in central Nagai, in EPSG:6678. The bear zone is a
/// 300 m circle around the camera. Lon/lat inputs and every expected length come from
/// pyproj and shapely.
final class SafeRouteTests: XCTestCase {
    static let origin = Coordinate(x: -69_500, y: -209_800)

    static let roads: [[[Double]]] = [
        [[0, 0], [2000, 0]], [[0, 0], [0, 600]], [[0, 600], [2000, 600]], [[2000, 600], [2000, 0]],
        [[1000, -300], [1000, 900]],
        [[5000, 5000], [5600, 5000]],  // an island: no road joins it to the rest
    ]
    static let camera = [1000.0, 0]

    struct Fixture: Decodable {
        /// Roads and zone in lon/lat.
        let roads: [[[Double]]]
        let zone: [[Double]]
        let bbox: [Double]
        /// Named points in lon/lat.
        let points: [String: [Double]]
    }

    struct Measured: Decodable {
        let length: Double
        let cameraDistance: Double
        let hausdorff: Double
        let expectedLength: Double
    }

    /// Made once per test run (pyproj and shapely take a while to start).
    static let cachedFixture = Result { try makeFixture() }

    static func fixture() throws -> Fixture { try cachedFixture.get() }

    static func makeFixture() throws -> Fixture {
        try ReferencePython.decode(
            Fixture.self,
            """
            import json, sys
            from pyproj import Transformer
            from shapely.geometry import Point
            d = json.load(sys.stdin)
            ox, oy = d["origin"]
            t = Transformer.from_crs("EPSG:6678", "EPSG:4326", always_xy=True)
            def ll(p): return list(t.transform(ox + p[0], oy + p[1]))
            zone = Point(*d["camera"]).buffer(300, quad_segs=32)
            points = {k: ll(v) for k, v in d["points"].items()}
            lons = [ll(p)[0] for r in d["roads"] for p in r]; lats = [ll(p)[1] for r in d["roads"] for p in r]
            print(json.dumps({"roads": [[ll(p) for p in r] for r in d["roads"]],
                              "zone": [ll(p) for p in zone.exterior.coords],
                              "bbox": [min(lons) - 0.01, min(lats) - 0.01, max(lons) + 0.01, max(lats) + 0.01],
                              "points": points}))
            """, packages: ["pyproj", "shapely"],
            sending: FixtureInput(
                origin: [origin.x, origin.y], camera: camera, roads: roads,
                points: [
                    "start": [-10, -10], "end": [2010, -10], "midStart": [500, 30], "midEnd": [1500, 630],
                    "farAway": [1000, 2500], "island": [5300, 5010], "camera": camera,
                ]))
    }

    struct FixtureInput: Encodable {
        let origin: [Double]
        let camera: [Double]
        let roads: [[[Double]]]
        let points: [String: [Double]]
    }

    struct MeasureInput: Encodable {
        let origin: [Double]
        let camera: [Double]
        let route: [[Double]]
        let expected: [[Double]]
    }

    /// shapely's length of our route (projected back with pyproj), its distance from
    /// the camera, its Hausdorff distance from the hand-made path and that path's length.
    static func measure(_ route: PlannedRoute, expected: [[Double]]) throws -> Measured {
        try ReferencePython.decode(
            Measured.self,
            """
            import json, sys
            from pyproj import Transformer
            from shapely.geometry import LineString, Point
            d = json.load(sys.stdin)
            ox, oy = d["origin"]
            t = Transformer.from_crs("EPSG:4326", "EPSG:6678", always_xy=True)
            route = LineString([(x - ox, y - oy) for x, y in (t.transform(*p) for p in d["route"])])
            expected = LineString(d["expected"])
            print(json.dumps({"length": route.length, "cameraDistance": route.distance(Point(*d["camera"])),
                              "hausdorff": route.hausdorff_distance(expected), "expectedLength": expected.length}))
            """, packages: ["pyproj", "shapely"],
            sending: MeasureInput(
                origin: [origin.x, origin.y], camera: camera, route: route.coordinates.map { [$0.x, $0.y] },
                expected: expected))
    }

    static func planner(_ f: Fixture) throws -> RoutePlanner {
        let crs = try CRS("EPSG:6678")
        let network = try RoadNetwork(
            roadShapes: f.roads.map { .lineString($0.map { Coordinate(x: $0[0], y: $0[1]) }) },
            crs: crs)
        let bbox = BoundingBox(west: f.bbox[0], south: f.bbox[1], east: f.bbox[2], north: f.bbox[3])
        let builder = try CompositeBuilder(settings: CompositeSettings(cellSize: 20), bbox: bbox, crs: crs)
        let zone = Shape.polygon(PolygonRings(exterior: f.zone.map { Coordinate(x: $0[0], y: $0[1]) }))
        // A bear seen only between 0 and 6 h: all-day risk 0.25, night/dawn band 1.
        let surface = try builder.surface(
            childTraffic: nil, gauges: [], rivers: [],
            zones: [.init(shape: zone, allDay: 0.25, byBand: [1, 0, 0, 0])])
        return try RoutePlanner(network: network, risk: surface, beta: 4)
    }

    static func point(_ f: Fixture, _ name: String) -> Coordinate {
        let p = f.points[name] ?? [.nan, .nan]
        return Coordinate(x: p[0], y: p[1])
    }

    func testNetworkIsNodedAtTheCrossings() throws {
        let f = try Self.fixture()
        let network = try Self.planner(f).network
        // 5 connected lines, the cross street crossing two of them, plus the island:
        // nodes (0,0) (2000,0) (0,600) (2000,600) (1000,0) (1000,600) (1000,-300) (1000,900) + 2.
        XCTAssertEqual(network.nodes.count, 10)
        XCTAssertEqual(network.edges.count, 10)
        assertClose(network.totalLength, 2000 + 600 + 2000 + 600 + 1200 + 600, tolerance: 1e-5)
    }

    func testSafeRouteAvoidsTheBearAtDawnAndShortestDoesNot() throws {
        let f = try Self.fixture()
        let pair = try Self.planner(f).route(
            from: Self.point(f, "start"), to: Self.point(f, "end"), minuteOfDay: 5 * 60 + 30)

        let shortest = try Self.measure(pair.shortest, expected: [[0, 0], [1000, 0], [2000, 0]])
        XCTAssertLessThan(shortest.hausdorff, 0.01)
        XCTAssertLessThan(shortest.cameraDistance, 0.01, "the shortest route passes the camera")
        assertClose(pair.shortest.length, shortest.expectedLength, tolerance: 1e-4)
        assertClose(pair.shortest.length, shortest.length, tolerance: 1e-4)
        XCTAssertGreaterThan(pair.shortest.risk, 550, "about 600 m through the zone at full risk")

        let safe = try Self.measure(pair.safe, expected: [[0, 0], [0, 600], [1000, 600], [2000, 600], [2000, 0]])
        XCTAssertLessThan(safe.hausdorff, 0.01)
        XCTAssertGreaterThan(safe.cameraDistance, 300, "the safe route stays out of the bear zone")
        assertClose(pair.safe.length, safe.expectedLength, tolerance: 1e-4)
        assertClose(pair.safe.length, safe.length, tolerance: 1e-4)
        XCTAssertEqual(pair.safe.risk, 0)
        assertClose(pair.startSnapDistance, 200.0.squareRoot(), tolerance: 1e-4)
    }

    func testAtMiddayAndAllDayTheShortestIsSafeEnough() throws {
        let f = try Self.fixture()
        let planner = try Self.planner(f)
        let noon = try planner.route(from: Self.point(f, "start"), to: Self.point(f, "end"), minuteOfDay: 13 * 60)
        assertClose(noon.safe.length, 2000, tolerance: 1e-4)
        XCTAssertEqual(noon.safe.risk, 0)
        // All day the zone weighs 0.25: 2000 + 4 × 0.25 × ~600 < 3200 for the detour.
        let allDay = try planner.route(from: Self.point(f, "start"), to: Self.point(f, "end"))
        assertClose(allDay.safe.length, 2000, tolerance: 1e-4)
        XCTAssertGreaterThan(allDay.safe.risk, 130)
        XCTAssertLessThan(allDay.safe.risk, 170)
    }

    func testRoutesFromMidEdgePoints() throws {
        let f = try Self.fixture()
        let pair = try Self.planner(f).route(
            from: Self.point(f, "midStart"), to: Self.point(f, "midEnd"), minuteOfDay: 330)
        let shortest = try Self.measure(pair.shortest, expected: [[500, 0], [1000, 0], [1000, 600], [1500, 600]])
        XCTAssertLessThan(shortest.hausdorff, 0.01)
        assertClose(pair.shortest.length, shortest.expectedLength, tolerance: 1e-4)
        let safe = try Self.measure(pair.safe, expected: [[500, 0], [0, 0], [0, 600], [1500, 600]])
        XCTAssertLessThan(safe.hausdorff, 0.01)
        assertClose(pair.safe.length, safe.expectedLength, tolerance: 1e-4)
        assertClose(pair.safe.length, safe.length, tolerance: 1e-4)
        assertClose(pair.endSnapDistance, 30, tolerance: 1e-4)
    }

    func testGeoJSONCarriesBothRoutes() throws {
        let f = try Self.fixture()
        let pair = try Self.planner(f).route(from: Self.point(f, "start"), to: Self.point(f, "end"), minuteOfDay: 330)
        let json = try JSONValue(parsing: String(decoding: try pair.geoJSON(), as: UTF8.self))
        XCTAssertEqual(json["type"], "FeatureCollection")
        let features = try XCTUnwrap(json["features"]?.arrayValue)
        XCTAssertEqual(features.count, 2)
        XCTAssertEqual(features.map { $0["properties"]?["route"] }, ["safe", "shortest"])
        XCTAssertEqual(features.map { $0["geometry"]?["type"] }, ["LineString", "LineString"])
        XCTAssertEqual(features[1]["properties"]?["length_m"]?.doubleValue ?? 0, 2000, accuracy: 0.01)
        XCTAssertEqual(features[0]["properties"]?["length_m"]?.doubleValue ?? 0, 3200, accuracy: 0.01)
        XCTAssertEqual(features[0]["properties"]?["at"], "05:30")
        XCTAssertNotNil(features[0]["properties"]?["risk"]?.doubleValue)
    }

    func testErrorsSayWhatWentWrong() throws {
        let f = try Self.fixture()
        let planner = try Self.planner(f)
        XCTAssertThrowsError(try planner.route(from: Self.point(f, "farAway"), to: Self.point(f, "end"))) {
            let error = $0 as? RouteError
            XCTAssertEqual(error?.kind, .offNetwork)
            XCTAssertEqual(
                error?.message,
                "the start point is 1600 m from the nearest road (at most 500 m); "
                    + "pick a point on or near a road")
        }
        XCTAssertThrowsError(try planner.route(from: Self.point(f, "start"), to: Self.point(f, "island"))) {
            XCTAssertEqual(($0 as? RouteError)?.kind, .disconnected)
        }
        XCTAssertThrowsError(try planner.route(from: Coordinate(x: .nan, y: 38), to: Self.point(f, "end"))) {
            XCTAssertEqual(($0 as? RouteError)?.kind, .invalidPoint)
        }
        XCTAssertThrowsError(
            try planner.route(from: Self.point(f, "start"), to: Self.point(f, "end"), minuteOfDay: 1440)
        ) {
            XCTAssertEqual(($0 as? RouteError)?.kind, .invalidTime)
        }
        XCTAssertThrowsError(try RoadNetwork(roadShapes: [.point(Coordinate(x: 140, y: 38))], crs: CRS("EPSG:6678"))) {
            XCTAssertEqual(($0 as? RouteError)?.kind, .noNetwork)
        }
    }
}

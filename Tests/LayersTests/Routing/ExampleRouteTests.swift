import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Routes between the example's schools on the real basemap roads, against networkx on
/// the same roads noded by shapely and projected by pyproj.
final class ExampleRouteTests: XCTestCase {
    struct Reference: Decodable {
        let nodes: Int
        let edges: Int
        let totalLength: Double
        let lengths: [Double?]
    }

    func testSchoolToSchoolLengthsMatchNetworkx() throws {
        let root = ReferencePython.packageRoot.appendingPathComponent("basemap")
        let roads = try GeoJSONReader.read(contentsOf: root.appendingPathComponent("roads.geojson")).features
        let schools = try GeoJSONReader.read(contentsOf: root.appendingPathComponent("schools.geojson")).features
        let points = schools.compactMap { feature -> Coordinate? in
            if case .point(let c) = feature.shape { return c }
            return nil
        }
        XCTAssertGreaterThanOrEqual(points.count, 3)
        let pairs = points.indices.flatMap { i in points.indices.filter { $0 > i }.map { (i, $0) } }

        let start = Date()
        let network = try RoadNetwork(roads: roads, crs: CRS("EPSG:6678"))
        let planner = try RoutePlanner(network: network, risk: nil, beta: 4)
        let prepared = Date().timeIntervalSince(start)
        XCTAssertLessThan(prepared, 30, "network preparation took \(prepared) s")

        let reference = try ReferencePython.decode(
            Reference.self,
            """
            import json, sys
            import networkx as nx
            from pyproj import Transformer
            from shapely.geometry import LineString, Point
            from shapely.ops import unary_union, nearest_points, substring
            d = json.load(sys.stdin)
            t = Transformer.from_crs("EPSG:4326", "EPSG:6678", always_xy=True)
            lines = [LineString([t.transform(*p) for p in road]) for road in d["roads"]]
            noded = unary_union(lines)
            parts = list(noded.geoms)
            g = nx.Graph()
            def key(c): return (round(c[0], 5), round(c[1], 5))
            def add(a, b, w):
                if a != b and (not g.has_edge(a, b) or g[a][b]["weight"] > w):
                    g.add_edge(a, b, weight=w)
            for part in parts:
                add(key(part.coords[0]), key(part.coords[-1]), part.length)
            # Snap each school to its nearest road piece and split that piece there.
            def snap(p, name):
                q = Point(t.transform(*p))
                part = min(parts, key=lambda l: l.distance(q))
                at = part.project(q)
                a, b = key(part.coords[0]), key(part.coords[-1])
                g.add_edge(name, a, weight=at)
                g.add_edge(name, b, weight=part.length - at)
                return name
            names = [snap(p, ("school", i)) for i, p in enumerate(d["schools"])]
            lengths = []
            for i, j in d["pairs"]:
                try:
                    lengths.append(nx.shortest_path_length(g, names[i], names[j], weight="weight"))
                except nx.NetworkXNoPath:
                    lengths.append(None)
            print(json.dumps({"nodes": sum(1 for n in g.nodes if n[0] != "school"), "edges": len(parts),
                              "totalLength": noded.length, "lengths": lengths}))
            """, packages: ["networkx", "pyproj", "shapely"],
            sending: ReferenceInput(
                roads: roads.compactMap { feature -> [[Double]]? in
                    if case .lineString(let line) = feature.shape { return line.map { [$0.x, $0.y] } }
                    return nil
                },
                schools: points.map { [$0.x, $0.y] }, pairs: pairs.map { [$0.0, $0.1] }))

        XCTAssertEqual(network.edges.count, reference.edges)
        XCTAssertEqual(network.nodes.count, reference.nodes)
        assertClose(network.totalLength, reference.totalLength, tolerance: 1e-3)
        var routed = 0
        for ((i, j), expected) in zip(pairs, reference.lengths) {
            guard let expected else {
                XCTAssertThrowsError(try planner.route(from: points[i], to: points[j]))
                continue
            }
            let pair = try planner.route(from: points[i], to: points[j], minuteOfDay: 7 * 60 + 30)
            assertClose(pair.shortest.length, expected, tolerance: 1e-3, "school \(i) → \(j)")
            assertClose(pair.safe.length, pair.shortest.length, tolerance: 1e-6, "no risk surface: safe = shortest")
            routed += 1
        }
        XCTAssertGreaterThan(routed, 0)
    }

    struct ReferenceInput: Encodable {
        let roads: [[[Double]]]
        let schools: [[Double]]
        let pairs: [[Int]]
    }
}

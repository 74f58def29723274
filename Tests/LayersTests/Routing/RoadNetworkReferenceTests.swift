import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Shortest-route lengths on generated networks against networkx's Dijkstra on a
/// graph shapely nodes independently, and snapping against shapely's `project`.
final class RoadNetworkReferenceTests: XCTestCase {
    struct Generated: Decodable {
        /// Road lines in lon/lat.
        let roads: [[[Double]]]
        /// Query pairs in lon/lat, with networkx's length (nil when disconnected).
        let pairs: [[[Double]]]
        let lengths: [Double?]
        let nodes: Int
        let edges: Int
    }

    /// A jittered 7 × 7 street lattice (~200 m blocks, some blocks missing, some
    /// streets bent) crossed by long diagonal roads, in EPSG:6678 around central Nagai.
    static let generator = """
        import json, random, sys
        import networkx as nx
        from pyproj import Transformer
        from shapely.geometry import LineString
        from shapely.ops import unary_union
        seed = int(sys.argv[1])
        rnd = random.Random(seed)
        ox, oy = -69500.0, -209800.0
        n = 7
        pos = {(i, j): (i * 200 + rnd.uniform(-40, 40), j * 200 + rnd.uniform(-40, 40)) for i in range(n) for j in range(n)}
        lines = []
        for (i, j), p in pos.items():
            for q in [(i + 1, j), (i, j + 1)]:
                if q in pos and rnd.random() < 0.8:
                    a, b = p, pos[q]
                    if rnd.random() < 0.3:
                        mid = ((a[0] + b[0]) / 2 + rnd.uniform(-30, 30), (a[1] + b[1]) / 2 + rnd.uniform(-30, 30))
                        lines.append([a, mid, b])
                    else:
                        lines.append([a, b])
        for _ in range(4):
            lines.append([(rnd.uniform(-50, 1250), -60), (rnd.uniform(-50, 1250), 1260)])
        lines.append([(1500, 1500), (1700, 1500)])  # an island
        noded = unary_union([LineString(l) for l in lines])
        g = nx.Graph()
        def key(c): return (round(c[0], 6), round(c[1], 6))
        for part in noded.geoms:
            a, b = key(part.coords[0]), key(part.coords[-1])
            w = part.length
            if a != b and (not g.has_edge(a, b) or g[a][b]["weight"] > w):
                g.add_edge(a, b, weight=w)
        t = Transformer.from_crs("EPSG:6678", "EPSG:4326", always_xy=True)
        def ll(p): return list(t.transform(ox + p[0], oy + p[1]))
        nodes = list(pos.values()) + [(1500, 1500)]
        pairs, lengths = [], []
        for _ in range(25):
            a, b = rnd.sample(nodes, 2)
            ka, kb = key(a), key(b)
            if ka not in g or kb not in g:
                continue  # a lattice point every street around it was dropped from
            try:
                lengths.append(nx.shortest_path_length(g, ka, kb, weight="weight"))
            except nx.NetworkXNoPath:
                lengths.append(None)
            pairs.append([ll(a), ll(b)])
        print(json.dumps({"roads": [[ll(p) for p in l] for l in lines], "pairs": pairs, "lengths": lengths,
                          "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}))
        """

    func testShortestLengthsMatchNetworkx() throws {
        for seed in [1, 2, 3] {
            let generated = try JSONDecoder().decode(
                Generated.self,
                from: ReferencePython.run(
                    Self.generator, packages: ["networkx", "pyproj", "shapely"], arguments: [String(seed)]))
            let network = try RoadNetwork(
                roadShapes: generated.roads.map { .lineString($0.map { Coordinate(x: $0[0], y: $0[1]) }) },
                crs: CRS("EPSG:6678"))
            XCTAssertEqual(network.nodes.count, generated.nodes, "seed \(seed): nodes")
            XCTAssertEqual(network.edges.count, generated.edges, "seed \(seed): edges")
            let planner = try RoutePlanner(network: network, risk: nil, beta: 0)
            var connected = 0
            for (pair, expected) in zip(generated.pairs, generated.lengths) {
                let from = Coordinate(x: pair[0][0], y: pair[0][1])
                let to = Coordinate(x: pair[1][0], y: pair[1][1])
                if let expected {
                    let route = try planner.route(from: from, to: to)
                    assertClose(route.shortest.length, expected, tolerance: 1e-4, "seed \(seed)")
                    assertClose(route.safe.length, expected, tolerance: 1e-4, "seed \(seed): no risk, safe = shortest")
                    connected += 1
                } else {
                    XCTAssertThrowsError(try planner.route(from: from, to: to), "seed \(seed)")
                }
            }
            XCTAssertGreaterThan(connected, 15)
        }
    }

    struct Snaps: Decodable {
        let distances: [Double]
        let offsets: [Double]
    }

    func testSnappingMatchesShapelyProject() throws {
        // One bent road; points around it (metric), snapped by us and by shapely.
        let road = [[0.0, 0], [300, 40], [520, -80], [700, 200]]
        var random = SeededRandom(seed: 9)
        let points = (0..<60).map { _ in [random.double(in: -100...800), random.double(in: -200...300)] }
        let reference = try ReferencePython.decode(
            Snaps.self,
            """
            import json, sys
            from shapely.geometry import LineString, Point
            d = json.load(sys.stdin)
            line = LineString(d["road"])
            pts = [Point(p) for p in d["points"]]
            print(json.dumps({"distances": [line.distance(p) for p in pts], "offsets": [line.project(p) for p in pts]}))
            """, packages: ["shapely"], sending: ["road": road, "points": points])
        let line = road.map { Coordinate(x: $0[0], y: $0[1]) }
        let edge = RoadNetwork.Edge(
            from: 0, to: 1, points: line, length: 0,
            cumulative: Polyline.cumulativeLengths(line))
        let grid = SegmentGrid(edges: [edge])
        for (i, p) in points.enumerated() {
            let hit = try XCTUnwrap(grid.nearest(to: Coordinate(x: p[0], y: p[1]), maxDistance: 1e9, edges: [edge]))
            assertClose(hit.distance, reference.distances[i], tolerance: 1e-9)
            let s = Int(hit.entry.segment)
            let offset = edge.cumulative[s] + hit.t * (edge.cumulative[s + 1] - edge.cumulative[s])
            assertClose(offset, reference.offsets[i], tolerance: 1e-9)
        }
        XCTAssertNil(grid.nearest(to: Coordinate(x: 5000, y: 5000), maxDistance: 100, edges: [edge]))
    }
}

import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Shortest-route lengths on generated networks against networkx's Dijkstra on a
/// graph shapely nodes independently, snapping against shapely's `project` and cuts
/// against shapely's `substring`.
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
        // The road in two edges (split at its second vertex), so snapping also picks the edge.
        let parts = [Array(line[0...1]), Array(line[1...])]
        let edges = try parts.enumerated().map { i, part in
            RoadNetwork.Edge(
                from: i, to: i + 1, points: part,
                length: try Geometry(.lineString(part), context: GEOSContext()).length,
                cumulative: Polyline.cumulativeLengths(part))
        }
        let network = RoadNetwork(crs: try CRS("EPSG:6678"), nodes: [line[0], line[1], line[3]], edges: edges)
        let index = try EdgeIndex(network: network, context: GEOSContext())
        for (i, p) in points.enumerated() {
            let hit = try XCTUnwrap(try index.snap(Coordinate(x: p[0], y: p[1])))
            assertClose(hit.distance, reference.distances[i], tolerance: 1e-9)
            let offset = (hit.edge == 0 ? 0 : edges[0].length) + hit.offset
            assertClose(offset, reference.offsets[i], tolerance: 1e-9)
        }
        XCTAssertEqual(edges[0].cumulative.last, edges[0].length, "running sums end at GEOS's length")
        assertClose(try XCTUnwrap(edges[1].cumulative.last), edges[1].length, tolerance: 1e-9)
    }

    struct Cuts: Decodable {
        let parts: [[[Double]]]
    }

    func testCutsMatchShapelySubstring() throws {
        let road = [[0.0, 0], [300, 40], [520, -80], [700, 200], [700, 200.0000001]]
        var random = SeededRandom(seed: 17)
        let pieces =
            (0..<40).map { _ in [random.double(in: 0...1000), random.double(in: 0...1000)] }
            + [[0, 0], [0, 1e9], [302.3720139, 302.3720139], [250, 250]]
        let reference = try ReferencePython.decode(
            Cuts.self,
            """
            import json, sys
            from shapely.geometry import LineString
            from shapely.ops import substring
            d = json.load(sys.stdin)
            line = LineString(d["road"])
            out = []
            for a, b in d["pieces"]:
                part = substring(line, a, b)
                coords = list(part.coords) if part.geom_type == "LineString" else [part.coords[0]] * 2
                out.append([list(c) for c in coords])
            print(json.dumps({"parts": out}))
            """, packages: ["shapely"], sending: ["road": road, "pieces": pieces])
        let line = road.map { Coordinate(x: $0[0], y: $0[1]) }
        let edge = RoadNetwork.Edge(
            from: 0, to: 1, points: line, length: try Geometry(.lineString(line), context: GEOSContext()).length,
            cumulative: Polyline.cumulativeLengths(line))
        let network = RoadNetwork(crs: try CRS("EPSG:6678"), nodes: [line[0], line[4]], edges: [edge])
        let index = try EdgeIndex(network: network, context: GEOSContext())
        for (piece, expected) in zip(pieces, reference.parts) {
            let cut = try index.cut(PathPiece(edge: 0, from: piece[0], to: piece[1]))
            let want = expected.map { Coordinate(x: $0[0], y: $0[1]) }
            XCTAssertEqual(cut.first.map { Double($0.distance(to: want[0])) } ?? 1, 0, accuracy: 1e-6, "\(piece)")
            XCTAssertEqual(
                cut.last.map { Double($0.distance(to: want[want.count - 1])) } ?? 1, 0, accuracy: 1e-6, "\(piece)")
            let ours = try Geometry(.lineString(cut.count >= 2 ? cut : cut + cut), context: GEOSContext()).length
            let theirs = try Geometry(.lineString(want), context: GEOSContext()).length
            assertClose(ours, theirs, tolerance: 1e-6, "length of \(piece)")
            assertClose(
                ours, abs(min(max(piece[1], 0), edge.length) - min(max(piece[0], 0), edge.length)),
                tolerance: 1e-6, "length of \(piece) from its ends")
        }
    }
}

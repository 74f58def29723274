import GeoCore

/// The basemap's roads as a graph in the project's metric CRS: nodes where roads meet
/// or end, edges the road pieces between them with their lengths in metres.
///
/// Built once (``init(roads:crs:)``) and then read from any thread: it is an
/// immutable `Sendable` value, so the server can plan routes on many connections at
/// once without any GEOS or PROJ handle being shared.
public struct RoadNetwork: Sendable {
    /// One road piece between two nodes.
    public struct Edge: Sendable, Hashable {
        /// Node indices at the first and last vertex.
        public var from: Int
        public var to: Int
        /// Vertices in the project CRS (metres).
        public var points: [Coordinate]
        /// Length in metres (GEOS `GEOSLength_r` of the piece).
        public var length: Double
        /// Distance from the first vertex at every vertex (for cutting and sampling).
        var cumulative: [Double]
    }

    /// An arc of the adjacency lists: an edge walked in one direction.
    struct Arc: Sendable, Hashable {
        var to: Int32
        var edge: Int32
        var forward: Bool
    }

    /// The metric CRS of nodes and edges.
    public let crs: CRS
    /// Node positions in the project CRS.
    public let nodes: [Coordinate]
    public let edges: [Edge]
    /// `arcs[arcStart[n] ..< arcStart[n + 1]]` leave node `n`.
    let arcStart: [Int]
    let arcs: [Arc]

    /// Builds the graph from edges already noded and projected (see `RoadNetwork+Build`).
    init(crs: CRS, nodes: [Coordinate], edges: [Edge]) {
        self.crs = crs
        self.nodes = nodes
        self.edges = edges
        var degree = [Int](repeating: 0, count: nodes.count + 1)
        for edge in edges {
            degree[edge.from] += 1
            degree[edge.to] += 1
        }
        var start = [Int](repeating: 0, count: nodes.count + 1)
        for n in 0..<nodes.count { start[n + 1] = start[n] + degree[n] }
        var fill = start
        var arcs = [Arc](repeating: Arc(to: 0, edge: 0, forward: true), count: start[nodes.count])
        for (index, edge) in edges.enumerated() {
            arcs[fill[edge.from]] = Arc(to: Int32(edge.to), edge: Int32(index), forward: true)
            fill[edge.from] += 1
            arcs[fill[edge.to]] = Arc(to: Int32(edge.from), edge: Int32(index), forward: false)
            fill[edge.to] += 1
        }
        self.arcStart = start
        self.arcs = arcs
    }

    /// The total length of all edges in metres.
    public var totalLength: Double { edges.reduce(0) { $0 + $1.length } }
}

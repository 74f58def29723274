import GeoCore

/// OpenStreetMap-style road classes used in `roads.geojson`'s `highway` property.
enum Highway: String, Sendable {
    case primary, secondary, tertiary, residential
}

/// A junction of the synthetic road network.
struct RoadNode: Sendable {
    let coordinate: Coordinate
    let plane: PlanePoint
    /// The town, station or place this junction stands for, if any.
    let label: String?
}

/// One road between two junctions; its geometry starts at `from` and ends at `to`.
struct RoadEdge: Sendable {
    let from: Int
    let to: Int
    var highway: Highway
    var bridge: Bool
    var geometry: [Coordinate]
    var length: Double
}

/// The synthetic road network: junctions at every town point, station and school, a street
/// grid in the town centre, roads between them, noded (roads meet only at shared junctions).
struct RoadNetwork: Sendable {
    var nodes: [RoadNode]
    var edges: [RoadEdge]
    /// For each node, (edge index, neighbour node).
    var adjacency: [[(edge: Int, node: Int)]]
    /// Node index of each label (town names, `駅:NAME`, school ids, place names).
    var labelled: [String: Int]

    func node(_ label: String) -> Int? { labelled[label] }

    /// Shortest-path distances and predecessor edges from `source` (Dijkstra on length).
    func shortestPaths(from source: Int) -> (distance: [Double], previousEdge: [Int]) {
        var distance = Array(repeating: Double.infinity, count: nodes.count)
        var previous = Array(repeating: -1, count: nodes.count)
        var done = Array(repeating: false, count: nodes.count)
        distance[source] = 0
        for _ in 0..<nodes.count {
            var best = -1
            for i in nodes.indices where !done[i] && distance[i].isFinite && (best < 0 || distance[i] < distance[best])
            {
                best = i
            }
            if best < 0 { break }
            done[best] = true
            for (edge, next) in adjacency[best] where !done[next] {
                let candidate = distance[best] + edges[edge].length
                if candidate < distance[next] {
                    distance[next] = candidate
                    previous[next] = edge
                }
            }
        }
        return (distance, previous)
    }

    /// The node sequence and edges of the shortest path from `source` to `target`.
    func path(from source: Int, to target: Int) -> [Int] {
        let tree = shortestPaths(from: source)
        return edgePath(tree: tree.previousEdge, to: target)
    }

    /// Edges from the tree's root to `target`, in travel order.
    func edgePath(tree previousEdge: [Int], to target: Int) -> [Int] {
        var result: [Int] = []
        var at = target
        while previousEdge[at] >= 0 {
            let edge = previousEdge[at]
            result.append(edge)
            at = edges[edge].from == at ? edges[edge].to : edges[edge].from
        }
        return result.reversed()
    }

    /// The polyline of `edgesInOrder` walked starting from node `start`.
    func polyline(start: Int, edges edgesInOrder: [Int]) -> [Coordinate] {
        var line = [nodes[start].coordinate]
        var at = start
        for index in edgesInOrder {
            let edge = edges[index]
            let forward = edge.from == at
            let geometry = forward ? edge.geometry : edge.geometry.reversed()
            line.append(contentsOf: geometry.dropFirst())
            at = forward ? edge.to : edge.from
        }
        return line
    }
}

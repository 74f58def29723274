/// A piece of a route: part of one edge, from one distance along it to another
/// (`from > to` walks the edge backwards).
struct PathPiece: Sendable, Hashable {
    var edge: Int
    var from: Double
    var to: Double
}

/// Dijkstra's shortest-path search on the road network plus two virtual nodes, the
/// snapped start and end, joined to the network by partial edges.
///
/// Costs are non-negative (length plus a non-negative multiple of integrated risk),
/// so the first time the end node is settled its cost is optimal.
struct PathSearch {
    /// Virtual node ids: start = `nodeCount`, end = `nodeCount + 1`.
    let nodeCount: Int
    /// Arcs leaving the start node, and arcs into the end node keyed by their source.
    let startArcs: [(to: Int, piece: PathPiece, cost: Double)]
    let endArcs: [Int: [(piece: PathPiece, cost: Double)]]
    /// A direct arc from start to end when both snap onto the same edge.
    let direct: (piece: PathPiece, cost: Double)?

    /// The cheapest path's pieces and cost, or nil when the end is unreachable.
    ///
    /// - Parameters:
    ///   - network: the graph.
    ///   - edgeCost: the cost of walking a whole edge (either direction).
    func run(_ network: RoadNetwork, edgeCost: [Double]) -> (pieces: [PathPiece], cost: Double)? {
        let start = nodeCount
        let end = nodeCount + 1
        var cost = [Double](repeating: .infinity, count: nodeCount + 2)
        var previous = [Int](repeating: -1, count: nodeCount + 2)
        var via = [PathPiece?](repeating: nil, count: nodeCount + 2)
        var heap = MinHeap()
        cost[start] = 0
        heap.push(0, start)

        func relax(_ from: Int, _ to: Int, _ piece: PathPiece, _ step: Double) {
            let candidate = cost[from] + step
            if candidate < cost[to] {
                cost[to] = candidate
                previous[to] = from
                via[to] = piece
                heap.push(candidate, to)
            }
        }

        while let (settled, node) = heap.pop() {
            if settled > cost[node] { continue }
            if node == end { break }
            if node == start {
                for arc in startArcs { relax(start, arc.to, arc.piece, arc.cost) }
                if let direct { relax(start, end, direct.piece, direct.cost) }
                continue
            }
            for a in network.arcStart[node]..<network.arcStart[node + 1] {
                let arc = network.arcs[a]
                let edge = Int(arc.edge)
                let length = network.edges[edge].length
                let piece =
                    arc.forward
                    ? PathPiece(edge: edge, from: 0, to: length)
                    : PathPiece(edge: edge, from: length, to: 0)
                relax(node, Int(arc.to), piece, edgeCost[edge])
            }
            for arc in endArcs[node] ?? [] { relax(node, end, arc.piece, arc.cost) }
        }
        guard cost[end].isFinite else { return nil }
        var pieces: [PathPiece] = []
        var node = end
        while node != start, let piece = via[node] {
            pieces.append(piece)
            node = previous[node]
        }
        return (pieces.reversed(), cost[end])
    }
}

/// A binary min-heap of (cost, node) pairs.
struct MinHeap {
    private var items: [(Double, Int)] = []

    mutating func push(_ cost: Double, _ node: Int) {
        items.append((cost, node))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent].0 <= items[i].0 { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let left = 2 * i + 1
                let right = left + 1
                var smallest = i
                if left < items.count && items[left].0 < items[smallest].0 { smallest = left }
                if right < items.count && items[right].0 < items[smallest].0 { smallest = right }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }
}

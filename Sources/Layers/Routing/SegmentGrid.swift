import Foundation
import GeoCore

/// A uniform grid over the road network's segments, to find the segment nearest a
/// point without scanning the whole network.
///
/// Each cell lists the segments whose bounding box meets it. A query searches rings
/// of cells outward from the point's cell and stops once no unvisited cell can hold
/// anything nearer than the best segment found.
struct SegmentGrid: Sendable {
    /// A segment: edge `edge`, between vertices `segment` and `segment + 1`.
    struct Entry: Sendable, Hashable {
        var edge: Int32
        var segment: Int32
    }

    private let originX: Double
    private let originY: Double
    private let cellSize: Double
    private let columns: Int
    private let rows: Int
    private let cellStart: [Int]
    private let entries: [Entry]

    init(edges: [RoadNetwork.Edge]) {
        var box: BoundingBox?
        var count = 0
        for edge in edges {
            for p in edge.points {
                box = box?.extended(by: p) ?? BoundingBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)
            }
            count += Swift.max(0, edge.points.count - 1)
        }
        let extent = box ?? BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)
        // About two segments a cell, cells at least 20 m, at most 4 M cells.
        let area = Swift.max(extent.width, 1) * Swift.max(extent.height, 1)
        var size = Swift.max(20, (2 * area / Double(Swift.max(count, 1))).squareRoot())
        while (extent.width / size + 1) * (extent.height / size + 1) > 4_000_000 { size *= 2 }
        originX = extent.minX
        originY = extent.minY
        cellSize = size
        columns = Int(extent.width / size) + 1
        rows = Int(extent.height / size) + 1

        var lists = [[Entry]](repeating: [], count: columns * rows)
        for (e, edge) in edges.enumerated() {
            for s in 0..<Swift.max(0, edge.points.count - 1) {
                let a = edge.points[s]
                let b = edge.points[s + 1]
                let c0 = Self.clamp(Int((Swift.min(a.x, b.x) - extent.minX) / size), columns)
                let c1 = Self.clamp(Int((Swift.max(a.x, b.x) - extent.minX) / size), columns)
                let r0 = Self.clamp(Int((Swift.min(a.y, b.y) - extent.minY) / size), rows)
                let r1 = Self.clamp(Int((Swift.max(a.y, b.y) - extent.minY) / size), rows)
                for r in r0...r1 {
                    for c in c0...c1 { lists[r * columns + c].append(Entry(edge: Int32(e), segment: Int32(s))) }
                }
            }
        }
        var start = [0]
        start.reserveCapacity(lists.count + 1)
        for list in lists { start.append(start[start.count - 1] + list.count) }
        cellStart = start
        entries = Array(lists.joined())
    }

    private static func clamp(_ value: Int, _ limit: Int) -> Int { Swift.min(Swift.max(value, 0), limit - 1) }

    /// The segment nearest `p` within `maxDistance` metres: its entry, the parameter
    /// along it (0…1) and the distance; nil when none is that near.
    func nearest(to p: Coordinate, maxDistance: Double, edges: [RoadNetwork.Edge])
        -> (entry: Entry, t: Double, distance: Double)?
    {
        guard p.isFinite, columns > 0, rows > 0 else { return nil }
        let fx = ((p.x - originX) / cellSize).rounded(.down)
        let fy = ((p.y - originY) / cellSize).rounded(.down)
        // Rings beyond every cell, or beyond maxDistance, hold nothing of interest.
        let limit = Double(Swift.max(columns, rows)) + Swift.max(abs(fx), abs(fy)) + 1
        guard limit < 1e9 else { return nil }
        let cx = Int(fx)
        let cy = Int(fy)
        var best: (entry: Entry, t: Double, squared: Double)?
        var ring = 0
        while Double(ring) <= limit {
            // Anything in ring `ring` or beyond is at least (ring - 1) cells away.
            let nearestPossible = Double(Swift.max(0, ring - 1)) * cellSize
            if nearestPossible > maxDistance { break }
            if let found = best, found.squared <= nearestPossible * nearestPossible { break }
            for r in (cy - ring)...(cy + ring) where r >= 0 && r < rows {
                let onEdgeRow = r == cy - ring || r == cy + ring
                let step = onEdgeRow ? 1 : Swift.max(1, 2 * ring)
                var c = cx - ring
                while c <= cx + ring {
                    if c >= 0 && c < columns {
                        let cell = r * columns + c
                        for entry in entries[cellStart[cell]..<cellStart[cell + 1]] {
                            let points = edges[Int(entry.edge)].points
                            let s = Int(entry.segment)
                            let foot = Polyline.foot(of: p, on: points[s], points[s + 1])
                            if best == nil || foot.squaredDistance < best?.squared ?? .infinity {
                                best = (entry, foot.t, foot.squaredDistance)
                            }
                        }
                    }
                    c += step
                }
            }
            ring += 1
        }
        guard let best, best.squared <= maxDistance * maxDistance else { return nil }
        return (best.entry, best.t, best.squared.squareRoot())
    }
}

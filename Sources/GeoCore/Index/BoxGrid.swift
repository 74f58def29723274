/// A uniform grid over item bounding boxes: the candidate filter of ``SpatialJoin``.
///
/// Each cell lists (in increasing order) the items whose box meets the cell, stored
/// compactly (one offsets array, one items array). Looking up a point is one division
/// per axis; the exact test of every candidate is then done by GEOS. The grid only
/// compares boxes and never decides a geometric predicate itself: a pair it keeps
/// may still fail, and it drops only pairs whose boxes cannot meet.
struct BoxGrid: Sendable {
    /// The item boxes (already grown by the join's margin); nil for empty items.
    let boxes: [BoundingBox?]
    private let origin: Coordinate
    private let cellSize: Double
    private let columns: Int
    private let rows: Int
    /// `items[cellStart[c] ..< cellStart[c + 1]]` are the items of cell `c`.
    private let cellStart: [Int32]
    private let items: [Int32]
    /// The most items any one cell lists: enough room for ``candidates(x:y:into:)``.
    let maxItemsPerCell: Int

    /// Grids `boxes` with cells about the size of a typical box.
    init(boxes: [BoundingBox?]) {
        self.boxes = boxes
        let present = boxes.compactMap { $0 }.filter(\.isValid)
        guard let first = present.first else {
            origin = Coordinate(x: 0, y: 0)
            cellSize = 1
            columns = 0
            rows = 0
            cellStart = [0]
            items = []
            maxItemsPerCell = 0
            return
        }
        let extent = present.dropFirst().reduce(first) { $0.union($1) }
        // Cells a quarter of the median box side, so a point meets few boxes beyond
        // its own, but no more than ~32 cells per item and never over 4M cells.
        let sides = present.map { Swift.max($0.width, $0.height) }.sorted()
        let typical = sides[sides.count / 2] / 4
        let maxCells = Double(Swift.min(Swift.max(present.count * 32, 64), 1 << 22))
        let areaCell = ((Swift.max(extent.width, 1e-300) * Swift.max(extent.height, 1e-300)) / maxCells).squareRoot()
        var size = Swift.max(typical, areaCell, Swift.max(extent.width, extent.height) / 4096)
        if !(size > 0) || !size.isFinite { size = Swift.max(extent.width, extent.height, 1) }
        origin = Coordinate(x: extent.minX, y: extent.minY)
        cellSize = size
        columns = Swift.max(1, Int((extent.width / size).rounded(.down)) + 1)
        rows = Swift.max(1, Int((extent.height / size).rounded(.down)) + 1)

        // Two passes: count per cell, then fill (items stay in increasing order per cell).
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        for box in boxes {
            guard let box, box.isValid else { continue }
            let (c0, r0, c1, r1) = Self.cellRange(box, origin, size, columns, rows)
            for r in r0...r1 { for c in c0...c1 { counts[r * columns + c + 1] += 1 } }
        }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var next = counts
        var filled = [Int32](repeating: 0, count: Int(counts[counts.count - 1]))
        for (index, box) in boxes.enumerated() {
            guard let box, box.isValid else { continue }
            let (c0, r0, c1, r1) = Self.cellRange(box, origin, size, columns, rows)
            for r in r0...r1 {
                for c in c0...c1 {
                    let cell = r * columns + c
                    filled[Int(next[cell])] = Int32(index)
                    next[cell] += 1
                }
            }
        }
        cellStart = counts
        items = filled
        var most: Int32 = 0
        for c in 0..<(counts.count - 1) { most = Swift.max(most, counts[c + 1] - counts[c]) }
        maxItemsPerCell = Int(most)
    }

    private static func cellRange(
        _ box: BoundingBox, _ origin: Coordinate, _ size: Double, _ columns: Int,
        _ rows: Int
    ) -> (Int, Int, Int, Int) {
        func clamp(_ v: Double, _ n: Int) -> Int { Swift.min(n - 1, Swift.max(0, Int(v.rounded(.down)))) }
        return (
            clamp((box.minX - origin.x) / size, columns), clamp((box.minY - origin.y) / size, rows),
            clamp((box.maxX - origin.x) / size, columns), clamp((box.maxY - origin.y) / size, rows)
        )
    }

    /// The cell holding `point`, or nil outside the grid.
    @inline(__always)
    private func cell(_ x: Double, _ y: Double) -> Int? {
        let fx = (x - origin.x) / cellSize
        let fy = (y - origin.y) / cellSize
        // The comparisons are false for NaN, so NaN coordinates find nothing.
        guard fx >= 0, fy >= 0, fx < Double(columns), fy < Double(rows) else { return nil }
        return Int(fy) * columns + Int(fx)
    }

    /// Writes into `output` each item whose box contains the point (boundary included),
    /// in increasing order, and returns how many. `output` must hold ``maxItemsPerCell``.
    @inline(__always)
    func candidates(x: Double, y: Double, into output: UnsafeMutableBufferPointer<Int32>) -> Int {
        guard let cell = cell(x, y) else { return 0 }
        return items.withUnsafeBufferPointer { items in
            boxes.withUnsafeBufferPointer { boxes in
                var n = 0
                for k in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                    let item = items[k]
                    if let box = boxes[Int(item)], x >= box.minX, x <= box.maxX, y >= box.minY, y <= box.maxY {
                        output[n] = item
                        n += 1
                    }
                }
                return n
            }
        }
    }

    /// The items whose boxes meet `box`, in increasing order, each once.
    ///
    /// `seen` is scratch space (one flag per item, all false on entry and on return).
    func candidates(meeting box: BoundingBox, seen: inout [Bool]) -> [Int32] {
        guard columns > 0, box.isValid else { return [] }
        let (c0, r0, c1, r1) = Self.cellRange(box, origin, cellSize, columns, rows)
        // A box wholly outside the grid clamps to its edge; the box test below drops it.
        var found: [Int32] = []
        for r in r0...r1 {
            for c in c0...c1 {
                let cell = r * columns + c
                for i in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                    let item = items[i]
                    if seen[Int(item)] { continue }
                    if let other = boxes[Int(item)], other.intersects(box) {
                        seen[Int(item)] = true
                        found.append(item)
                    }
                }
            }
        }
        for item in found { seen[Int(item)] = false }
        found.sort()
        return found
    }
}

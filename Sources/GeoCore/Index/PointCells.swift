/// Points grouped into the cells of a square grid, a handful of points a cell, so
/// a join can treat neighbouring points together.
///
/// `order[cellStart[c] ..< cellStart[c + 1]]` are the indices of the points in cell
/// `c`, in increasing order. Points with a non-finite coordinate are left out (they
/// match nothing).
struct PointCells: Sendable {
    let order: [Int32]
    let cellStart: [Int32]
    var cellCount: Int { cellStart.count - 1 }

    /// Groups `points` so that an average occupied cell holds about `pointsPerCell`.
    init(points: [Coordinate], pointsPerCell: Int) {
        let finite = points.lazy.filter(\.isFinite)
        guard let extent = BoundingBox(covering: finite) else {
            order = []
            cellStart = [0]
            return
        }
        let count = points.count
        let area = Swift.max(extent.width, 1e-300) * Swift.max(extent.height, 1e-300)
        var size = (area * Double(pointsPerCell) / Double(Swift.max(count, 1))).squareRoot()
        // Never more cells than points, and never a zero or infinite size.
        let longest = Swift.max(extent.width, extent.height)
        if !(size > longest / 65536) { size = longest / 65536 }
        if !(size > 0) || !size.isFinite { size = 1 }
        let columns = Swift.max(1, Swift.min(Int(extent.width / size) + 1, 1 << 16))
        let rows = Swift.max(1, Swift.min(Int(extent.height / size) + 1, 1 << 16))
        let cellsTotal = columns * rows
        func cell(_ p: Coordinate) -> Int {
            let c = Swift.min(columns - 1, Swift.max(0, Int((p.x - extent.minX) / size)))
            let r = Swift.min(rows - 1, Swift.max(0, Int((p.y - extent.minY) / size)))
            return r * columns + c
        }
        // Counting sort by cell (stable, so indices stay increasing within a cell).
        var starts = [Int32](repeating: 0, count: cellsTotal + 1)
        for p in points where p.isFinite { starts[cell(p) + 1] += 1 }
        for i in 1..<starts.count { starts[i] += starts[i - 1] }
        var next = starts
        var sorted = [Int32](repeating: 0, count: Int(starts[cellsTotal]))
        for (i, p) in points.enumerated() where p.isFinite {
            let c = cell(p)
            sorted[Int(next[c])] = Int32(i)
            next[c] += 1
        }
        // Drop empty cells so work is split by occupied cells.
        var compactStart: [Int32] = [0]
        compactStart.reserveCapacity(Swift.min(cellsTotal, count) + 1)
        for c in 0..<cellsTotal where starts[c + 1] > starts[c] { compactStart.append(starts[c + 1]) }
        order = sorted
        cellStart = compactStart
    }
}

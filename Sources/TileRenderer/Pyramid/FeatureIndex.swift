import GeoCore

/// A uniform grid over the layer's extent (Web Mercator metres) listing, per cell, the
/// features whose bounds touch it: each tile asks only for the features near it.
///
/// Features covering more than a quarter of the grid sit in a separate list checked
/// for every query, so one huge polygon does not fill every cell.
struct FeatureIndex: Sendable {
    private let extent: BoundingBox
    private let columns: Int
    private let rows: Int
    private let cellWidth: Double
    private let cellHeight: Double
    /// Feature ids per cell, flattened: `cellStarts[c]..<cellStarts[c+1]` in `entries`.
    private let cellStarts: [Int32]
    private let entries: [Int32]
    private let large: [Int32]
    private let bounds: [BoundingBox]

    init(bounds: [BoundingBox]) {
        self.bounds = bounds
        let extent =
            bounds.reduce(nil as BoundingBox?) { $0?.union($1) ?? $1 }
            ?? BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)
        self.extent = extent
        let side = min(512, max(1, Int((Double(bounds.count)).squareRoot() * 2)))
        columns = side
        rows = side
        cellWidth = max(extent.width / Double(side), 1e-9)
        cellHeight = max(extent.height / Double(side), 1e-9)

        var perCell = [[Int32]](repeating: [], count: side * side)
        var large: [Int32] = []
        let quarter = side * side / 4
        for (id, box) in bounds.enumerated() {
            let (c0, c1, r0, r1) = FeatureIndex.cells(box, extent, cellWidth, cellHeight, side, side)
            if (c1 - c0 + 1) * (r1 - r0 + 1) > max(quarter, 16) {
                large.append(Int32(id))
                continue
            }
            for r in r0...r1 {
                for c in c0...c1 { perCell[r * side + c].append(Int32(id)) }
            }
        }
        var starts: [Int32] = [0]
        var entries: [Int32] = []
        for cell in perCell {
            entries += cell
            starts.append(Int32(entries.count))
        }
        cellStarts = starts
        self.entries = entries
        self.large = large
    }

    private static func cells(
        _ box: BoundingBox, _ extent: BoundingBox, _ w: Double, _ h: Double, _ columns: Int,
        _ rows: Int
    ) -> (Int, Int, Int, Int) {
        func clamp(_ v: Double, _ n: Int) -> Int { min(max(Int(v.rounded(.down)), 0), n - 1) }
        return (
            clamp((box.minX - extent.minX) / w, columns), clamp((box.maxX - extent.minX) / w, columns),
            clamp((box.minY - extent.minY) / h, rows), clamp((box.maxY - extent.minY) / h, rows)
        )
    }

    /// The ids of features whose bounds intersect `box`, ascending (draw order).
    /// `stamps` is per-thread scratch of one entry per feature; `stamp` must differ
    /// from every earlier query's (the caller counts up).
    func query(_ box: BoundingBox, stamps: inout [UInt32], stamp: UInt32, into result: inout [Int32]) {
        result.removeAll(keepingCapacity: true)
        guard box.intersects(extent) else {
            for id in large where bounds[Int(id)].intersects(box) { result.append(id) }
            return
        }
        if stamps.count != bounds.count { stamps = [UInt32](repeating: 0, count: bounds.count) }
        let (c0, c1, r0, r1) = FeatureIndex.cells(box, extent, cellWidth, cellHeight, columns, rows)
        for r in r0...r1 {
            for c in c0...c1 {
                let cell = r * columns + c
                for k in Int(cellStarts[cell])..<Int(cellStarts[cell + 1]) {
                    let id = entries[k]
                    if stamps[Int(id)] == stamp { continue }
                    stamps[Int(id)] = stamp
                    if bounds[Int(id)].intersects(box) { result.append(id) }
                }
            }
        }
        for id in large where bounds[Int(id)].intersects(box) { result.append(id) }
        result.sort()
    }
}

extension Rasterizer {
    /// Adds every contour of `path` (each implicitly closed) to the accumulation buffer.
    func add(_ path: Path) {
        cells.withUnsafeMutableBufferPointer { cells in
            rowBlocks.withUnsafeMutableBufferPointer { rowBlocks in
                path.points.withUnsafeBufferPointer { points in
                    guard let cellBase = cells.baseAddress, let blockBase = rowBlocks.baseAddress,
                        let pointBase = points.baseAddress
                    else { return }
                    var accumulator = Accumulator(
                        cells: cellBase, rowBlocks: blockBase, blockShift: blockShift,
                        width: Double(width), height: Double(height),
                        rows: height, stride: stride, minRow: minRow, maxRow: maxRow)
                    var start = 0
                    for end in path.contourEnds {
                        if end - start >= 2 {
                            var previous = pointBase[end - 1]
                            for i in start..<end {
                                let p = pointBase[i]
                                accumulator.addLine(previous.x, previous.y, p.x, p.y)
                                previous = p
                            }
                        }
                        start = end
                    }
                    minRow = accumulator.minRow
                    maxRow = accumulator.maxRow
                }
            }
        }
    }
}

/// The accumulation step over raw pointers to the rasterizer's buffers, valid for the
/// duration of one `add(_:)`.
struct Accumulator {
    let cells: UnsafeMutablePointer<Float>
    let rowBlocks: UnsafeMutablePointer<UInt64>
    let blockShift: Int
    let width: Double
    let height: Double
    let rows: Int
    let stride: Int
    var minRow: Int
    var maxRow: Int

    /// Accumulates the signed area of the directed segment (x0, y0) → (x1, y1).
    ///
    /// Downward segments (growing y) add positive area, upward ones negative. Parts above
    /// or below the canvas add nothing; parts left of it add their full height to
    /// column 0 (everything to their right is inside); parts right of it are dropped
    /// (they cannot change any visible running sum).
    @inline(__always)
    mutating func addLine(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        guard y0 != y1, x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        var (xa, ya, xb, yb, direction): (Double, Double, Double, Double, Float) =
            y0 < y1 ? (x0, y0, x1, y1, 1) : (x1, y1, x0, y0, -1)
        let h = height
        guard yb > 0, ya < h else { return }
        let dxdy = (xb - xa) / (yb - ya)
        if ya < 0 {
            xa += (0 - ya) * dxdy
            ya = 0
        }
        if yb > h {
            xb -= (yb - h) * dxdy
            yb = h
        }
        let firstRow = Int(ya)
        let bottom = Int(yb)  // yb ≥ 0 here, so truncation is floor
        let lastRow = min(Double(bottom) == yb ? bottom - 1 : bottom, rows - 1)
        guard firstRow <= lastRow else { return }
        minRow = min(minRow, firstRow)
        maxRow = max(maxRow, lastRow)
        // (Multiplying by the direction, ±1, is exact: the heights are those of the
        // unsigned pieces.)
        if firstRow == lastRow {
            addSpan(firstRow, xa, xb, Float(yb - ya) * direction)
            return
        }
        var y = ya
        var x = xa
        var row = firstRow
        while row < lastRow {
            let yNext = Double(row + 1)
            let xNext = xa + (yNext - ya) * dxdy
            addSpan(row, x, xNext, Float(yNext - y) * direction)
            x = xNext
            y = yNext
            row += 1
        }
        addSpan(lastRow, x, xb, Float(yb - y) * direction)
    }

    /// Records that cells `first...last` of `row` were written: the bits of their blocks.
    @inline(__always)
    func mark(_ row: Int, _ first: Int, _ last: Int) {
        let a = first &>> blockShift
        let b = last &>> blockShift
        rowBlocks[row] |= (UInt64.max &>> UInt64(truncatingIfNeeded: 63 - (b - a))) &<< UInt64(truncatingIfNeeded: a)
    }

    /// Adds a segment piece lying within one pixel row, running from x `xa` to `xb` with
    /// signed height `dy`, to the row's cells.
    ///
    /// In a cell `i` a piece spanning `[l, r] ⊂ [i, i+1]` with height `d` covers, to its
    /// right inside the cell, `d · (i + 1 − (l + r)/2)`; that goes to cell `i` and the
    /// rest of `d` to cell `i + 1`, so the row's prefix sum is the exact covered area.
    @inline(__always)
    func addSpan(_ rowIndex: Int, _ xa: Double, _ xb: Double, _ dy: Float) {
        let l = min(xa, xb)
        let r = max(xa, xb)
        // The common case: the piece stays within one visible cell (possibly ending
        // exactly on its right edge), and the whole height goes there; no division.
        if l >= 0 && l < width && r <= width {
            let i = Int(l)
            let left = Double(i)
            if r <= left + 1 {
                let row = cells + rowIndex * stride
                let mid = Float((l + r) * 0.5 - left)
                row[i] += dy * (1 - mid)
                row[i + 1] += dy * mid
                mark(rowIndex, i, i + 1)
                return
            }
        }
        addWideSpan(rowIndex, l, r, dy)
    }

    /// `addSpan` for a piece crossing cells or the canvas's left or right edge.
    func addWideSpan(_ rowIndex: Int, _ left: Double, _ right: Double, _ dy: Float) {
        let row = cells + rowIndex * stride
        let w = width
        var l = left
        var r = right
        if r <= 0 {
            row[0] += dy
            mark(rowIndex, 0, 0)
            return
        }
        if l >= w { return }
        let slope = Double(dy) / (r - l)  // signed height per unit of x
        if l < 0 {
            row[0] += Float(slope * -l)
            l = 0
        }
        if r > w { r = w }
        let i = Int(l)
        let last = Int(r)
        // Cells 0 (for a piece from the left of the canvas) or i, to last + 1.
        mark(rowIndex, left < 0 ? 0 : i, last + 1)
        if i == last || (Double(last) == r && last == i + 1) {
            // One cell (possibly ending exactly on its right edge).
            let d = Float(slope * (r - l))
            let mid = Float((l + r) * 0.5 - Double(i))
            row[i] += d * (1 - mid)
            row[i + 1] += d * mid
            return
        }
        // First partial cell.
        var d = Float(slope * (Double(i + 1) - l))
        var mid = Float((l + Double(i + 1)) * 0.5 - Double(i))
        row[i] += d * (1 - mid)
        row[i + 1] += d * mid
        // Whole cells: each gets half its height, the next cell the other half.
        let half = Float(slope * 0.5)
        if i + 1 < last {
            for j in (i + 1)..<last {
                row[j] += half
                row[j + 1] += half
            }
        }
        // Last partial cell.
        if Double(last) < r {
            d = Float(slope * (r - Double(last)))
            mid = Float((r - Double(last)) * 0.5)
            row[last] += d * (1 - mid)
            row[last + 1] += d * mid
        }
    }
}

extension Rasterizer {
    /// Turns the accumulated areas into coverage row by row, composites `pixel`
    /// (premultiplied) with that coverage onto `canvas`, and clears what it read.
    ///
    /// Each row is swept only from its first to its last written cell; past the last
    /// one the running sum is constant, so the rest of the row (a shape reaching beyond
    /// the canvas's right edge) is filled with one coverage value.
    func sweep(into canvas: inout Canvas, pixel: UInt32, rule: FillRule) {
        guard minRow <= maxRow else { return }
        let opaque = pixel >> 24 == 255
        let canvasWidth = canvas.width
        let width = self.width
        cells.withUnsafeMutableBufferPointer { cells in
            rowFirst.withUnsafeMutableBufferPointer { rowFirst in
                rowLast.withUnsafeMutableBufferPointer { rowLast in
                    canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                        guard let cellBase = cells.baseAddress, let pixelBase = pixels.baseAddress else { return }
                        for row in minRow...maxRow {
                            let first = Int(rowFirst[row]), last = Int(rowLast[row])
                            rowFirst[row] = Int32.max
                            rowLast[row] = -1
                            guard first <= last else { continue }
                            let cellRow = cellBase + row * stride
                            let pixelRow = pixelBase + row * canvasWidth
                            var sum: Float = 0
                            let visibleLast = min(last, width - 1)
                            var x = first
                            while x <= visibleLast {
                                sum += cellRow[x]
                                cellRow[x] = 0
                                let coverage = Rasterizer.coverageByte(sum, rule)
                                // Cells left untouched keep the running sum, hence the coverage:
                                // blend the whole run at once.
                                let end = Rasterizer.nextWritten(cellRow, from: x + 1, through: visibleLast)
                                if coverage != 0 {
                                    if coverage == 255 && opaque {
                                        (pixelRow + x).update(repeating: pixel, count: end - x)
                                    } else {
                                        Rasterizer.blendRun(pixelRow + x, count: end - x, pixel: pixel, coverage: coverage)
                                    }
                                }
                                x = end
                            }
                            while x <= last {
                                cellRow[x] = 0
                                x += 1
                            }
                            if last + 1 < width {
                                let coverage = Rasterizer.coverageByte(sum, rule)
                                if coverage != 0 {
                                    Rasterizer.blendRun(pixelRow + last + 1, count: width - last - 1, pixel: pixel,
                                                        coverage: coverage)
                                }
                            }
                        }
                    }
                }
            }
        }
        resetBounds()
    }

    /// The first index in `from...through` whose cell is not +0.0 (or `through + 1`),
    /// comparing bit patterns four cells at a time. Accumulated cells are never −0.0
    /// (IEEE sums of zeros round to +0), and a stray one would only end a run early.
    @inline(__always)
    static func nextWritten(_ row: UnsafeMutablePointer<Float>, from start: Int, through last: Int) -> Int {
        var i = start
        while i + 3 <= last
            && (row[i].bitPattern | row[i + 1].bitPattern | row[i + 2].bitPattern | row[i + 3].bitPattern) == 0
        {
            i += 4
        }
        while i <= last && row[i].bitPattern == 0 { i += 1 }
        return i
    }

    /// The coverage of running sum `sum` as 0…255, rounded, without the range checks of
    /// a float-to-integer conversion: adding 1.5·2²³ leaves round(v) in the low mantissa bits.
    @inline(__always)
    static func coverageByte(_ sum: Float, _ rule: FillRule) -> UInt32 {
        (coverage(sum, rule) * 255 + 12_582_912).bitPattern & 0x3FF
    }

    /// Composites `pixel` at constant `coverage` over `count` pixels.
    @inline(__always)
    static func blendRun(_ start: UnsafeMutablePointer<UInt32>, count: Int, pixel: UInt32, coverage: UInt32) {
        let scaled = coverage == 255 ? pixel : Compositing.scale(pixel, by: coverage)
        if scaled >> 24 == 255 {
            start.update(repeating: scaled, count: count)
            return
        }
        for i in 0..<count { start[i] = Compositing.over(scaled, start[i]) }
    }
}

extension Rasterizer {
    /// Turns the accumulated areas into coverage row by row and calls
    /// `emit(row, x, count, sum)` for every run of pixels `x..<x+count` sharing the
    /// running sum `sum` (whose coverage may be zero: `emit` decides), clearing every
    /// cell it reads.
    ///
    /// Only the blocks of cells that segments wrote are read. Between them, and after the
    /// last one (a shape reaching past the right edge), the sum is constant, so each gap
    /// is one run however wide; within a block, cells left at zero extend the run too.
    @inline(__always)
    func sweepSpans(rule: FillRule, _ emit: (_ row: Int, _ x: Int, _ count: Int, _ sum: Float) -> Void) {
        guard minRow <= maxRow else { return }
        let width = self.width
        let shift = blockShift
        let blockSize = 1 << shift
        let lastCell = width + 2
        cells.withUnsafeMutableBufferPointer { cells in
            rowBlocks.withUnsafeMutableBufferPointer { blocks in
                guard let base = cells.baseAddress else { return }
                for row in minRow...maxRow {
                    var mask = blocks[row]
                    if mask == 0 { continue }
                    blocks[row] = 0
                    let cellRow = base + row * stride
                    var sum: Float = 0
                    var x = 0  // the first pixel of the row not yet emitted
                    while mask != 0 {
                        let start = mask.trailingZeroBitCount << shift
                        mask &= mask &- 1
                        if start > x && x < width {
                            let end = min(start, width)
                            emit(row, x, end - x, sum)
                            x = end
                        }
                        let stop = min(start + blockSize, lastCell)
                        let visibleStop = min(stop, width)
                        var i = start
                        while i < stop {
                            sum += cellRow[i]
                            cellRow[i] = 0
                            if i < visibleStop {
                                var j = i + 1
                                while j < visibleStop && cellRow[j].bitPattern == 0 { j += 1 }
                                emit(row, i, j - i, sum)
                                i = j
                            } else {
                                i += 1
                            }
                        }
                        x = max(x, visibleStop)
                    }
                    if x < width { emit(row, x, width - x, sum) }
                }
            }
        }
        resetBounds()
    }

    /// Composites `pixel` (premultiplied) onto `canvas` with the accumulated coverage and
    /// clears the accumulation buffer.
    func sweep(into canvas: inout Canvas, pixel: UInt32, rule: FillRule) {
        guard minRow <= maxRow else { return }
        let opaque = pixel >> 24 == 255
        let canvasWidth = canvas.width
        canvas.pixels.withUnsafeMutableBufferPointer { pixels in
            guard let pixelBase = pixels.baseAddress else { return }
            sweepSpans(rule: rule) { row, x, count, sum in
                let coverage = Rasterizer.coverageByte(sum, rule)
                if coverage == 0 { return }
                let start = pixelBase + row * canvasWidth + x
                if coverage == 255 && opaque {
                    start.update(repeating: pixel, count: count)
                } else if count == 1 {
                    start.pointee = Compositing.over(Compositing.scale(pixel, by: coverage), start.pointee)
                } else {
                    Rasterizer.blendRun(start, count: count, pixel: pixel, coverage: coverage)
                }
            }
        }
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

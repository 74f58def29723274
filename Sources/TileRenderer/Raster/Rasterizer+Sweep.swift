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
        let lastCell = stride
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
    ///
    /// Row by row, only the blocks that segments wrote are read, eight cells (pixels) at
    /// a time: running sums, coverage and compositing of the eight pixels in SIMD
    /// registers, with no branch per pixel. Between written blocks the coverage is
    /// constant and each gap is one run.
    func sweep(into canvas: inout Canvas, pixel: UInt32, rule: FillRule) {
        guard minRow <= maxRow else { return }
        precondition(canvas.width == width && canvas.height == height, "canvas and rasterizer share a size")
        let width = self.width
        let stride = self.stride
        let shift = blockShift
        let blockSize = 1 << shift
        let evenOdd = rule == .evenOdd
        let source = Compositing.Pixels4(repeating: pixel)
        canvas.pixels.withUnsafeMutableBufferPointer { pixels in
            cells.withUnsafeMutableBufferPointer { cells in
                rowBlocks.withUnsafeMutableBufferPointer { blocks in
                    guard let pixelBase = pixels.baseAddress, let cellBase = cells.baseAddress else { return }
                    for row in minRow...maxRow {
                        var mask = blocks[row]
                        if mask == 0 { continue }
                        blocks[row] = 0
                        let cellRow = cellBase + row * stride
                        let pixelRow = pixelBase + row * width
                        var sum: Float = 0
                        var x = 0  // the first pixel of the row not yet composited
                        while mask != 0 {
                            let start = mask.trailingZeroBitCount << shift
                            mask &= mask &- 1
                            if start > x && x < width {
                                Rasterizer.blendRun(
                                    pixelRow + x, count: min(start, width) - x, pixel: pixel,
                                    coverage: Rasterizer.coverageByte(sum, rule))
                            }
                            var group = start
                            while group < start + blockSize {
                                if group + 8 <= width {
                                    sum = CellGroup.blend(
                                        cellRow + group, pixelRow + group, carry: sum, source: source, evenOdd: evenOdd)
                                } else {
                                    // Past the right edge, or a canvas whose width is not a multiple of 8.
                                    for i in group..<(group + 8) {
                                        sum += cellRow[i]
                                        cellRow[i] = 0
                                        if i < width {
                                            let scaled = Compositing.scale(pixel, by: Rasterizer.coverageByte(sum, rule))
                                            pixelRow[i] = Compositing.over(scaled, pixelRow[i])
                                        }
                                    }
                                }
                                group += 8
                            }
                            x = start + blockSize
                        }
                        if x < width {
                            Rasterizer.blendRun(
                                pixelRow + x, count: width - x, pixel: pixel, coverage: Rasterizer.coverageByte(sum, rule))
                        }
                    }
                }
            }
        }
        resetBounds()
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
        if coverage == 0 { return }
        Compositing.blend(coverage == 255 ? pixel : Compositing.scale(pixel, by: coverage), over: start, count: count)
    }
}

/// The sweep's work on one group of eight cells and pixels. (An enum rather than
/// static methods of the class, which the compiler would not inline.)
enum CellGroup {
    /// ``Rasterizer/coverageByte(_:_:)`` of four sums.
    @inline(__always)
    static func coverageBytes(_ sums: SIMD4<Float>, evenOdd: Bool) -> SIMD4<UInt32> {
        var s = unsafeBitCast(unsafeBitCast(sums, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
        if evenOdd {
            // Distance to the nearest even integer: s − 2·⌊s/2⌋, folded at 1. The floor
            // rounds with 2²³ (sums are far smaller) and steps back where that rounded up.
            let half = s * 0.5
            var q = (half + 8_388_608) - 8_388_608
            q = q.replacing(with: q - 1, where: q .> half)
            let t = s - 2 * q
            s = t.replacing(with: 2 - t, where: t .> 1)
        } else {
            s = s.replacing(with: 1, where: s .> 1)
        }
        return unsafeBitCast(s * 255 + 12_582_912, to: SIMD4<UInt32>.self) & 0x3FF
    }

    /// Clears the eight cells at `cells`, composites `source` over the eight pixels at
    /// `pixels` with the coverage of the running sums that start from `carry`, and
    /// returns the last sum.
    @inline(__always)
    static func blend(
        _ cells: UnsafeMutablePointer<Float>, _ pixels: UnsafeMutablePointer<UInt32>, carry: Float,
        source: Compositing.Pixels4, evenOdd: Bool
    ) -> Float {
        let rawCells = UnsafeMutableRawPointer(cells)
        let low = rawCells.loadUnaligned(as: SIMD4<Float>.self)
        let high = rawCells.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self)
        rawCells.storeBytes(of: SIMD4<Float>(), as: SIMD4<Float>.self)
        rawCells.storeBytes(of: SIMD4<Float>(), toByteOffset: 16, as: SIMD4<Float>.self)
        // Running sums, added in the same order as one cell at a time.
        let s0 = carry + low[0]
        let s1 = s0 + low[1]
        let s2 = s1 + low[2]
        let s3 = s2 + low[3]
        let s4 = s3 + high[0]
        let s5 = s4 + high[1]
        let s6 = s5 + high[2]
        let s7 = s6 + high[3]
        let a = SIMD4(s0, s1, s2, s3)
        let b = SIMD4(s4, s5, s6, s7)
        let rawPixels = UnsafeMutableRawPointer(pixels)
        let first = rawPixels.loadUnaligned(as: Compositing.Pixels4.self)
        let second = rawPixels.loadUnaligned(fromByteOffset: 16, as: Compositing.Pixels4.self)
        let coverFirst = Compositing.lanes(coverageBytes(a, evenOdd: evenOdd))
        let coverSecond = Compositing.lanes(coverageBytes(b, evenOdd: evenOdd))
        rawPixels.storeBytes(
            of: Compositing.over(Compositing.scale(source, by: coverFirst), first), as: Compositing.Pixels4.self)
        rawPixels.storeBytes(
            of: Compositing.over(Compositing.scale(source, by: coverSecond), second), toByteOffset: 16,
            as: Compositing.Pixels4.self)
        return b[3]
    }
}

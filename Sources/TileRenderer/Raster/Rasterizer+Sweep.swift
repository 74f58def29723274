extension Rasterizer {
    /// Turns the accumulated areas into coverage row by row, composites `pixel`
    /// (premultiplied) with that coverage onto `canvas`, and clears what it read.
    func sweep(into canvas: inout Canvas, pixel: UInt32, rule: FillRule) {
        guard minRow <= maxRow else {
            resetBounds()
            return
        }
        let opaque = pixel >> 24 == 255
        let firstColumn = minColumn, lastColumn = maxColumn
        let lastVisible = min(lastColumn, width - 1)
        let canvasWidth = canvas.width
        cells.withUnsafeMutableBufferPointer { cells in
            canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                guard let cellBase = cells.baseAddress, let pixelBase = pixels.baseAddress else { return }
                for row in minRow...maxRow {
                    let cellRow = cellBase + row * stride
                    let pixelRow = pixelBase + row * canvasWidth
                    var sum: Float = 0
                    var lastCoverage: UInt32 = 0
                    var scaled: UInt32 = 0
                    if firstColumn <= lastVisible {
                        for x in firstColumn...lastVisible {
                            sum += cellRow[x]
                            cellRow[x] = 0
                            let coverage = UInt32(Rasterizer.coverage(sum, rule) * 255 + 0.5)
                            if coverage == 0 { continue }
                            if coverage == 255 && opaque {
                                pixelRow[x] = pixel
                                continue
                            }
                            if coverage != lastCoverage {
                                lastCoverage = coverage
                                scaled = coverage == 255 ? pixel : Compositing.scale(pixel, by: coverage)
                            }
                            pixelRow[x] = Compositing.over(scaled, pixelRow[x])
                        }
                    }
                    if lastVisible + 1 <= lastColumn {
                        for x in (lastVisible + 1)...lastColumn { cellRow[x] = 0 }
                    }
                }
            }
        }
        resetBounds()
    }
}

/// Which points a set of contours encloses.
public enum FillRule: String, Sendable, Hashable, Codable {
    /// Inside where the winding number is not zero (strokes, unions, GeoJSON rings of any orientation).
    case nonZero
    /// Inside where the winding number is odd (holes regardless of orientation).
    case evenOdd
}

/// An anti-aliased scanline rasterizer with exact area coverage.
///
/// Edges are accumulated as signed areas per pixel cell, the way libart, FreeType's
/// "smooth" rasterizer and AGG do: a line segment crossing a cell adds to that cell the
/// signed area between itself and the cell's right edge, and the full signed height
/// to the cell after it. A running sum along each row then yields, for every pixel, the
/// winding-weighted fraction of its area inside the shape; the ``FillRule`` maps that
/// to coverage (non-zero: `min(|s|, 1)`; even-odd: distance of `|s|` to the nearest even
/// integer). No supersampling: a pixel half covered by a rectangle gets exactly 0.5.
///
/// One rasterizer per thread: it owns a dense accumulation buffer the size of the
/// canvas and reuses it for every path (cleared while sweeping).
public final class Rasterizer {
    public let width: Int
    public let height: Int
    /// Signed-area deltas, `stride` cells per row (spare columns at the right).
    var cells: [Float]
    let stride: Int
    // The touched region, so sweeping and clearing cost what the path touches, not the
    // canvas: the rows, and in each row a bit per block of `1 << blockShift` cells that
    // were written. Between written blocks the running sum is constant, so a sweep
    // skips (or fills) them without reading a cell: the inside of an outline costs
    // nothing.
    var minRow = Int.max, maxRow = Int.min
    var rowBlocks: [UInt64]
    let blockShift: Int

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "rasterizer size comes from a validated tile size")
        self.width = width
        self.height = height
        // Blocks of at least 8 cells (one SIMD group), at most 64 per row; rows are a
        // whole number of blocks with at least one spare cell past the right edge.
        var shift = 3
        while (width + 2 + (1 << shift) - 1) >> shift > 64 { shift += 1 }
        blockShift = shift
        stride = ((width + 2 + (1 << shift) - 1) >> shift) << shift
        cells = [Float](repeating: 0, count: stride * height)
        rowBlocks = [UInt64](repeating: 0, count: height)
    }

    /// Fills `path` with `color` on `canvas`, compositing source-over.
    public func fill(_ path: Path, color: Color, rule: FillRule = .nonZero, on canvas: inout Canvas) {
        precondition(canvas.width == width && canvas.height == height, "canvas and rasterizer share a size")
        add(path)
        sweep(into: &canvas, pixel: color.premultipliedPixel, rule: rule)
    }

    /// The coverage (0…1) of every pixel by `path`, row-major: what `fill` would use as
    /// alpha. For tests and for masks.
    public func coverage(of path: Path, rule: FillRule = .nonZero) -> [Double] {
        add(path)
        var result = [Double](repeating: 0, count: width * height)
        let width = self.width
        sweepSpans(rule: rule) { row, x, count, sum in
            let value = Double(Rasterizer.coverage(sum, rule))
            for i in x..<(x + count) { result[row * width + i] = value }
        }
        return result
    }

    @inline(__always)
    static func coverage(_ sum: Float, _ rule: FillRule) -> Float {
        let s = abs(sum)
        switch rule {
        case .nonZero:
            return min(s, 1)
        case .evenOdd:
            // s ≥ 0, so truncation is floor; most sums are below 2 and skip the conversion.
            let t = s < 2 ? s : s - 2 * Float(Int(s * 0.5))
            return t > 1 ? 2 - t : t
        }
    }

    func resetBounds() {
        minRow = Int.max
        maxRow = Int.min
    }
}

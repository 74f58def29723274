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
    /// Signed-area deltas, `stride` cells per row (two spare columns at the right).
    var cells: [Float]
    let stride: Int
    // The touched region, so sweeping and clearing cost the path's size, not the canvas's:
    // the rows, and in each row the first and last cell written.
    var minRow = Int.max, maxRow = Int.min
    var rowFirst: [Int32]
    var rowLast: [Int32]

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "rasterizer size comes from a validated tile size")
        self.width = width
        self.height = height
        stride = width + 2
        cells = [Float](repeating: 0, count: (width + 2) * height)
        rowFirst = [Int32](repeating: Int32.max, count: height)
        rowLast = [Int32](repeating: -1, count: height)
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
        guard minRow <= maxRow else { return result }
        for row in minRow...maxRow {
            let first = Int(rowFirst[row]), last = Int(rowLast[row])
            rowFirst[row] = Int32.max
            rowLast[row] = -1
            guard first <= last else { continue }
            var sum: Float = 0
            for x in first...last {
                sum += cells[row * stride + x]
                cells[row * stride + x] = 0
                if x < width { result[row * width + x] = Double(Rasterizer.coverage(sum, rule)) }
            }
            if last + 1 < width {
                for x in (last + 1)..<width { result[row * width + x] = Double(Rasterizer.coverage(sum, rule)) }
            }
        }
        minRow = Int.max
        maxRow = Int.min
        return result
    }

    @inline(__always)
    static func coverage(_ sum: Float, _ rule: FillRule) -> Float {
        let s = abs(sum)
        switch rule {
        case .nonZero:
            return min(s, 1)
        case .evenOdd:
            let t = s - 2 * Float(Int(s * 0.5))  // s ≥ 0, so truncation is floor
            return t > 1 ? 2 - t : t
        }
    }

    func resetBounds() {
        minRow = Int.max
        maxRow = Int.min
    }
}

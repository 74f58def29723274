/// Convolves a row-major grid with a separable kernel: once along rows, once along
/// columns, with zeros outside the grid (scipy's `mode="constant"`).
///
/// Aggregated GPS cells are sparse (most of a city sees no child), so the row pass
/// scatters each non-zero cell's kernel into its row, and the column pass skips rows
/// that stayed all zero. Both passes run on every core, each chunk of rows computing
/// its own output slice.
enum SeparableSmoothing {
    /// The convolution of `values` (`columns × rows`, row-major) with `weights` along
    /// both axes (`weights.count` odd, centred).
    static func smooth(_ values: [Double], columns: Int, rows: Int, weights: [Double]) -> [Double] {
        guard columns > 0, rows > 0, !weights.isEmpty else { return values }
        let horizontal = rowPass(values, columns: columns, rows: rows, weights: weights)
        return columnPass(horizontal, columns: columns, rows: rows, weights: weights)
    }

    /// Each row convolved with `weights`: every non-zero cell adds its kernel to its row.
    private static func rowPass(_ values: [Double], columns: Int, rows: Int, weights: [Double]) -> [Double] {
        let radius = weights.count / 2
        let slices = GridParallel.map(count: rows, minimumChunk: 16) { range -> [Double] in
            var out = [Double](repeating: 0, count: range.count * columns)
            for row in range {
                let base = row * columns
                let outBase = (row - range.lowerBound) * columns
                for column in 0..<columns {
                    let value = values[base + column]
                    if value == 0 { continue }
                    let first = Swift.max(0, column - radius)
                    let last = Swift.min(columns - 1, column + radius)
                    for target in first...last {
                        out[outBase + target] += value * weights[target - column + radius]
                    }
                }
            }
            return out
        }
        return Array(slices.joined())
    }

    /// Each column convolved with `weights`, computed a whole output row at a time
    /// (contiguous, so the inner loop vectorises), skipping all-zero input rows.
    private static func columnPass(_ values: [Double], columns: Int, rows: Int, weights: [Double]) -> [Double] {
        let radius = weights.count / 2
        var nonZeroRow = [Bool](repeating: false, count: rows)
        for row in 0..<rows {
            let base = row * columns
            nonZeroRow[row] = values[base..<(base + columns)].contains { $0 != 0 }
        }
        let occupied = nonZeroRow
        let slices = GridParallel.map(count: rows, minimumChunk: 16) { range -> [Double] in
            var out = [Double](repeating: 0, count: range.count * columns)
            for row in range {
                let outBase = (row - range.lowerBound) * columns
                let first = Swift.max(0, row - radius)
                let last = Swift.min(rows - 1, row + radius)
                for source in first...last where occupied[source] {
                    let weight = weights[source - row + radius]
                    let base = source * columns
                    for column in 0..<columns {
                        out[outBase + column] += weight * values[base + column]
                    }
                }
            }
            return out
        }
        return Array(slices.joined())
    }
}

import Foundation

/// A one-dimensional Gaussian kernel sampled at the centres of a grid's cells: the
/// factor of the separable two-dimensional kernel the child-traffic density uses.
///
/// The 2-D Gaussian `K(dx, dy) = exp(-(dx² + dy²) / 2σ²) / 2πσ²` is the product of two
/// 1-D Gaussians, so smoothing a grid with it is one pass along rows and one along
/// columns with these weights, `2·(2r+1)` multiply-adds per cell instead of `(2r+1)²`.
///
/// The kernel is cut at `truncation` bandwidths (default 4σ, where the Gaussian has
/// fallen to 0.03 % of its peak) and the sampled weights are scaled to sum to 1, so
/// smoothing keeps the total number of pings: the same convention as
/// `scipy.ndimage.gaussian_filter1d` (radius `Int(truncation·σ/cell + 0.5)`), which the
/// tests compare against.
public struct GaussianKernel: Sendable, Hashable {
    /// Bandwidth σ in metres.
    public let bandwidth: Double
    /// Side of the grid cells the kernel is sampled on, in metres.
    public let cellSize: Double
    /// Weights for offsets `-radius…radius` cells; they sum to 1.
    public let weights: [Double]

    /// Samples the kernel.
    ///
    /// - Parameters:
    ///   - bandwidth: σ in metres (positive).
    ///   - cellSize: grid cell side in metres (positive).
    ///   - truncation: how many σ the kernel reaches (default 4).
    public init(bandwidth: Double, cellSize: Double, truncation: Double = 4) {
        self.bandwidth = bandwidth
        self.cellSize = cellSize
        let sigma = Swift.max(bandwidth / cellSize, 1e-9)
        let radius = Swift.max(0, Int(truncation * sigma + 0.5))
        var weights = (-radius...radius).map { k -> Double in
            let d = Double(k)
            return exp(-0.5 * d * d / (sigma * sigma))
        }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= total }
        self.weights = weights
    }

    /// How many cells the kernel reaches on each side of its centre.
    public var radius: Int { weights.count / 2 }

    /// How far the kernel reaches, in metres: a cell further than this from every
    /// kept aggregation cell gets exactly zero density.
    public var reach: Double { Double(radius) * cellSize }

    /// `values` (row-major, `columns × rows`) convolved with this kernel along both
    /// axes, zeros outside the grid: two separable passes on every core.
    public func smooth(_ values: [Double], columns: Int, rows: Int) -> [Double] {
        precondition(values.count == columns * rows, "values must hold columns × rows cells")
        return SeparableSmoothing.smooth(values, columns: columns, rows: rows, weights: weights)
    }
}

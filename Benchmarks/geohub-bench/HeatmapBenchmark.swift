import Foundation
import GeoCore
import Layers

/// `geohub-bench heatmap POINTS.csv [--repeat N] [--cell METRES]`: child-traffic
/// aggregation of lon/lat points, projection to metres included.
///
/// Reads `POINTS.csv` (header `lon,lat`, written by `../shared/bench/datashader_agg.py
/// N POINTS.csv`; parsing is not timed), then times, like that script, the work from
/// lon/lat arrays in memory to per-cell counts: projection into EPSG:6678 (JGD2011
/// Plane Rectangular CS X) and counting into 25 m cells over the script's area
/// (139.95,38.03 – 140.13,38.18), on every core with one PROJ transformer per thread.
/// Prints the median of N runs (default 5) of:
///
///     geohub heatmap: 123.4 M points/s (median of 5, n=10000000, projection included, ...)
///     geohub heatmap exact PROJ: 9.8 M points/s (...)
///     geohub heatmap smoothing: 0.042 s (Gaussian σ 150 m on 700 × 680 cells)
///
/// The first line is the product's path (``PointBinner`` with its PROJ-calibrated
/// ``ProjectionLattice``, whose construction is inside the timing); the second runs
/// every point through `proj_trans_generic`; both count the same points into the same
/// cells, and the driver checks that they agree.
enum HeatmapBenchmark {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The datashader script's area, west, south, east, north.
    static let area = BoundingBox(west: 139.95, south: 38.03, east: 140.13, north: 38.18)

    static func run(_ arguments: [String]) throws {
        guard let path = arguments.first else {
            throw Failure(description: "usage: geohub-bench heatmap POINTS.csv [--repeat N] [--cell METRES]")
        }
        var repeats = 5
        var cellSize = 25.0
        var rest = arguments.dropFirst()
        while let option = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Double(text), value > 0 else {
                throw Failure(description: "\(option) needs a positive number")
            }
            switch option {
            case "--repeat": repeats = Int(value)
            case "--cell": cellSize = value
            default: throw Failure(description: "unknown option \(option)")
            }
        }
        let (lons, lats) = try loadPoints(URL(fileURLWithPath: path))
        let frame = try MetricGrid.covering(
            lonLat: area, crs: CRS("EPSG:6678"), cellSize: cellSize, layer: .childTraffic)

        var latticeCounts: PointCounts?
        var latticeError = 0.0
        let fast = try median(repeats) {
            let binner = try PointBinner(frame: frame)
            latticeCounts = binner.count(lons: lons, lats: lats)
            latticeError = binner.lattice?.measuredError ?? .nan
        }
        var exactCounts: PointCounts?
        let exact = try median(Swift.min(repeats, 3)) {
            exactCounts = try PointBinner(frame: frame, projection: .exact).count(lons: lons, lats: lats)
        }
        guard let latticeCounts, let exactCounts else { throw Failure(description: "no run") }
        var differing = 0
        for (a, b) in zip(latticeCounts.counts, exactCounts.counts) { differing += a > b ? Int(a - b) : Int(b - a) }
        // A point moves cell only if it lies within the lattice's error of a cell edge:
        // at most about 4·error/cell of the points (each move changes two counts).
        let allowed = 2 * (4 * Double(lons.count) * latticeError / cellSize + 10)
        guard Double(differing) <= allowed else {
            throw Failure(description: "lattice and exact PROJ counts differ by \(differing) (allowed \(Int(allowed)))")
        }
        let kernel = GaussianKernel(bandwidth: 150, cellSize: frame.cellSize)
        let smoothing = median(repeats) {
            var mass = [Double](repeating: 0, count: latticeCounts.counts.count)
            for i in mass.indices { mass[i] = Double(latticeCounts.counts[i]) }
            _ = kernel.smooth(mass, columns: frame.columns, rows: frame.rows)
        }

        let n = lons.count
        func rate(_ seconds: Double) -> String { String(format: "%.1f", Double(n) / seconds / 1e6) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "geohub heatmap: \(rate(fast)) M points/s (median of \(repeats), n=\(n), projection included, "
                + "EPSG:6678 \(Int(cellSize)) m cells \(frame.columns) × \(frame.rows), \(cores) cores, "
                + "PROJ lattice within \(String(format: "%.3f", latticeError * 1000)) mm of PROJ, "
                + "\(latticeCounts.inside) inside)")
        print(
            "geohub heatmap exact PROJ: \(rate(exact)) M points/s (proj_trans_generic per point, "
                + "\(exactCounts.inside) inside, \(differing) points binned differently from the lattice)")
        print(
            "geohub heatmap smoothing: \(String(format: "%.3f", smoothing)) s (Gaussian σ 150 m, "
                + "\(kernel.weights.count) taps, on \(frame.columns) × \(frame.rows) cells); aggregation with "
                + "smoothing: \(rate(fast + smoothing)) M points/s")
    }

    /// The median wall time of `runs` calls of `body`, in seconds.
    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<Swift.max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }

    /// The points file: a header line, then `lon,lat` a line, parsed with `strtod`
    /// straight from the bytes (not timed).
    static func loadPoints(_ url: URL) throws -> ([Double], [Double]) {
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes.append(0)
        var lons: [Double] = []
        var lats: [Double] = []
        lons.reserveCapacity(bytes.count / 20)
        lats.reserveCapacity(bytes.count / 20)
        try bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
            var p = start
            while p.pointee != 0 && p.pointee != 10 { p += 1 }  // header
            while p.pointee != 0 {
                while p.pointee == 10 || p.pointee == 13 { p += 1 }
                if p.pointee == 0 { break }
                var end: UnsafeMutablePointer<CChar>? = nil
                let lon = strtod(p, &end)
                guard let afterLon = end, afterLon != p, afterLon.pointee == 44 else {
                    throw Failure(description: "\(url.path): line \(lons.count + 2) is not lon,lat")
                }
                p = afterLon + 1
                let lat = strtod(p, &end)
                guard let afterLat = end, afterLat != p else {
                    throw Failure(description: "\(url.path): line \(lons.count + 2) is not lon,lat")
                }
                p = afterLat
                lons.append(lon)
                lats.append(lat)
            }
        }
        return (lons, lats)
    }
}

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
/// (139.95,38.03 – 140.13,38.18), on every core. Each timed run builds the
/// ``PointBinner`` (fitting its polynomial to PROJ, which asks PROJ at a few thousand
/// points) and counts every point. Of N runs (default 9) it prints the best and the
/// median wall time, and the CPU time of all threads in the best run, so a figure taken
/// while others load the machine can be read for what it is:
///
///     geohub heatmap: 312.4 M points/s (best of 9 wall-clock runs; median 280.1; ...)
///     geohub heatmap CPU: 160.2 M points per CPU-second (all threads, best run; ...)
///     geohub heatmap exact PROJ: 9.8 M points/s (...)
///     geohub heatmap smoothing: 0.042 s (...)
///
/// The exact line runs every point through `proj_trans_generic`; the driver checks that
/// both count the same points into the same cells, up to points within the fit's
/// measured error of a cell edge.
enum HeatmapBenchmark {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The datashader script's area, west, south, east, north.
    static let area = BoundingBox(west: 139.95, south: 38.03, east: 140.13, north: 38.18)

    /// Wall and CPU seconds of one run.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    static func run(_ arguments: [String]) throws {
        guard let path = arguments.first else {
            throw Failure(description: "usage: geohub-bench heatmap POINTS.csv [--repeat N] [--cell METRES]")
        }
        var repeats = 9
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

        // Warm-up (first-touch of pages, PROJ database) not timed, as datashader's
        // script runs once to compile before timing.
        let warm = try PointBinner(frame: frame)
        _ = warm.count(lons: lons, lats: lats)
        let fitSetup = try measure(5) { _ = try PointBinner(frame: frame) }.map(\.wall).min() ?? .nan

        var fittedCounts: PointCounts?
        var fit: ProjectionFit?
        let runs = try measure(repeats) {
            let binner = try PointBinner(frame: frame)
            fittedCounts = binner.count(lons: lons, lats: lats)
            fit = binner.fit
        }
        var exactCounts: PointCounts?
        let exact = try measure(1) {
            exactCounts = try PointBinner(frame: frame, projection: .exact).count(lons: lons, lats: lats)
        }
        guard let fittedCounts, let exactCounts, let fit, let best = runs.min(by: { $0.wall < $1.wall }),
            let exactRun = exact.first
        else { throw Failure(description: "no run") }
        var differing = 0
        for (a, b) in zip(fittedCounts.counts, exactCounts.counts) { differing += a > b ? Int(a - b) : Int(b - a) }
        // A point changes cell only if it lies within the fit's error of a cell edge: at
        // most about 4·error/cell of the points (each move changes two counts).
        let allowed = 2 * (4 * Double(lons.count) * fit.measuredError / cellSize + 2)
        guard Double(differing) <= allowed, fittedCounts.inside == exactCounts.inside || differing > 0 else {
            throw Failure(description: "fitted and exact PROJ counts differ by \(differing) (allowed \(Int(allowed)))")
        }
        let kernel = GaussianKernel(bandwidth: 150, cellSize: frame.cellSize)
        let smoothing =
            measure(Swift.min(repeats, 5)) {
                var mass = [Double](repeating: 0, count: fittedCounts.counts.count)
                for i in mass.indices { mass[i] = Double(fittedCounts.counts[i]) }
                _ = kernel.smooth(mass, columns: frame.columns, rows: frame.rows)
            }.map(\.wall).min() ?? .nan

        let n = Double(lons.count)
        func rate(_ seconds: Double) -> String { String(format: "%.1f", n / seconds / 1e6) }
        let walls = runs.map(\.wall).sorted()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "geohub heatmap: \(rate(best.wall)) M points/s (best of \(repeats) wall-clock runs; median "
                + "\(rate(walls[walls.count / 2])), worst \(rate(walls[walls.count - 1])); n=\(lons.count), "
                + "projection included, EPSG:6678 \(Int(cellSize)) m cells \(frame.columns) × \(frame.rows), "
                + "\(cores) cores, \(fittedCounts.inside) inside)")
        print(
            "geohub heatmap CPU: \(rate(best.cpu)) M points per CPU-second (all threads of the best run: "
                + String(format: "%.1f ms CPU in %.1f ms wall", best.cpu * 1000, best.wall * 1000)
                + "; median over runs \(rate(runs.map(\.cpu).sorted()[runs.count / 2])))")
        print(
            "geohub heatmap fit: degree-\(fit.degree) polynomial fitted to PROJ, within "
                + String(format: "%.4f mm", fit.measuredError * 1000) + " of PROJ at "
                + "\(ProjectionFit.checkPointsPerSide * ProjectionFit.checkPointsPerSide) check points; "
                + String(format: "%.2f ms", fitSetup * 1000) + " to build (inside every timed run)")
        print(
            "geohub heatmap exact PROJ: \(rate(exactRun.wall)) M points/s (proj_trans_generic per point, one run, "
                + "\(exactCounts.inside) inside; \(differing / 2) points binned differently from the fit)")
        print(
            "geohub heatmap smoothing: \(String(format: "%.3f", smoothing)) s (Gaussian σ 150 m, "
                + "\(kernel.weights.count) taps, on \(frame.columns) × \(frame.rows) cells); aggregation with "
                + "smoothing: \(rate(best.wall + smoothing)) M points/s")
    }

    /// Wall and process CPU time of `runs` calls of `body`, in seconds.
    static func measure(_ runs: Int, _ body: () throws -> Void) rethrows -> [Timing] {
        var timings: [Timing] = []
        for _ in 0..<Swift.max(1, runs) {
            let cpu = cpuSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            timings.append(Timing(wall: wall, cpu: cpuSeconds() - cpu))
        }
        return timings
    }

    /// CPU time of every thread of this process so far.
    static func cpuSeconds() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) == 0 else { return .nan }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
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

import Foundation
import GeoCore

/// `geohub-bench join DIR [--threads N] [--repeat N]`: the spatial-join benchmark.
///
/// Reads `DIR/polygons.wkt` (one WKT polygon a line) and `DIR/points.csv` (header
/// `x,y`, then two numbers a line), both written by `../shared/bench/join_data.py`,
/// then times, from loaded data (points as `[Coordinate]`, polygons as `[Shape]`) to
/// index pairs, the point-in-polygon join (`within`) and the 300 m within-distance
/// join (`dwithin`). Prints, like `shapely_join.py`:
///
///     geohub within: 1.234 M points/s, 1466321 pairs
///     geohub dwithin 300 m: 0.456 M points/s, 6512345 pairs
///
/// With `--repeat N` each join runs N times and the fastest run is reported.
enum JoinBenchmark {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ arguments: [String]) throws {
        guard let directory = arguments.first else {
            throw Failure(description: "usage: geohub-bench join DIR [--threads N] [--repeat N]")
        }
        var threads: Int?
        var repeats = 1
        var rest = arguments.dropFirst()
        while let option = rest.popFirst() {
            guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else {
                throw Failure(description: "\(option) needs a positive whole number")
            }
            switch option {
            case "--threads": threads = value
            case "--repeat": repeats = value
            default: throw Failure(description: "unknown option \(option)")
            }
        }
        let dir = URL(fileURLWithPath: directory)
        let polygons = try loadPolygons(dir.appendingPathComponent("polygons.wkt"))
        let points = try loadPoints(dir.appendingPathComponent("points.csv"))

        for (label, predicate) in [("within", JoinPredicate.within), ("dwithin 300 m", .withinDistance(300))] {
            var best = Double.infinity
            var bestCPU = Double.infinity
            var pairs = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let startCPU = processCPUSeconds()
                let result = try SpatialJoin.join(points: points, polygons, predicate: predicate, threads: threads)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, seconds)
                bestCPU = min(bestCPU, processCPUSeconds() - startCPU)
                pairs = result.count
            }
            let rate = Double(points.count) / best / 1e6
            print(
                "geohub \(label): \(String(format: "%.3f", rate)) M points/s, \(pairs) pairs"
                    + " (\(String(format: "%.3f", best)) s, \(String(format: "%.3f", bestCPU)) s CPU)")
        }
    }

    /// CPU time used by the whole process so far (`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`).
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// One polygon a line, parsed by GEOS's WKT reader.
    static func loadPolygons(_ url: URL) throws -> [Shape] {
        let context = try GEOSContext()
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).map { line in
            try Geometry(wkt: String(line), context: context).shape()
        }
    }

    /// The benchmark's points file: a header line, then `x,y` numbers a line
    /// (parsed with `strtod` straight from the bytes; loading is not timed).
    static func loadPoints(_ url: URL) throws -> [Coordinate] {
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes.append(0)  // strtod stops at the terminator
        var points: [Coordinate] = []
        points.reserveCapacity(bytes.count / 20)
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            let end = buffer.count - 1
            var offset = 0
            var lineNumber = 1
            // Skip the header line.
            while offset < end, base[offset] != UInt8(ascii: "\n") { offset += 1 }
            while offset < end {
                offset += 1  // past the newline
                lineNumber += 1
                if offset >= end { break }
                if base[offset] == UInt8(ascii: "\n") || base[offset] == UInt8(ascii: "\r") { continue }
                var stop: UnsafeMutablePointer<CChar>?
                let x = strtod(text + offset, &stop)
                guard let afterX = stop, afterX[0] == CChar(UInt8(ascii: ",")) else {
                    throw Failure(description: "\(url.path):\(lineNumber): expected two numbers x,y")
                }
                let y = strtod(afterX + 1, &stop)
                guard let afterY = stop, afterY != afterX + 1 else {
                    throw Failure(description: "\(url.path):\(lineNumber): expected two numbers x,y")
                }
                points.append(Coordinate(x: x, y: y))
                offset = UnsafePointer(afterY) - text
                while offset < end, base[offset] != UInt8(ascii: "\n") { offset += 1 }
            }
        }
        return points
    }
}

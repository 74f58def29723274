import Dispatch
import Foundation
import GeoCore
import TileRenderer

/// `geohub-bench tiles LAYER.geojson [--out DIR] [--sample Z/X/Y] [--zooms 12-16]`: renders every 256 px
/// tile of zooms 12–16 over the benchmark box to PNG in memory, in the style of
/// `../shared/bench/mapnik_tiles.py` (``Style/benchmark``), on one core and on all
/// cores, and prints tiles/s and mean PNG sizes. Benchmarks/tiles.sh runs Mapnik on the
/// same file in the same run and prints the RESULT line.
///
/// With `GEOHUB_BENCH_BREAKDOWN=1` it first prints the CPU time of drawing and of
/// encoding per zoom (`=only` stops there).
enum TilesBenchmark {
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static let box = BoundingBox(west: 139.95, south: 38.03, east: 140.13, north: 38.18)

    static func run(_ arguments: [String]) throws {
        guard let path = arguments.first else {
            throw UsageError(description: "usage: geohub-bench tiles LAYER.geojson [--out DIR] [--sample Z/X/Y] [--zooms 12-16]")
        }
        var out: URL?
        var sample = try TileID(z: 14, x: 14565, y: 6313)
        var zooms = 12...16
        var i = 1
        while i + 1 < arguments.count {
            switch arguments[i] {
            case "--out": out = URL(fileURLWithPath: arguments[i + 1])
            case "--sample": sample = try TileID(path: arguments[i + 1])
            case "--zooms":
                // A subset for profiling (callgrind); the benchmark itself uses 12-16.
                let bounds = arguments[i + 1].split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 2, bounds[0] <= bounds[1] else {
                    throw UsageError(description: "--zooms takes MIN-MAX, for example 14-16")
                }
                zooms = bounds[0]...bounds[1]
            default: throw UsageError(description: "unknown option \(arguments[i])")
            }
            i += 2
        }

        let loadStart = DispatchTime.now().uptimeNanoseconds
        let features = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path)).features
        let prepareStart = DispatchTime.now().uptimeNanoseconds
        let layer = try PreparedLayer(name: "bench", features: features, style: .benchmark)
        let prepared = DispatchTime.now().uptimeNanoseconds
        let cover = try TileCover(covering: box, zooms: zooms)
        print(
            String(
                format: "geohub: %d features read in %.3f s, prepared (projected, styled, indexed) in %.3f s",
                features.count, seconds(loadStart, prepareStart), seconds(prepareStart, prepared)))

        // Warm up caches and the allocator on the low zooms (not timed).
        _ = try PyramidRenderer.render(layer, cover: TileCover(covering: box, zooms: 12...13), workers: 1) { _ in }

        if let mode = ProcessInfo.processInfo.environment["GEOHUB_BENCH_BREAKDOWN"] {
            try breakdown(layer, cover)
            if mode == "only" { return }
        }

        // Best of three runs each: the cores here are shared, and a short run is easily
        // caught by someone else's build (Mapnik's single run is four times longer).
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var one = try PyramidRenderer.render(layer, cover: cover, workers: 1) { _ in }
        var all = try PyramidRenderer.render(layer, cover: cover, workers: cores) { _ in }
        var singleRuns = [one.seconds]
        var allRuns = [all.seconds]
        let cpuStart = cpuNanoseconds()
        for _ in 0..<2 {
            let a = try PyramidRenderer.render(layer, cover: cover, workers: 1) { _ in }
            singleRuns.append(a.seconds)
            if a.seconds < one.seconds { one = a }
        }
        let cpuPerRun = Double(cpuNanoseconds() - cpuStart) / 2e9
        for _ in 0..<2 {
            let b = try PyramidRenderer.render(layer, cover: cover, workers: cores) { _ in }
            allRuns.append(b.seconds)
            if b.seconds < all.seconds { all = b }
        }
        print(
            "geohub runs (s): 1 core " + singleRuns.map { String(format: "%.3f", $0) }.joined(separator: ", ")
                + String(format: " (%.3f s of CPU each); %d cores ", cpuPerRun, cores)
                + allRuns.map { String(format: "%.3f", $0) }.joined(separator: ", "))
        let total = Double(one.total)
        let meanStored = one.stored == 0 ? 0 : one.bytes / one.stored
        print(
            String(
                format: "geohub: %d tiles, %d non-empty (%d empty, not encoded)", one.total, one.stored,
                one.total - one.stored))
        print(String(format: "geohub 1 core (best of 3): %.3f s = %.0f tiles/s", one.seconds, total / one.seconds))
        print(
            String(
                format: "geohub %d cores (best of 3): %.3f s = %.0f tiles/s", cores, all.seconds, total / all.seconds))
        print(
            "geohub mean PNG: \(meanStored) B per non-empty tile, \(one.bytes / max(one.total, 1)) B per tile "
                + "(empty tiles as 0 B), \(one.bytes) B in all")
        print(
            String(
                format: "geohub-machine single=%.1f all=%.1f allseconds=%.4f mean=%d", total / one.seconds,
                total / all.seconds, all.seconds, meanStored))

        if let out {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let name = "\(sample.z)-\(sample.x)-\(sample.y)"
            if let png = try LayerRenderer(layer: layer).renderPNG(sample) {
                let file = out.appendingPathComponent("geohub-\(name).png")
                try png.write(to: file)
                print("geohub sample tile \(sample): \(png.count) B → \(file.path)")
            }
            if let png = try LayerRenderer(layer: layer, scale: .retina).renderPNG(sample) {
                try png.write(to: out.appendingPathComponent("geohub-\(name)@2x.png"))
            }
        }
    }

    /// CPU time spent drawing and encoding, per zoom, on one thread.
    private static func breakdown(_ layer: PreparedLayer, _ cover: TileCover) throws {
        let renderer = LayerRenderer(layer: layer)
        let encoder = PNGEncoder()
        var perZoom: [Int: (draw: UInt64, encode: UInt64, tiles: Int)] = [:]
        var bytes = 0
        var stored = 0
        // GEOHUB_BENCH_DUMP=DIR keeps every canvas (raw premultiplied RGBA) and PNG, to
        // compare the output of two versions of the renderer tile by tile.
        let dump = ProcessInfo.processInfo.environment["GEOHUB_BENCH_DUMP"].map { URL(fileURLWithPath: $0) }
        var raw = Data()
        var names: [String] = []
        for tile in cover {
            let t0 = cpuNanoseconds()
            let canvas = try renderer.render(tile)
            let t1 = cpuNanoseconds()
            var png: Data?
            if !canvas.isEmpty {
                png = try encoder.encode(canvas)
                bytes += png?.count ?? 0
                stored += 1
            }
            let t2 = cpuNanoseconds()
            if let dump {
                canvas.pixels.withUnsafeBytes { raw.append(contentsOf: $0) }
                names.append("\(tile.z)-\(tile.x)-\(tile.y)")
                try png?.write(to: dump.appendingPathComponent("\(tile.z)-\(tile.x)-\(tile.y).png"))
            }
            let z = perZoom[tile.z] ?? (0, 0, 0)
            perZoom[tile.z] = (z.draw + t1 - t0, z.encode + t2 - t1, z.tiles + 1)
        }
        if let dump {
            try raw.write(to: dump.appendingPathComponent("canvases.raw"))
            try Data(names.joined(separator: "\n").utf8).write(to: dump.appendingPathComponent("order.txt"))
        }
        let draw = perZoom.values.reduce(0) { $0 + $1.draw }
        let encode = perZoom.values.reduce(0) { $0 + $1.encode }
        print(
            String(
                format: "breakdown (CPU): draw %.3f s, encode %.3f s; %d PNG bytes, mean %d B", Double(draw) / 1e9,
                Double(encode) / 1e9, bytes, bytes / max(stored, 1)))
        for (z, v) in perZoom.sorted(by: { $0.key < $1.key }) {
            print(
                String(
                    format: "  z%d: %d tiles, draw %.3f s, encode %.3f s", z, v.tiles, Double(v.draw) / 1e9,
                    Double(v.encode) / 1e9))
        }
    }

    /// CPU time of the calling thread (robust to other processes sharing the cores).
    static func cpuNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    private static func seconds(_ a: UInt64, _ b: UInt64) -> Double { Double(b - a) / 1e9 }
}

import Dispatch
import Foundation
import GeoCore

/// One encoded, non-empty tile.
public struct RenderedTile: Sendable, Hashable {
    public let tile: TileID
    public let png: Data

    public init(tile: TileID, png: Data) {
        self.tile = tile
        self.png = png
    }
}

/// How far a pyramid has got, reported after every batch.
public struct PyramidProgress: Sendable, Hashable {
    /// Tiles rendered so far (empty ones included).
    public let rendered: Int
    /// Tiles in the whole pyramid.
    public let total: Int
    /// Non-empty tiles handed to the sink so far.
    public let stored: Int
    public var fraction: Double { total == 0 ? 1 : Double(rendered) / Double(total) }
}

/// What a finished pyramid produced.
public struct PyramidSummary: Sendable, Hashable {
    public let total: Int
    public let stored: Int
    public let bytes: Int
    public let seconds: Double
}

/// Renders every tile of a cover (a bbox over a zoom range) on every core.
///
/// Tiles are claimed in small chunks by `workers` threads (`DispatchQueue.concurrentPerform`),
/// each with its own ``LayerRenderer`` (canvas, rasterizer, PNG encoder, index scratch).
/// Work proceeds in batches; after each batch the finished tiles are handed to `sink`
/// on the calling thread in cover order (zoom, then column, then row), so stores need
/// no locking and outputs are byte-identical whatever the thread timing.
public enum PyramidRenderer {
    /// Renders `cover` and hands each non-empty tile to `sink`.
    ///
    /// - Parameters:
    ///   - workers: threads to use (default: every active core).
    ///   - batchSize: tiles per batch (bounds memory held before `sink` runs).
    ///   - progress: called on the calling thread after each batch.
    ///   - sink: receives the non-empty tiles in cover order; throwing stops the pyramid.
    /// - Throws: the first error of a worker (``PROJError``, ``PNGError``) or of `sink`.
    @discardableResult
    public static func render(
        _ layer: PreparedLayer, cover: TileCover, scale: TileScale = .standard,
        png: PNGOptions = .tiles, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        batchSize: Int = 1024, progress: ((PyramidProgress) -> Void)? = nil,
        sink: (RenderedTile) throws -> Void
    ) throws -> PyramidSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let workerCount = max(1, workers)
        let states = (0..<workerCount).map { _ in
            PyramidWorker(renderer: LayerRenderer(layer: layer, scale: scale, png: png))
        }
        let total = cover.count
        var rendered = 0
        var stored = 0
        var bytes = 0
        var iterator = cover.makeIterator()
        var batch: [TileID] = []
        batch.reserveCapacity(max(batchSize, 1))
        while true {
            batch.removeAll(keepingCapacity: true)
            while batch.count < max(batchSize, 1), let tile = iterator.next() { batch.append(tile) }
            if batch.isEmpty { break }
            let tiles = batch
            let counter = WorkCounter(limit: tiles.count)
            if workerCount == 1 {
                states[0].run(tiles, counter)
            } else {
                DispatchQueue.concurrentPerform(iterations: workerCount) { w in states[w].run(tiles, counter) }
            }
            var results: [(Int, Data)] = []
            for state in states {
                if let error = state.error { throw error }
                results += state.results
                state.results.removeAll(keepingCapacity: true)
            }
            results.sort { $0.0 < $1.0 }
            for (i, data) in results {
                try sink(RenderedTile(tile: tiles[i], png: data))
                stored += 1
                bytes += data.count
            }
            rendered += tiles.count
            progress?(PyramidProgress(rendered: rendered, total: total, stored: stored))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return PyramidSummary(total: total, stored: stored, bytes: bytes, seconds: seconds)
    }
}

/// Hands out tile indices to workers in small chunks.
final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let limit: Int
    static let chunk = 4

    init(limit: Int) {
        self.limit = limit
    }

    func claim() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        let range = next..<min(next + WorkCounter.chunk, limit)
        next = range.upperBound
        return range
    }
}

/// One worker's renderer and results. Each instance is only touched by the thread
/// running its `run` (and by the coordinator between batches), hence `@unchecked Sendable`.
final class PyramidWorker: @unchecked Sendable {
    let renderer: LayerRenderer
    var results: [(Int, Data)] = []
    var error: (any Error)?

    init(renderer: LayerRenderer) {
        self.renderer = renderer
    }

    func run(_ tiles: [TileID], _ counter: WorkCounter) {
        while error == nil, let range = counter.claim() {
            for i in range {
                do {
                    if let data = try renderer.renderPNG(tiles[i]) { results.append((i, data)) }
                } catch {
                    self.error = error
                    return
                }
            }
        }
    }
}

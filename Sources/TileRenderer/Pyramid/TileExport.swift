import Foundation
import GeoCore

/// Renders a layer's pyramid once and writes it to every requested store: what
/// `geohub export --format tiles,mbtiles,pmtiles` runs.
public enum TileExport {
    /// What an export produced.
    public struct Summary: Sendable, Hashable {
        /// Tiles rendered (empty ones included).
        public let rendered: Int
        /// Non-empty tiles stored (in each store).
        public let stored: Int
        /// PNG bytes of the stored tiles.
        public let bytes: Int
        public let seconds: Double
        /// The files and folders written, in the order of the formats.
        public let outputs: [URL]
    }

    /// Renders `layer` over `bbox` (default: the layer's own bounds) for `zooms` and
    /// writes the tiles in each of `formats` into `directory`.
    ///
    /// Stores are written under temporary names and renamed into place only when the
    /// whole pyramid succeeded; on any error they are removed and the error rethrown.
    ///
    /// - Throws: ``TileStoreError`` (files), ``TileError`` (zooms), ``PNGError``, ``PROJError``.
    public static func run(
        _ layer: PreparedLayer, formats: [TileStoreFormat], directory: URL,
        zooms: ClosedRange<Int>, bbox: BoundingBox? = nil, scale: TileScale = .standard,
        attribution: String = "", png: PNGOptions = .tiles,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: ((PyramidProgress) -> Void)? = nil
    ) throws -> Summary {
        guard let box = bbox ?? layer.bounds else {
            throw TileStoreError(path: directory.path, "layer \(layer.name) has nothing to draw and no bbox was given")
        }
        let cover = try TileCover(covering: box, zooms: zooms)
        let metadata = TilesetMetadata(
            name: layer.name, description: layer.style.title, attribution: attribution,
            bounds: box, minZoom: zooms.lowerBound, maxZoom: zooms.upperBound, scale: scale,
            extra: ["legend": layer.legend.jsonValue])
        var stores: [any TileStore] = []
        do {
            for format in formats { stores.append(try format.makeStore(in: directory, metadata: metadata)) }
            let summary = try PyramidRenderer.render(
                layer, cover: cover, scale: scale, png: png, workers: workers,
                progress: progress
            ) { tile in
                for store in stores { try store.write(tile) }
            }
            for store in stores { try store.finish() }
            return Summary(
                rendered: summary.total, stored: summary.stored, bytes: summary.bytes,
                seconds: summary.seconds, outputs: stores.map(\.url))
        } catch {
            for store in stores { store.cancel() }
            throw error
        }
    }
}

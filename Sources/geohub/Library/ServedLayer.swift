import Foundation
import GeoCore
import Layers
import TileRenderer

/// One layer as the map service serves it: the built layer, prepared for drawing once,
/// and a pool of renderers so concurrent requests draw in parallel.
///
/// A ``LayerRenderer`` is not thread-safe; each request takes one from the pool (or
/// makes one), uses it alone and puts it back. The pool holds at most one renderer
/// per server thread that ever drew this layer.
final class ServedLayer: Sendable {
    let layer: BuiltLayer
    let prepared: PreparedLayer
    private let pools: [TileRenderer.TileScale: RendererPool]

    init(_ layer: BuiltLayer, style: Style) throws {
        self.layer = layer
        prepared = try PreparedLayer(layer, style: style)
        pools = [.standard: RendererPool(), .retina: RendererPool()]
    }

    /// The PNG of `tile`, or nil when nothing is drawn on it.
    func png(_ tile: TileID, scale: TileRenderer.TileScale) throws -> Data? {
        guard let pool = pools[scale] else { return nil }
        let renderer = pool.take() ?? LayerRenderer(layer: prepared, scale: scale)
        defer { pool.put(renderer) }
        return try renderer.renderPNG(tile)
    }
}

/// Idle renderers of one layer and scale.
///
/// `@unchecked Sendable`: the renderers are only reached under `lock`, and a renderer
/// taken out is used by the one thread that took it until it is put back.
final class RendererPool: @unchecked Sendable {
    private var idle: [LayerRenderer] = []
    private let lock = NSLock()

    func take() -> LayerRenderer? { lock.withLock { idle.popLast() } }

    func put(_ renderer: LayerRenderer) { lock.withLock { idle.append(renderer) } }
}

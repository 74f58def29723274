import Foundation
import GeoCore
import Layers
import TileRenderer

/// One layer as the map service serves it: the built layer, prepared for drawing once,
/// and a pool of renderers so concurrent requests draw in parallel.
///
/// A ``LayerRenderer`` is not thread-safe; each request takes one from the pool (or
/// makes one), uses it alone and puts it back. The pool holds at most one renderer
/// per server thread that ever drew this layer. Renderers hold only the layer's
/// symbolizers: the canvas-sized buffers they draw in (a ``TileWorkspace``, megabytes
/// each) come from ``WorkspacePool/shared``, one per thread and scale for every layer.
final class ServedLayer: Sendable {
    /// The built layer without its grid (``prepared`` keeps the grid as drawing needs it).
    let layer: BuiltLayer
    let prepared: PreparedLayer
    private let pools: [TileRenderer.TileScale: RendererPool]

    init(_ layer: BuiltLayer, style: Style) throws {
        prepared = try PreparedLayer(layer, style: style)
        var kept = layer
        kept.grid = nil
        self.layer = kept
        pools = [.standard: RendererPool(), .retina: RendererPool()]
    }

    /// The PNG of `tile`, or nil when nothing is drawn on it.
    func png(_ tile: TileID, scale: TileRenderer.TileScale) throws -> Data? {
        guard let pool = pools[scale] else { return nil }
        let renderer = pool.take() ?? LayerRenderer(layer: prepared, scale: scale)
        defer { pool.put(renderer) }
        let workspaces = WorkspacePool.shared
        let workspace = workspaces.take(scale) ?? TileWorkspace(scale: scale)
        defer { workspaces.put(workspace) }
        return try renderer.renderPNG(tile, in: workspace)
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

/// Idle ``TileWorkspace``s by scale, shared by every served layer: a workspace is the
/// few megabytes of canvas, rasterizer and PNG buffers a render needs, whatever the
/// layer, so the server keeps at most one per scale per thread drawing at once.
///
/// `@unchecked Sendable`: the workspaces are only reached under `lock`, and a workspace
/// taken out is used by the one thread that took it until it is put back.
final class WorkspacePool: @unchecked Sendable {
    static let shared = WorkspacePool()
    private var idle: [TileRenderer.TileScale: [TileWorkspace]] = [:]
    private let lock = NSLock()

    func take(_ scale: TileRenderer.TileScale) -> TileWorkspace? { lock.withLock { idle[scale]?.popLast() } }

    func put(_ workspace: TileWorkspace) { lock.withLock { idle[workspace.scale, default: []].append(workspace) } }
}

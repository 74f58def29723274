import Foundation
import GeoCore

/// Renders tiles of one ``PreparedLayer``: the layer's symbolizers, drawing into a
/// ``TileWorkspace`` (canvas, rasterizer, PNG encoder) reused tile after tile. Not
/// thread-safe: make one per thread (pyramids make one per worker; the server one per
/// request thread).
///
/// The renderer makes its own workspace on first use of ``render(_:)`` or
/// ``renderPNG(_:)``; ``renderPNG(_:in:)`` draws into a workspace the caller lends
/// instead, so many layers can share one per thread.
public final class LayerRenderer {
    public let layer: PreparedLayer
    public let scale: TileScale
    private let png: PNGOptions
    private let polygons: PolygonSymbolizer
    private let lines: LineSymbolizer
    private let points: PointSymbolizer?
    /// The buffer every tile is drawn with, in pixels.
    public let buffer: Double
    private var ownWorkspace: TileWorkspace?

    public init(layer: PreparedLayer, scale: TileScale = .standard, png: PNGOptions = .tiles) {
        self.layer = layer
        self.scale = scale
        self.png = png
        let ratio = scale.pixelRatio
        let style = layer.style
        polygons = PolygonSymbolizer(outline: style.outline == nil ? nil : style.outlineStroke(scale: ratio))
        lines = LineSymbolizer(stroke: style.lineStroke(scale: ratio))
        points = style.marker.map { marker in
            PointSymbolizer(
                shape: marker.shape, size: marker.size * ratio,
                strokeWidth: marker.stroke == nil ? 0 : marker.strokeWidth * ratio)
        }
        buffer = (style.reach + 2) * ratio
    }

    /// The renderer's own workspace, made on first use.
    private var workspace: TileWorkspace {
        if let ownWorkspace { return ownWorkspace }
        let made = TileWorkspace(scale: scale, png: png)
        ownWorkspace = made
        return made
    }

    /// Draws `tile` and returns its canvas (premultiplied RGBA).
    ///
    /// - Throws: ``PROJError`` when the layer's grid cannot be warped onto the tile.
    public func render(_ tile: TileID) throws -> Canvas {
        let workspace = self.workspace
        try draw(tile, in: workspace.context, workspace)
        return workspace.context.canvas
    }

    /// Draws `tile` and encodes it as PNG; nil when the tile is empty (fully
    /// transparent), which is neither encoded nor stored.
    ///
    /// - Throws: ``PROJError`` (grid warping) or ``PNGError`` (encoding).
    public func renderPNG(_ tile: TileID) throws -> Data? {
        try renderPNG(tile, in: workspace)
    }

    /// Draws `tile` in `workspace` (which must be of this renderer's scale) and encodes
    /// it as PNG; nil when the tile is empty. The workspace is only borrowed: it may
    /// draw another layer's tile next.
    ///
    /// - Throws: ``PROJError`` (grid warping) or ``PNGError`` (encoding).
    public func renderPNG(_ tile: TileID, in workspace: TileWorkspace) throws -> Data? {
        precondition(workspace.scale == scale, "a workspace draws tiles of its own scale")
        try draw(tile, in: workspace.context, workspace)
        if workspace.context.canvas.isEmpty { return nil }
        return try workspace.encoder.encode(workspace.context.canvas)
    }

    /// Draws a block of `span × span` tiles whose top-left tile is `tile` on one canvas
    /// (a "metatile"): the unclipped reference tests compare single tiles against.
    func renderMetatile(_ tile: TileID, span: Int) throws -> Canvas {
        let block = DrawingContext(size: scale.tileSize * span, pixelRatio: scale.pixelRatio)
        try draw(tile, in: block, workspace)
        return block.canvas
    }

    /// Draws the area whose top-left corner is `tile`'s, at `tile`'s zoom, filling
    /// `context`'s canvas (one tile, or a block of tiles for a larger canvas), with
    /// `workspace`'s feature-query scratch.
    private func draw(_ tile: TileID, in context: DrawingContext, _ workspace: TileWorkspace) throws {
        let transform = tile.pixelTransform(tileSize: scale.tileSize)
        context.begin(transform, buffer: buffer)
        if let grid = layer.grid { try grid.draw(transform, size: context.size, in: context) }

        // The canvas's extent in metres, grown by the buffer.
        let extent = Double(context.size) / transform.scale
        let query = BoundingBox(
            minX: transform.originX, minY: transform.originY - extent,
            maxX: transform.originX + extent, maxY: transform.originY
        )
        .expanded(by: buffer / transform.scale)
        let stamp = workspace.nextStamp()
        layer.index.query(query, stamps: &workspace.stamps, stamp: stamp, into: &workspace.candidates)
        for id in workspace.candidates {
            let feature = layer.features[Int(id)]
            switch feature.kind {
            case .polygons: polygons.draw(feature, in: context)
            case .lines: lines.draw(feature, in: context)
            case .points: points?.draw(feature, in: context)
            }
        }
        if layer.style.opacity < 1 {
            let factor = UInt32(Color.byte(layer.style.opacity))
            context.canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                for i in pixels.indices where pixels[i] != 0 { pixels[i] = Compositing.scale(pixels[i], by: factor) }
            }
        }
    }
}

import Foundation
import GeoCore

/// Renders tiles of one ``PreparedLayer``: a canvas, a rasterizer and a PNG encoder
/// reused tile after tile. Not thread-safe: make one per thread (pyramids make one
/// per worker; the server one per request thread).
public final class LayerRenderer {
    public let layer: PreparedLayer
    public let scale: TileScale
    private let context: DrawingContext
    private let encoder: PNGEncoder
    private let polygons: PolygonSymbolizer
    private let lines: LineSymbolizer
    private let points: PointSymbolizer?
    /// The buffer every tile is drawn with, in pixels.
    public let buffer: Double
    private var stamps: [UInt32] = []
    private var stamp: UInt32 = 0
    private var candidates: [Int32] = []

    public init(layer: PreparedLayer, scale: TileScale = .standard, png: PNGOptions = .tiles) {
        self.layer = layer
        self.scale = scale
        let ratio = scale.pixelRatio
        context = DrawingContext(size: scale.tileSize, pixelRatio: ratio)
        encoder = PNGEncoder(options: png)
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

    /// Draws `tile` and returns its canvas (premultiplied RGBA).
    ///
    /// - Throws: ``PROJError`` when the layer's grid cannot be warped onto the tile.
    public func render(_ tile: TileID) throws -> Canvas {
        try draw(tile)
        return context.canvas
    }

    /// Draws `tile` and encodes it as PNG; nil when the tile is empty (fully
    /// transparent), which is neither encoded nor stored.
    ///
    /// - Throws: ``PROJError`` (grid warping) or ``PNGError`` (encoding).
    public func renderPNG(_ tile: TileID) throws -> Data? {
        try draw(tile)
        if context.canvas.isEmpty { return nil }
        return try encoder.encode(context.canvas)
    }

    /// Draws a block of `span × span` tiles whose top-left tile is `tile` on one canvas
    /// (a "metatile"): the unclipped reference tests compare single tiles against.
    func renderMetatile(_ tile: TileID, span: Int) throws -> Canvas {
        let block = DrawingContext(size: scale.tileSize * span, pixelRatio: scale.pixelRatio)
        try draw(tile, in: block)
        return block.canvas
    }

    private func draw(_ tile: TileID) throws {
        try draw(tile, in: context)
    }

    /// Draws the area whose top-left corner is `tile`'s, at `tile`'s zoom, filling
    /// `context`'s canvas (one tile, or a block of tiles for a larger canvas).
    private func draw(_ tile: TileID, in context: DrawingContext) throws {
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
        stamp &+= 1
        if stamp == 0 {
            stamps = []
            stamp = 1
        }
        layer.index.query(query, stamps: &stamps, stamp: stamp, into: &candidates)
        for id in candidates {
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

import GeoCore

/// The scratch memory of drawing tiles at one ``TileScale``: the canvas, the
/// rasterizer's accumulation buffer, the PNG encoder's buffers and the feature-query
/// scratch. Not thread-safe: one thread uses a workspace at a time.
///
/// This is most of what a tile render costs in memory (about 1.3 MB at 256 px and
/// 5 MB at 512 px, nearly all of it the canvas-sized buffers) and none of it depends on
/// the layer, so a server drawing many layers keeps one workspace per thread and scale
/// and lends it to whichever layer's ``LayerRenderer`` draws next
/// (``LayerRenderer/renderPNG(_:in:)``), rather than one per layer and thread.
public final class TileWorkspace {
    public let scale: TileScale
    let context: DrawingContext
    let encoder: PNGEncoder
    /// Per-feature marks of the feature index query: features already listed carry the
    /// current `stamp`. Sized for the layer last drawn; `stamp` only grows, so marks
    /// left by another layer never equal it.
    var stamps: [UInt32] = []
    var stamp: UInt32 = 0
    var candidates: [Int32] = []

    /// Allocates the canvas-sized buffers of `scale`.
    public init(scale: TileScale = .standard, png: PNGOptions = .tiles) {
        self.scale = scale
        context = DrawingContext(size: scale.tileSize, pixelRatio: scale.pixelRatio)
        encoder = PNGEncoder(options: png)
    }

    /// The next query stamp (wrapping resets the marks).
    func nextStamp() -> UInt32 {
        stamp &+= 1
        if stamp == 0 {
            stamps = []
            stamp = 1
        }
        return stamp
    }
}

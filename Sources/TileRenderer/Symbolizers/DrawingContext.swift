import GeoCore

/// The per-thread state of drawing one tile: the canvas, the rasterizer, the tile's
/// Web Mercator → pixel affine and clip rectangle, and scratch buffers reused for
/// every feature so the hot path does not allocate.
final class DrawingContext {
    var canvas: Canvas
    let rasterizer: Rasterizer
    /// Pixels per CSS pixel: 1 for 256 px tiles, 2 for `@2x`.
    let pixelRatio: Double
    let size: Int
    /// Metres → pixels: `x' = (x − originX)·scale`, `y' = (originY − y)·scale`.
    private(set) var scale = 1.0, originX = 0.0, originY = 0.0
    /// The tile grown by the layer's buffer.
    private(set) var clip: ClipRectangle

    var path = Path()
    var pixels: [PixelPoint] = []
    var clipped: [PixelPoint] = []
    var scratch: [PixelPoint] = []

    init(size: Int, pixelRatio: Double) {
        self.size = size
        self.pixelRatio = pixelRatio
        canvas = Canvas(width: size, height: size)
        rasterizer = Rasterizer(width: size, height: size)
        clip = ClipRectangle(size: size, buffer: 0)
    }

    /// Prepares to draw `transform`'s tile with `buffer` pixels of margin.
    func begin(_ transform: TilePixelTransform, buffer: Double) {
        scale = transform.scale
        originX = transform.originX
        originY = transform.originY
        clip = ClipRectangle(size: size, buffer: buffer)
        canvas.clear()
    }

    /// Vertices closer than this (pixels) to the previous kept one are dropped: at low
    /// zooms detailed geometry collapses into sub-pixel steps that cost segments and
    /// change no visible coverage.
    static let minimumStep = 0.25

    /// Fills `pixels` with the pixel positions of `coordinates`, dropping vertices within
    /// ``minimumStep`` of the previous kept one (the last vertex is always kept, so
    /// closed rings stay closed and lines keep their ends).
    @inline(__always)
    func project(_ coordinates: ArraySlice<Coordinate>) {
        pixels.removeAll(keepingCapacity: true)
        guard !coordinates.isEmpty else { return }
        let step2 = DrawingContext.minimumStep * DrawingContext.minimumStep
        var last = PixelPoint(.infinity, .infinity)
        let lastIndex = coordinates.index(before: coordinates.endIndex)
        for i in coordinates.indices {
            let c = coordinates[i]
            let p = PixelPoint((c.x - originX) * scale, (originY - c.y) * scale)
            let dx = p.x - last.x
            let dy = p.y - last.y
            if dx * dx + dy * dy < step2 {
                if i != lastIndex { continue }
                pixels.removeLast()  // keep the true end point instead of the near one
            }
            pixels.append(p)
            last = p
        }
    }

    @inline(__always)
    func pixel(_ c: Coordinate) -> PixelPoint {
        PixelPoint((c.x - originX) * scale, (originY - c.y) * scale)
    }

    /// Whether the pixel extent of `pixels` lies inside the clip rectangle.
    func pixelsInsideClip() -> Bool {
        for p in pixels where !clip.contains(p) { return false }
        return true
    }

    /// Fills the current path with a premultiplied colour and empties it.
    func fillPath(_ pixel: UInt32, rule: FillRule) {
        if pixel != 0 && !path.isEmpty {
            rasterizer.add(path)
            rasterizer.sweep(into: &canvas, pixel: pixel, rule: rule)
        }
        path.removeAll()
    }
}

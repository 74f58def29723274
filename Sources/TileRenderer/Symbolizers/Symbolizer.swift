/// One kind of drawing in the renderer's fixed pipeline, one file each (as Mapnik
/// has): clip to the tile plus its buffer → Web Mercator (done once per layer, when
/// features are styled) → the tile's pixel affine → rasterize → composite.
protocol Symbolizer: Sendable {
    /// Draws `feature` on `context`'s canvas.
    func draw(_ feature: StyledFeature, in context: DrawingContext)
}

/// Draws a marker at each point: the filled shape, then its outline.
struct PointSymbolizer: Symbolizer {
    let shape: MarkerShape
    /// Marker width in pixels.
    let size: Double
    /// Outline width in pixels (0 for none).
    let strokeWidth: Double

    func draw(_ feature: StyledFeature, in context: DrawingContext) {
        let reach = size / 2 + strokeWidth
        let clip = context.clip
        for c in feature.coordinates {
            let p = context.pixel(c)
            guard p.x >= clip.minX - reach, p.x <= clip.maxX + reach, p.y >= clip.minY - reach,
                p.y <= clip.maxY + reach
            else { continue }
            if feature.markerFill != 0 {
                context.path.addMarker(shape, center: p, size: size)
                context.fillPath(feature.markerFill, rule: .nonZero)
            }
            if feature.markerStroke != 0 && strokeWidth > 0 {
                var outline = Path()
                outline.addMarker(shape, center: p, size: size)
                let style = StrokeStyle(width: strokeWidth, join: .miter, cap: .butt)
                for contour in 0..<outline.contourCount {
                    Stroker.stroke(Array(outline.contour(contour)), closed: true, style: style, into: &context.path)
                }
                context.fillPath(feature.markerStroke, rule: .nonZero)
            }
        }
    }
}

/// Draws a marker at each point: the filled shape, then its outline.
///
/// The marker's fill and outline paths are built once, around (0, 0), and only
/// translated per point: no trigonometry or stroking in the per-point loop.
struct PointSymbolizer: Symbolizer {
    /// Marker width in pixels.
    let size: Double
    /// Outline width in pixels (0 for none).
    let strokeWidth: Double
    private let fillShape: Path
    private let outlineShape: Path

    init(shape: MarkerShape, size: Double, strokeWidth: Double) {
        self.size = size
        self.strokeWidth = strokeWidth
        var fill = Path()
        // Markers are small: 0.05 px chords (with area-preserving radii) are invisible.
        fill.addMarker(shape, center: PixelPoint(0, 0), size: size, tolerance: 0.05)
        fillShape = fill
        var outline = Path()
        if strokeWidth > 0 {
            let style = StrokeStyle(width: strokeWidth, join: .miter, cap: .butt)
            for contour in 0..<fill.contourCount {
                Stroker.stroke(Array(fill.contour(contour)), closed: true, style: style, into: &outline)
            }
        }
        outlineShape = outline
    }

    func draw(_ feature: StyledFeature, in context: DrawingContext) {
        let reach = size / 2 + strokeWidth
        let clip = context.clip
        for c in feature.coordinates {
            let p = context.pixel(c)
            guard p.x >= clip.minX - reach, p.x <= clip.maxX + reach, p.y >= clip.minY - reach,
                p.y <= clip.maxY + reach
            else { continue }
            if feature.markerFill != 0 {
                context.path.append(fillShape, offset: p)
                context.fillPath(feature.markerFill, rule: .nonZero)
            }
            if feature.markerStroke != 0 && !outlineShape.isEmpty {
                context.path.append(outlineShape, offset: p)
                context.fillPath(feature.markerStroke, rule: .nonZero)
            }
        }
    }
}

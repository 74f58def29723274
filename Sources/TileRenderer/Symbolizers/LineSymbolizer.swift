/// Strokes lines. All parts of one feature are outlined into one path and filled once,
/// so where a translucent line crosses itself it does not darken.
struct LineSymbolizer: Symbolizer {
    let stroke: StrokeStyle

    func draw(_ feature: StyledFeature, in context: DrawingContext) {
        guard feature.stroke != 0 else { return }
        let clip = context.clip
        for line in 0..<feature.partEnds.count {
            context.project(feature.part(line))
            if context.pixelsInsideClip() {
                Stroker.stroke(context.pixels, closed: false, style: stroke, into: &context.path)
            } else {
                let pixels = context.pixels
                clip.clipPolyline(pixels, scratch: &context.scratch) { piece in
                    Stroker.stroke(piece, closed: false, style: stroke, into: &context.path)
                }
            }
        }
        context.fillPath(feature.stroke, rule: .nonZero)
    }
}

/// Fills polygons (holes by the even-odd rule, whatever the ring orientation) and
/// strokes their outlines.
struct PolygonSymbolizer: Symbolizer {
    /// The outline geometry in pixels, or nil for no outline.
    let outline: StrokeStyle?

    func draw(_ feature: StyledFeature, in context: DrawingContext) {
        let clip = context.clip
        if feature.fill != 0 {
            for ring in 0..<feature.partEnds.count {
                context.project(feature.part(ring))
                if context.pixelsInsideClip() {
                    context.path.addContour(context.pixels)
                } else {
                    clip.clipRing(context.pixels, into: &context.clipped, scratch: &context.scratch)
                    if context.clipped.count >= 3 { context.path.addContour(context.clipped) }
                }
            }
            context.fillPath(feature.fill, rule: .evenOdd)
        }
        if let outline, feature.outline != 0 {
            for ring in 0..<feature.partEnds.count {
                context.project(feature.part(ring))
                if context.pixelsInsideClip() {
                    Stroker.stroke(context.pixels, closed: true, style: outline, into: &context.path)
                } else {
                    // Clip as an open line (so the clip edge itself is not stroked) that starts
                    // and ends at a vertex outside the clip rectangle: every vertex inside keeps
                    // its join, and the cut ends lie in the buffer, out of sight.
                    var ring = context.pixels
                    if ring.count > 1, let first = ring.first, let last = ring.last, first == last { ring.removeLast() }
                    guard let outside = ring.firstIndex(where: { !clip.contains($0) }) else { continue }
                    var rotated = Array(ring[outside...]) + Array(ring[..<outside])
                    rotated.append(ring[outside])
                    clip.clipPolyline(rotated, scratch: &context.scratch) { piece in
                        Stroker.stroke(piece, closed: false, style: outline, into: &context.path)
                    }
                }
            }
            context.fillPath(feature.outline, rule: .nonZero)
        }
    }
}

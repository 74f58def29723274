/// An axis-aligned clipping rectangle in pixels: the tile grown by its buffer.
///
/// Clipping keeps coordinates small and work proportional to what is visible; the
/// buffer keeps what is drawn inside the tile identical to an unclipped drawing, since
/// strokes and markers of geometry in the buffer still reach into the tile.
public struct ClipRectangle: Sendable, Hashable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// A `size × size` canvas grown by `buffer` pixels on every side.
    public init(size: Int, buffer: Double) {
        self.init(minX: -buffer, minY: -buffer, maxX: Double(size) + buffer, maxY: Double(size) + buffer)
    }

    @inline(__always) func contains(_ p: PixelPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Clips a polygon ring (Sutherland–Hodgman, one pass per edge of the rectangle).
    ///
    /// Inside the rectangle the clipped ring has the same winding numbers as the
    /// original, so rings of one polygon can be clipped one by one and still fill (with
    /// holes) correctly. Edges along the rectangle may appear; they lie in the buffer,
    /// outside the visible tile.
    func clipRing(_ ring: [PixelPoint], into output: inout [PixelPoint], scratch: inout [PixelPoint]) {
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: ring)
        for edge in 0..<4 {
            guard !output.isEmpty else { return }
            scratch.removeAll(keepingCapacity: true)
            var previous = output[output.count - 1]
            var previousInside = inside(previous, edge)
            for p in output {
                let isInside = inside(p, edge)
                if isInside != previousInside { scratch.append(intersection(previous, p, edge)) }
                if isInside { scratch.append(p) }
                previous = p
                previousInside = isInside
            }
            swap(&output, &scratch)
        }
    }

    @inline(__always) private func inside(_ p: PixelPoint, _ edge: Int) -> Bool {
        switch edge {
        case 0: p.x >= minX
        case 1: p.x <= maxX
        case 2: p.y >= minY
        default: p.y <= maxY
        }
    }

    @inline(__always) private func intersection(_ a: PixelPoint, _ b: PixelPoint, _ edge: Int) -> PixelPoint {
        switch edge {
        case 0: return PixelPoint(minX, a.y + (b.y - a.y) * (minX - a.x) / (b.x - a.x))
        case 1: return PixelPoint(maxX, a.y + (b.y - a.y) * (maxX - a.x) / (b.x - a.x))
        case 2: return PixelPoint(a.x + (b.x - a.x) * (minY - a.y) / (b.y - a.y), minY)
        default: return PixelPoint(a.x + (b.x - a.x) * (maxY - a.y) / (b.y - a.y), maxY)
        }
    }

    /// Clips a polyline (Liang–Barsky per segment) and calls `emit` with each visible run.
    ///
    /// Runs keep their original vertices inside the rectangle; cut points lie on its
    /// edge, in the buffer, so the caps drawn there stay outside the visible tile.
    func clipPolyline(_ line: [PixelPoint], scratch: inout [PixelPoint], emit: ([PixelPoint]) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        guard line.count >= 2 else { return }
        for i in 1..<line.count {
            let a = line[i - 1]
            let b = line[i]
            guard let (t0, t1) = clipSegment(a, b) else {
                if scratch.count >= 2 { emit(scratch) }
                scratch.removeAll(keepingCapacity: true)
                continue
            }
            let start = t0 > 0 ? a + (b - a) * t0 : a
            let end = t1 < 1 ? a + (b - a) * t1 : b
            if scratch.isEmpty || t0 > 0 {
                if scratch.count >= 2 { emit(scratch) }
                scratch.removeAll(keepingCapacity: true)
                scratch.append(start)
            }
            scratch.append(end)
            if t1 < 1 {
                if scratch.count >= 2 { emit(scratch) }
                scratch.removeAll(keepingCapacity: true)
            }
        }
        if scratch.count >= 2 { emit(scratch) }
    }

    /// The parameter interval of segment a→b inside the rectangle, or nil.
    private func clipSegment(_ a: PixelPoint, _ b: PixelPoint) -> (Double, Double)? {
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.x - a.x
        let dy = b.y - a.y
        for (p, q) in [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 {
                    if r > t1 { return nil }
                    if r > t0 { t0 = r }
                } else {
                    if r < t0 { return nil }
                    if r < t1 { t1 = r }
                }
            }
        }
        return (t0, t1)
    }
}

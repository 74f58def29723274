import Foundation

/// Turns polylines into the outline of their stroke, a ``Path`` to fill with the
/// non-zero rule.
///
/// The outline of an open polyline is its left offset walked forwards, the end cap, its
/// left offset walked backwards (the original right side) and the start cap: one closed
/// contour. Inner corners pass through the vertex itself; the small loops that makes
/// wind the same way as the body, so the non-zero rule fills them (AGG's "inner jag").
/// A closed ring gives two contours of opposite orientation (outer and inner edge).
public enum Stroker {
    /// Appends the stroke outline of `polyline` to `path`.
    public static func stroke(
        _ polyline: [PixelPoint], closed: Bool = false, style: StrokeStyle,
        into path: inout Path
    ) {
        guard style.width > 0, style.width.isFinite else { return }
        if style.dashes.contains(where: { $0 > 0 }) && style.dashes.allSatisfy({ $0 >= 0 }) {
            for dash in Dasher.dashes(of: polyline, closed: closed, pattern: style.dashes, offset: style.dashOffset) {
                var solid = style
                solid.dashes = []
                stroke(dash, closed: false, style: solid, into: &path)
            }
            return
        }
        let points = deduplicated(polyline, closed: closed)
        let half = style.width / 2
        if points.count == 1 {
            // A zero-length line: round and square caps still mark the point (as SVG does).
            switch style.cap {
            case .round: path.addCircle(center: points[0], radius: half)
            case .square:
                path.addRectangle(
                    x: points[0].x - half, y: points[0].y - half, width: style.width,
                    height: style.width)
            case .butt: break
            }
            return
        }
        guard points.count >= 2 else { return }
        if closed && points.count >= 3 {
            var outer: [PixelPoint] = []
            offsetSide(points, closed: true, half: half, style: style, into: &outer)
            path.addContour(outer)
            var inner: [PixelPoint] = []
            offsetSide(points.reversed(), closed: true, half: half, style: style, into: &inner)
            path.addContour(inner)
            return
        }
        var outline: [PixelPoint] = []
        outline.reserveCapacity(points.count * 4 + 16)
        offsetSide(points, closed: false, half: half, style: style, into: &outline)
        addCap(at: points[points.count - 1], from: points[points.count - 2], half: half, cap: style.cap, into: &outline)
        let reversed = Array(points.reversed())
        offsetSide(reversed, closed: false, half: half, style: style, into: &outline)
        addCap(at: points[0], from: points[1], half: half, cap: style.cap, into: &outline)
        path.addContour(outline)
    }

    /// The polyline without consecutive duplicates (and without a repeated closing point).
    static func deduplicated(_ polyline: [PixelPoint], closed: Bool) -> [PixelPoint] {
        var points: [PixelPoint] = []
        points.reserveCapacity(polyline.count)
        for p in polyline where p.x.isFinite && p.y.isFinite {
            if let last = points.last, abs(last.x - p.x) < 1e-9 && abs(last.y - p.y) < 1e-9 { continue }
            points.append(p)
        }
        if closed, points.count > 1, let first = points.first, let last = points.last,
            abs(first.x - last.x) < 1e-9 && abs(first.y - last.y) < 1e-9
        {
            points.removeLast()
        }
        return points
    }

    /// The unit left normal of the segment a → b (y down: "left" is counter-clockwise on screen).
    @inline(__always)
    static func normal(_ a: PixelPoint, _ b: PixelPoint) -> PixelPoint {
        let d = b - a
        let length = d.length
        return PixelPoint(d.y / length, -d.x / length)
    }

    /// Appends the offset of `points` by `half` on one side, with joins at every vertex
    /// (and at the closing vertex when `closed`).
    static func offsetSide<C: Collection>(
        _ points: C, closed: Bool, half: Double, style: StrokeStyle,
        into out: inout [PixelPoint]
    ) where C.Element == PixelPoint {
        let p = Array(points)
        let n = p.count
        if closed {
            for i in 0..<n {
                join(
                    previous: p[(i + n - 1) % n], vertex: p[i], next: p[(i + 1) % n], half: half, style: style,
                    into: &out)
            }
            return
        }
        out.append(p[0] + normal(p[0], p[1]) * half)
        if n > 2 {
            for i in 1..<(n - 1) {
                join(previous: p[i - 1], vertex: p[i], next: p[i + 1], half: half, style: style, into: &out)
            }
        }
        out.append(p[n - 1] + normal(p[n - 2], p[n - 1]) * half)
    }

    /// Appends the corner at `vertex` between the segments from `previous` and to `next`.
    static func join(
        previous: PixelPoint, vertex: PixelPoint, next: PixelPoint, half: Double, style: StrokeStyle,
        into out: inout [PixelPoint]
    ) {
        let n1 = normal(previous, vertex)
        let n2 = normal(vertex, next)
        let a = vertex + n1 * half
        let b = vertex + n2 * half
        let d1 = vertex - previous
        let d2 = next - vertex
        let turn = d1.cross(d2)  // y down: positive turns clockwise on screen, away from our side
        if abs(turn) < 1e-12 * d1.length * d2.length && d1.dot(d2) > 0 {
            out.append(a)  // straight on
            return
        }
        // Where the two offset lines meet: the miter point (outer corner) or the inner
        // corner. Emitting it alone describes the corner exactly with one vertex.
        let cosHalf = ((1 + n1.dot(n2)) / 2).squareRoot()  // cos of half the angle between normals
        let bisector = n1 + n2
        let bisectorLength = bisector.length
        if turn < 0 {
            // Inner corner. When the meeting point lies within both segments, it is the
            // exact outline; otherwise (short segments, sharp turns) go through the vertex:
            // the loop this makes winds like the body, so the non-zero rule fills it.
            if cosHalf > 1e-6 && bisectorLength > 1e-12 {
                let inner = vertex + bisector * (half / (cosHalf * bisectorLength))
                let reach = abs((inner - vertex).dot(d1)) / d1.length
                if reach <= 0.5 * min(d1.length, d2.length) {
                    out.append(inner)
                    return
                }
            }
            out.append(a)
            out.append(vertex)
            out.append(b)
            return
        }
        switch style.join {
        case .bevel:
            out.append(a)
            out.append(b)
        case .miter:
            if cosHalf > 1e-9 && 1 / cosHalf <= style.miterLimit && bisectorLength > 1e-12 {
                out.append(vertex + bisector * (half / (cosHalf * bisectorLength)))
            } else {
                out.append(a)
                out.append(b)
            }
        case .round:
            appendArc(center: vertex, from: n1, to: n2, radius: half, into: &out)
        }
    }

    /// Appends an arc around `center` from direction `u` to direction `v` (unit vectors),
    /// turning the short way, endpoints included.
    static func appendArc(
        center: PixelPoint, from u: PixelPoint, to v: PixelPoint, radius: Double,
        into out: inout [PixelPoint]
    ) {
        let start = atan2(u.y, u.x)
        var sweep = atan2(v.y, v.x) - start
        if sweep > Double.pi { sweep -= 2 * Double.pi }
        if sweep < -Double.pi { sweep += 2 * Double.pi }
        let steps = Path.segmentCount(radius: radius, tolerance: arcTolerance, angle: abs(sweep))
        out.append(center + u * radius)
        if steps > 1 {
            let r = radius * areaPreservingFactor(step: abs(sweep) / Double(steps))
            for k in 1..<steps {
                let t = start + sweep * Double(k) / Double(steps)
                out.append(PixelPoint(center.x + r * cos(t), center.y + r * sin(t)))
            }
        }
        out.append(center + v * radius)
    }

    /// How far (pixels) arc chords may stray from the true arc.
    static let arcTolerance = 0.01

    /// Radius factor that gives chords of angle `step` the area of the arc they replace,
    /// so round joins and caps cover the right area, not slightly less.
    static func areaPreservingFactor(step: Double) -> Double {
        step > 1e-6 ? (step / sin(step)).squareRoot() : 1
    }

    /// Appends the cap at `end` (reached from `from`), going from the left offset to the right one.
    static func addCap(at end: PixelPoint, from: PixelPoint, half: Double, cap: LineCap, into out: inout [PixelPoint]) {
        let n = normal(from, end)
        switch cap {
        case .butt:
            break  // the outline already goes straight across from one side to the other
        case .square:
            let d = PixelPoint(-n.y, n.x) * half  // along the line, outwards
            out.append(end + n * half + d)
            out.append(end - n * half + d)
        case .round:
            // Half circle from the left normal to the right one through the forward direction.
            let forward = PixelPoint(-n.y, n.x)
            let steps = max(Path.segmentCount(radius: half, tolerance: arcTolerance, angle: Double.pi), 2)
            let start = atan2(n.y, n.x)
            let sweepSign: Double = n.cross(forward) > 0 ? 1 : -1
            let r = half * areaPreservingFactor(step: Double.pi / Double(steps))
            for k in 1..<steps {
                let t = start + sweepSign * Double.pi * Double(k) / Double(steps)
                out.append(PixelPoint(end.x + r * cos(t), end.y + r * sin(t)))
            }
        }
    }
}

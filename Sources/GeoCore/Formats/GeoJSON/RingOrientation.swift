/// Ring orientation for GeoJSON's right-hand rule (RFC 7946 §3.1.6): exterior rings
/// counter-clockwise, holes clockwise, in the lon/lat plane.
enum RingOrientation {
    /// Twice the signed area of a closed ring by the shoelace formula (positive when
    /// counter-clockwise), on coordinates rounded to `digits` decimals the way they
    /// will be written, so the written ring is the one whose orientation is checked.
    /// Coordinates are taken relative to the first one to keep precision.
    static func doubledSignedArea(_ ring: [Coordinate], digits: Int) -> Double {
        guard ring.count >= 4 else { return 0 }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let x0 = (ring[0].x * scale).rounded()
        let y0 = (ring[0].y * scale).rounded()
        var sum = 0.0
        var px = 0.0
        var py = 0.0
        for c in ring.dropFirst() {
            let x = (c.x * scale).rounded() - x0
            let y = (c.y * scale).rounded() - y0
            sum += px * y - x * py
            px = x
            py = y
        }
        return sum
    }

    /// `ring` in the requested orientation (reversed if needed; unchanged if degenerate).
    static func oriented(_ ring: [Coordinate], counterClockwise: Bool, digits: Int) -> [Coordinate] {
        let area = doubledSignedArea(ring, digits: digits)
        if area == 0 || (area > 0) == counterClockwise { return ring }
        return ring.reversed()
    }

    /// The polygon with its exterior counter-clockwise and its holes clockwise.
    static func rightHanded(_ polygon: PolygonRings, digits: Int) -> PolygonRings {
        PolygonRings(
            exterior: oriented(polygon.exterior, counterClockwise: true, digits: digits),
            holes: polygon.holes.map { oriented($0, counterClockwise: false, digits: digits) })
    }
}

/// Two disks around one point `c` of a polygonal shape that settle most point tests
/// against it without asking GEOS again.
///
/// - Inside: GEOS found `c` in the shape's interior and its distance to the shape's
///   boundary to be `R`. The open disk of radius `R` around `c` meets no boundary
///   point, is connected and holds an interior point, so every point of it is
///   interior: GEOS's point location can only change where a ring is crossed.
/// - Outside: every vertex lies within `R_out` of `c`, so the whole shape (inside the
///   convex hull of its vertices) does too; a point farther away is outside it.
///
/// Both radii are pulled in by a margin `ε` far above the rounding of the distances
/// involved, so a point decided here is decided as GEOS would decide it; points in the
/// ring between the disks are left to GEOS. See ``JoinKernel`` for where the numbers
/// come from.
struct AreaCertificate: Sendable {
    /// Where a point stands relative to the shape, as far as the disks tell.
    enum Verdict {
        case interior
        case exterior
        case unknown
    }

    let cx: Double
    let cy: Double
    /// Points nearer `c` than this are interior (negative: no interior disk).
    let inner: Double
    /// Points farther from `c` than this are outside.
    let outer: Double

    @inline(__always)
    func verdict(_ p: Coordinate) -> Verdict {
        let dx = p.x - cx
        let dy = p.y - cy
        let d = (dx * dx + dy * dy).squareRoot()
        if d < inner { return .interior }
        if d > outer { return .exterior }
        return .unknown
    }
}

/// The test a ``SpatialJoin`` applies to each pair `(left, right)`, read as
/// "left PREDICATE right", as in shapely's `STRtree.query(left, predicate=…)`.
///
/// Every predicate is decided by GEOS. The topological ones use the prepared
/// right-hand geometry: `within` is `GEOSPreparedContains_r(right, left)`, `contains`
/// is `GEOSPreparedWithin_r`, `covers` is `GEOSPreparedCoveredBy_r`, `coveredBy` is
/// `GEOSPreparedCovers_r`. `withinDistance(d)` is distance ≤ d as GEOS's `DistanceOp`
/// decides it (`GEOSDistanceWithin_r(left, right, d)`, the computation shapely's
/// `dwithin` makes); the point join settles most pairs from GEOS-measured bounds clear
/// of `d` (see ``SpatialJoin``) and leaves every near-tie to that call.
public enum JoinPredicate: Sendable, Hashable {
    /// Left and right share a point.
    case intersects
    /// Left lies in right with interiors meeting; a point on right's boundary is not within.
    case within
    /// Right lies in left with interiors meeting.
    case contains
    /// No point of right lies outside left.
    case covers
    /// No point of left lies outside right.
    case coveredBy
    /// Left and right meet only on their boundaries.
    case touches
    /// The distance between left and right is at most the given distance (shapely's `dwithin`).
    case withinDistance(Double)

    /// How far right-hand boxes are grown before the box filter.
    var margin: Double {
        if case .withinDistance(let d) = self { return Swift.max(0, d) }
        return 0
    }
}

internal import CGEOS

/// Binary spatial predicates, computed by GEOS (DE-9IM semantics).
///
/// Every predicate wraps a GEOS function returning 1 (true), 0 (false) or 2
/// (error, reported as ``GEOSError`` with GEOS's message). Both geometries should
/// belong to the same context (GEOS itself tolerates mixing on one thread).
extension Geometry {
    /// Whether the geometries share at least one point (`GEOSIntersects_r`: 0 false, 1 true, 2 error).
    public func intersects(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSIntersects_r(context.handle, handle, other.handle), "GEOSIntersects_r")
    }

    /// Whether the geometries share no point (`GEOSDisjoint_r`: 0 false, 1 true, 2 error).
    public func disjoint(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSDisjoint_r(context.handle, handle, other.handle), "GEOSDisjoint_r")
    }

    /// Whether `other` lies in this geometry and their interiors meet: a point on the
    /// boundary is not contained (`GEOSContains_r`: 0 false, 1 true, 2 error).
    public func contains(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSContains_r(context.handle, handle, other.handle), "GEOSContains_r")
    }

    /// Whether this geometry lies in `other` and their interiors meet, the converse of
    /// ``contains(_:)`` (`GEOSWithin_r`: 0 false, 1 true, 2 error).
    public func within(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSWithin_r(context.handle, handle, other.handle), "GEOSWithin_r")
    }

    /// Whether no point of `other` lies outside this geometry; boundary points count
    /// (`GEOSCovers_r`: 0 false, 1 true, 2 error).
    public func covers(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSCovers_r(context.handle, handle, other.handle), "GEOSCovers_r")
    }

    /// Whether no point of this geometry lies outside `other` (`GEOSCoveredBy_r`: 0 false, 1 true, 2 error).
    public func coveredBy(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSCoveredBy_r(context.handle, handle, other.handle), "GEOSCoveredBy_r")
    }

    /// Whether the geometries meet only on their boundaries (`GEOSTouches_r`: 0 false, 1 true, 2 error).
    public func touches(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSTouches_r(context.handle, handle, other.handle), "GEOSTouches_r")
    }

    /// Whether the geometries cross (`GEOSCrosses_r`: 0 false, 1 true, 2 error).
    public func crosses(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSCrosses_r(context.handle, handle, other.handle), "GEOSCrosses_r")
    }

    /// Whether the geometries overlap (`GEOSOverlaps_r`: 0 false, 1 true, 2 error).
    public func overlaps(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSOverlaps_r(context.handle, handle, other.handle), "GEOSOverlaps_r")
    }

    /// Whether the geometries are topologically equal (`GEOSEquals_r`: 0 false, 1 true, 2 error).
    public func topologicallyEquals(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(predicate: GEOSEquals_r(context.handle, handle, other.handle), "GEOSEquals_r")
    }

    /// Whether the geometries have the same structure and coordinates within
    /// `tolerance` (`GEOSEqualsExact_r`: 0 false, 1 true, 2 error).
    public func equalsExact(_ other: Geometry, tolerance: Double = 0) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSEqualsExact_r(context.handle, handle, other.handle, tolerance),
            "GEOSEqualsExact_r")
    }

    /// Whether the distance between the geometries is at most `distance`
    /// (`GEOSDistanceWithin_r`: 0 false, 1 true, 2 error), the `dwithin` of shapely and PostGIS.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSDistanceWithin_r(context.handle, handle, other.handle, distance),
            "GEOSDistanceWithin_r")
    }

    /// The DE-9IM intersection matrix, e.g. `"0FFFFF212"` (`GEOSRelate_r`, NULL on
    /// error; freed with `GEOSFree_r`).
    public func relate(_ other: Geometry) throws(GEOSError) -> String {
        try context.takeString(GEOSRelate_r(context.handle, handle, other.handle), "GEOSRelate_r")
    }
}

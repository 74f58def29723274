internal import CGEOS

/// A geometry indexed by GEOS for many repeated predicates against other geometries
/// (point-in-polygon tests against one polygon, distance checks against one route).
///
/// Owns one `GEOSPreparedGeometry*` made by `GEOSPrepare_r` (NULL on error) and
/// freed exactly once in `deinit` with `GEOSPreparedGeom_destroy_r`; it keeps the
/// base ``Geometry`` alive, since GEOS's prepared geometry points into it. GEOS builds
/// its indexes lazily on first use, so a prepared geometry is strictly one-thread:
/// like its context, it is not `Sendable`.
///
/// Each predicate wraps a `GEOSPrepared*_r` function returning 1 (true), 0 (false)
/// or 2 (error, thrown as ``GEOSError``) and gives exactly the answer of the
/// unprepared predicate, only faster.
public final class PreparedGeometry {
    /// The geometry that was prepared.
    public let geometry: Geometry
    let handle: OpaquePointer

    /// Prepares `geometry` (wraps `GEOSPrepare_r`, NULL on error).
    public init(_ geometry: Geometry) throws(GEOSError) {
        let context = geometry.context
        self.handle = try context.check(GEOSPrepare_r(context.handle, geometry.handle), "GEOSPrepare_r")
        self.geometry = geometry
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.context.handle, handle)
    }

    private var context: GEOSContext { geometry.context }

    /// Whether `other` lies in the geometry with interiors meeting; boundary points are
    /// not contained (`GEOSPreparedContains_r`: 0 false, 1 true, 2 error).
    public func contains(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedContains_r(context.handle, handle, other.handle),
            "GEOSPreparedContains_r")
    }

    /// Whether `other` lies in the interior, touching no boundary
    /// (`GEOSPreparedContainsProperly_r`: 0 false, 1 true, 2 error).
    public func containsProperly(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedContainsProperly_r(context.handle, handle, other.handle),
            "GEOSPreparedContainsProperly_r")
    }

    /// Whether no point of `other` lies outside (`GEOSPreparedCovers_r`: 0 false, 1 true, 2 error).
    public func covers(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedCovers_r(context.handle, handle, other.handle),
            "GEOSPreparedCovers_r")
    }

    /// Whether no point of the geometry lies outside `other`
    /// (`GEOSPreparedCoveredBy_r`: 0 false, 1 true, 2 error).
    public func coveredBy(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedCoveredBy_r(context.handle, handle, other.handle),
            "GEOSPreparedCoveredBy_r")
    }

    /// Whether the geometries share a point (`GEOSPreparedIntersects_r`: 0 false, 1 true, 2 error).
    public func intersects(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedIntersects_r(context.handle, handle, other.handle),
            "GEOSPreparedIntersects_r")
    }

    /// Whether the geometry lies in `other` (`GEOSPreparedWithin_r`: 0 false, 1 true, 2 error).
    public func within(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedWithin_r(context.handle, handle, other.handle),
            "GEOSPreparedWithin_r")
    }

    /// Whether the geometries meet only on boundaries (`GEOSPreparedTouches_r`: 0 false, 1 true, 2 error).
    public func touches(_ other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedTouches_r(context.handle, handle, other.handle),
            "GEOSPreparedTouches_r")
    }

    /// Whether `other` is within `distance` (distance ≤ d) of the geometry
    /// (`GEOSPreparedDistanceWithin_r`: 0 false, 1 true, 2 error).
    ///
    /// GEOS measures prepared distances through indexed segments; the result can differ
    /// from ``Geometry/isWithinDistance(_:of:)`` (and shapely's `dwithin`) in the last
    /// bit, so at an exact tie the two may disagree.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws(GEOSError) -> Bool {
        try context.check(
            predicate: GEOSPreparedDistanceWithin_r(context.handle, handle, other.handle, distance),
            "GEOSPreparedDistanceWithin_r")
    }

    /// The smallest distance to `other`, using the prepared index; 0 when they meet.
    ///
    /// Wraps `GEOSPreparedIntersects_r` (2 on error) and, when they do not meet,
    /// `GEOSPreparedDistance_r` (0 on error). The intersection test comes first because
    /// GEOS 3.11's prepared line distance measures only between segments and would
    /// answer more than 0 for a line lying inside a polygon. The value can differ from
    /// ``Geometry/distance(to:)`` in the last bit (another summation route).
    public func distance(to other: Geometry) throws(GEOSError) -> Double {
        if try intersects(other) { return 0 }
        var value = 0.0
        try context.check(
            status: GEOSPreparedDistance_r(context.handle, handle, other.handle, &value),
            "GEOSPreparedDistance_r")
        return value
    }
}

extension Geometry {
    /// This geometry prepared for repeated predicates (wraps `GEOSPrepare_r`).
    public func prepared() throws(GEOSError) -> PreparedGeometry {
        try PreparedGeometry(self)
    }
}

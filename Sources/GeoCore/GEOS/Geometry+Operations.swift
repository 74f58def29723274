internal import CGEOS

/// Constructive operations: each returns a new geometry in the same context, made
/// by a GEOS function that returns NULL on error (reported as ``GEOSError``).
extension Geometry {
    private func derived(_ result: OpaquePointer?, _ function: String) throws(GEOSError) -> Geometry {
        try Geometry(result: result, context: context, function)
    }

    /// The area within `distance` of this geometry (negative shrinks polygons).
    ///
    /// Wraps `GEOSBufferWithStyle_r` (NULL on error).
    public func buffer(_ distance: Double, style: BufferStyle = .default) throws(GEOSError) -> Geometry {
        try derived(
            GEOSBufferWithStyle_r(
                context.handle, handle, distance, Int32(clamping: style.quadrantSegments),
                style.cap.geosValue, style.join.geosValue, style.mitreLimit),
            "GEOSBufferWithStyle_r")
    }

    /// The points in either geometry (`GEOSUnion_r`, NULL on error).
    public func union(_ other: Geometry) throws(GEOSError) -> Geometry {
        try derived(GEOSUnion_r(context.handle, handle, other.handle), "GEOSUnion_r")
    }

    /// This geometry's parts merged into one, overlaps dissolved (`GEOSUnaryUnion_r`, NULL on error).
    public func unaryUnion() throws(GEOSError) -> Geometry {
        try derived(GEOSUnaryUnion_r(context.handle, handle), "GEOSUnaryUnion_r")
    }

    /// The union of many geometries at once: one collection, then `GEOSUnaryUnion_r`
    /// (NULL on error), much faster than a chain of pairwise unions.
    public static func unaryUnion(_ geometries: [Geometry], context: GEOSContext) throws(GEOSError) -> Geometry {
        try collection(geometries, context: context).unaryUnion()
    }

    /// The union of many shapes at once (`GEOSUnaryUnion_r` on a collection, NULL on error).
    public static func unaryUnion(_ shapes: [Shape], context: GEOSContext) throws(GEOSError) -> Geometry {
        try Geometry(.geometryCollection(shapes), context: context).unaryUnion()
    }

    /// The points in both geometries (`GEOSIntersection_r`, NULL on error).
    public func intersection(_ other: Geometry) throws(GEOSError) -> Geometry {
        try derived(GEOSIntersection_r(context.handle, handle, other.handle), "GEOSIntersection_r")
    }

    /// The points of this geometry not in `other` (`GEOSDifference_r`, NULL on error).
    public func difference(_ other: Geometry) throws(GEOSError) -> Geometry {
        try derived(GEOSDifference_r(context.handle, handle, other.handle), "GEOSDifference_r")
    }

    /// The points in exactly one of the geometries (`GEOSSymDifference_r`, NULL on error).
    public func symmetricDifference(_ other: Geometry) throws(GEOSError) -> Geometry {
        try derived(GEOSSymDifference_r(context.handle, handle, other.handle), "GEOSSymDifference_r")
    }

    /// Douglas-Peucker simplification; may make polygons invalid or collapse them
    /// (`GEOSSimplify_r`, NULL on error).
    public func simplified(tolerance: Double) throws(GEOSError) -> Geometry {
        try derived(GEOSSimplify_r(context.handle, handle, tolerance), "GEOSSimplify_r")
    }

    /// Simplification that keeps the topology: no self-intersections, rings stay
    /// rings (`GEOSTopologyPreserveSimplify_r`, NULL on error).
    public func simplifiedPreservingTopology(tolerance: Double) throws(GEOSError) -> Geometry {
        try derived(
            GEOSTopologyPreserveSimplify_r(context.handle, handle, tolerance),
            "GEOSTopologyPreserveSimplify_r")
    }

    /// A valid geometry covering the same points, repairing self-intersections and
    /// bad rings (`GEOSMakeValid_r`, NULL on error).
    public func madeValid() throws(GEOSError) -> Geometry {
        try derived(GEOSMakeValid_r(context.handle, handle), "GEOSMakeValid_r")
    }

    /// The centre of mass; may lie outside the geometry (`GEOSGetCentroid_r`, NULL on error).
    public func centroid() throws(GEOSError) -> Geometry {
        try derived(GEOSGetCentroid_r(context.handle, handle), "GEOSGetCentroid_r")
    }

    /// A point guaranteed to lie on the geometry (`GEOSPointOnSurface_r`, NULL on error).
    public func pointOnSurface() throws(GEOSError) -> Geometry {
        try derived(GEOSPointOnSurface_r(context.handle, handle), "GEOSPointOnSurface_r")
    }

    /// The bounding rectangle as a geometry (`GEOSEnvelope_r`, NULL on error).
    public func envelope() throws(GEOSError) -> Geometry {
        try derived(GEOSEnvelope_r(context.handle, handle), "GEOSEnvelope_r")
    }

    /// The smallest convex polygon holding the geometry (`GEOSConvexHull_r`, NULL on error).
    public func convexHull() throws(GEOSError) -> Geometry {
        try derived(GEOSConvexHull_r(context.handle, handle), "GEOSConvexHull_r")
    }

    /// The boundary: rings of polygons, end points of lines (`GEOSBoundary_r`, NULL on error).
    public func boundary() throws(GEOSError) -> Geometry {
        try derived(GEOSBoundary_r(context.handle, handle), "GEOSBoundary_r")
    }
}

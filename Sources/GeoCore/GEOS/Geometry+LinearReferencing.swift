internal import CGEOS

/// Linear referencing: positions on a line given as distances along it, as GEOS's
/// `LengthIndexedLine` computes them (the same as shapely's `project` and `interpolate`).
///
/// The line is a LineString or a MultiLineString (its parts measured one after the
/// other); distances are planar, in the units of the coordinates, so use a metric CRS
/// for metres.
extension Geometry {
    /// The distance along this line of the line's point nearest to `point`.
    ///
    /// Wraps `GEOSProject_r`, which returns -1 on error (a distance along a line is
    /// never negative otherwise).
    /// - Parameter point: a Point geometry (GEOS refuses any other type).
    /// - Returns: a distance from 0 to the line's length.
    /// - Throws: ``GEOSError`` when this is not a line or `point` is not a point.
    public func project(_ point: Geometry) throws(GEOSError) -> Double {
        let distance = GEOSProject_r(context.handle, handle, point.handle)
        if distance < 0 { throw context.error("GEOSProject_r") }
        return distance
    }

    /// The distance along this line of the line's point nearest to `point` (see
    /// ``project(_:)-(Geometry)``; the point is made with `GEOSGeom_createPointFromXY_r`).
    public func project(_ point: Coordinate) throws(GEOSError) -> Double {
        try project(Geometry(point: point, context: context))
    }

    /// The point at `distance` along this line, as a Point geometry.
    ///
    /// A negative distance counts back from the line's end; distances beyond either
    /// end give that end. Wraps `GEOSInterpolate_r` (NULL on error).
    /// - Throws: ``GEOSError`` when this is not a line (GEOS's message), or when it is empty.
    public func interpolate(_ distance: Double) throws(GEOSError) -> Geometry {
        try Geometry(
            result: GEOSInterpolate_r(context.handle, handle, distance), context: context, "GEOSInterpolate_r")
    }

    /// The coordinate at `distance` along this line (see ``interpolate(_:)``); read
    /// with `GEOSGeomGetX_r` and `GEOSGeomGetY_r` (0 on error).
    /// - Throws: ``GEOSError`` when this is not a line or is empty.
    public func coordinate(atDistance distance: Double) throws(GEOSError) -> Coordinate {
        let point = try interpolate(distance)
        if try point.isEmpty {
            throw GEOSError(function: "GEOSInterpolate_r", message: "an empty line has no point at any distance")
        }
        var x = 0.0
        var y = 0.0
        try context.check(status: GEOSGeomGetX_r(context.handle, point.handle, &x), "GEOSGeomGetX_r")
        try context.check(status: GEOSGeomGetY_r(context.handle, point.handle, &y), "GEOSGeomGetY_r")
        return Coordinate(x: x, y: y)
    }
}

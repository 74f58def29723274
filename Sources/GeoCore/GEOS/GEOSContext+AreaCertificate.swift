internal import CGEOS

extension GEOSContext {
    /// The ``AreaCertificate`` of a polygonal shape, or nil for other shapes.
    ///
    /// `c` is the centroid (`GEOSGetCentroid_r`, NULL on error) when GEOS places it in
    /// the interior (`GEOSPreparedContains_r`: 1 true, 0 false, 2 error), else a point
    /// on the surface (`GEOSPointOnSurface_r`, NULL on error) if that one is interior;
    /// `R` is the distance from `c` to the boundary (`GEOSBoundary_r`, NULL on error;
    /// `GEOSDistance_r`, 0 on error). Without an interior `c` only the outer disk is
    /// given. The outer radius is the distance from `c` to the farthest vertex.
    func areaCertificate(shape: Shape, geometry: OpaquePointer, prepared: OpaquePointer) throws(GEOSError)
        -> AreaCertificate?
    {
        switch shape {
        case .polygon, .multiPolygon: break
        default: return nil
        }
        guard let box = shape.boundingBox else { return nil }
        let centroid = try check(GEOSGetCentroid_r(handle, geometry), "GEOSGetCentroid_r")
        var probe = try interiorProbe(centroid, prepared: prepared, geometry: geometry)
        if probe?.radius == nil {
            let onSurface = try check(GEOSPointOnSurface_r(handle, geometry), "GEOSPointOnSurface_r")
            if let inside = try interiorProbe(onSurface, prepared: prepared, geometry: geometry), inside.radius != nil {
                probe = inside
            }
        }
        guard let c = probe?.center, c.isFinite else { return nil }
        var farthest = 0.0
        shape.forEachCoordinate { v in farthest = Swift.max(farthest, v.distance(to: c)) }
        let magnitude = Swift.max(
            abs(box.minX), abs(box.maxX), abs(box.minY), abs(box.maxY), abs(c.x), abs(c.y), farthest)
        let epsilon = magnitude * 1e-9
        let inner = (probe?.radius).map { $0 - epsilon } ?? -1
        return AreaCertificate(cx: c.x, cy: c.y, inner: inner, outer: farthest + epsilon)
    }

    /// Where the (owned, here freed) point lies, and its distance to the boundary when
    /// GEOS places it in the interior; nil for an empty point. `GEOSGeomGetX_r` and
    /// `GEOSGeomGetY_r` return 0 on error.
    private func interiorProbe(_ point: OpaquePointer, prepared: OpaquePointer, geometry: OpaquePointer)
        throws(GEOSError) -> (center: Coordinate, radius: Double?)?
    {
        defer { GEOSGeom_destroy_r(handle, point) }
        if try check(predicate: GEOSisEmpty_r(handle, point), "GEOSisEmpty_r") { return nil }
        var x = 0.0
        var y = 0.0
        try check(status: GEOSGeomGetX_r(handle, point, &x), "GEOSGeomGetX_r")
        try check(status: GEOSGeomGetY_r(handle, point, &y), "GEOSGeomGetY_r")
        let center = Coordinate(x: x, y: y)
        guard try check(predicate: GEOSPreparedContains_r(handle, prepared, point), "GEOSPreparedContains_r") else {
            return (center, nil)
        }
        let boundary = try check(GEOSBoundary_r(handle, geometry), "GEOSBoundary_r")
        defer { GEOSGeom_destroy_r(handle, boundary) }
        var distance = 0.0
        try check(status: GEOSDistance_r(handle, point, boundary, &distance), "GEOSDistance_r")
        return (center, distance)
    }
}

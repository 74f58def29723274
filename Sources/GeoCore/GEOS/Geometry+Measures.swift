internal import CGEOS

extension Geometry {
    /// The planar area, in squared units of the coordinates (0 for points and lines).
    ///
    /// Wraps `GEOSArea_r` (0 on error). Use a metric CRS for square metres.
    public var area: Double {
        get throws(GEOSError) {
            var value = 0.0
            try context.check(status: GEOSArea_r(context.handle, handle, &value), "GEOSArea_r")
            return value
        }
    }

    /// The planar length of lines, or the perimeter of polygons (wraps `GEOSLength_r`, 0 on error).
    public var length: Double {
        get throws(GEOSError) {
            var value = 0.0
            try context.check(status: GEOSLength_r(context.handle, handle, &value), "GEOSLength_r")
            return value
        }
    }

    /// The smallest planar distance between the two geometries (wraps `GEOSDistance_r`, 0 on error).
    public func distance(to other: Geometry) throws(GEOSError) -> Double {
        var value = 0.0
        try context.check(status: GEOSDistance_r(context.handle, handle, other.handle, &value), "GEOSDistance_r")
        return value
    }

    /// The bounding box, or nil for an empty geometry.
    ///
    /// Wraps `GEOSGeom_getExtent_r` (0 on error, which it also reports for an empty geometry).
    public var bounds: BoundingBox? {
        get throws(GEOSError) {
            if try isEmpty { return nil }
            var minX = 0.0
            var minY = 0.0
            var maxX = 0.0
            var maxY = 0.0
            try context.check(
                status: GEOSGeom_getExtent_r(context.handle, handle, &minX, &minY, &maxX, &maxY),
                "GEOSGeom_getExtent_r")
            return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        }
    }

    /// Whether the geometry is valid in the OGC sense (wraps `GEOSisValid_r`: 1 valid,
    /// 0 invalid, 2 error).
    public var isValid: Bool {
        get throws(GEOSError) { try context.check(predicate: GEOSisValid_r(context.handle, handle), "GEOSisValid_r") }
    }

    /// GEOS's explanation of validity: `"Valid Geometry"`, or the problem and where it
    /// is, e.g. `"Self-intersection[1 1]"`.
    ///
    /// Wraps `GEOSisValidReason_r` (NULL on error; freed with `GEOSFree_r`).
    public var validityReason: String {
        get throws(GEOSError) {
            try context.takeString(GEOSisValidReason_r(context.handle, handle), "GEOSisValidReason_r")
        }
    }
}

internal import CGEOS

/// A geometry owned by GEOS: the object every geometric operation in geohub goes
/// through (measures, predicates, buffers, overlays, validity, I/O).
///
/// A `Geometry` owns one `GEOSGeometry*` and frees it exactly once, in `deinit`,
/// with `GEOSGeom_destroy_r`. It belongs to the ``GEOSContext`` it was made with,
/// keeps that context alive, and is used on that context's thread or task only
/// (it is not `Sendable`; send a ``Shape`` instead). Make one from a `Shape`
/// (``init(_:context:)``), WKT, WKB or GeoJSON, and get back a `Shape` with
/// ``shape()``.
public final class Geometry {
    /// The context whose GEOS state this geometry uses.
    public let context: GEOSContext
    /// The owned GEOS geometry.
    let handle: OpaquePointer

    /// Takes ownership of `handle`, which must have been made with `context`.
    init(owning handle: OpaquePointer, context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    /// Takes ownership of a GEOS result, or throws GEOS's error when it is NULL.
    convenience init(result: OpaquePointer?, context: GEOSContext, _ function: String) throws(GEOSError) {
        self.init(owning: try context.check(result, function), context: context)
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }

    /// A deep copy (wraps `GEOSGeom_clone_r`, NULL on error).
    public func clone() throws(GEOSError) -> Geometry {
        try Geometry(result: GEOSGeom_clone_r(context.handle, handle), context: context, "GEOSGeom_clone_r")
    }

    /// The simple-features type (wraps `GEOSGeomTypeId_r`, -1 on error).
    public var type: GeometryType {
        get throws(GEOSError) {
            let id = GEOSGeomTypeId_r(context.handle, handle)
            guard let type = GeometryType(geosTypeID: id) else { throw context.error("GEOSGeomTypeId_r") }
            return type
        }
    }

    /// Whether the geometry has no points (wraps `GEOSisEmpty_r`: 1 true, 0 false, 2 error).
    public var isEmpty: Bool {
        get throws(GEOSError) { try context.check(predicate: GEOSisEmpty_r(context.handle, handle), "GEOSisEmpty_r") }
    }

    /// The number of parts of a collection, 1 for a single geometry
    /// (wraps `GEOSGetNumGeometries_r`, -1 on error).
    public var partCount: Int {
        get throws(GEOSError) {
            let n = GEOSGetNumGeometries_r(context.handle, handle)
            if n < 0 { throw context.error("GEOSGetNumGeometries_r") }
            return Int(n)
        }
    }

    /// The number of coordinates (wraps `GEOSGetNumCoordinates_r`, -1 on error).
    public var coordinateCount: Int {
        get throws(GEOSError) {
            let n = GEOSGetNumCoordinates_r(context.handle, handle)
            if n < 0 { throw context.error("GEOSGetNumCoordinates_r") }
            return Int(n)
        }
    }

    /// A collection holding copies of `geometries` (wraps `GEOSGeom_createCollection_r`,
    /// which takes ownership of the parts and returns NULL on error).
    ///
    /// The collection type follows the parts: all points make a MultiPoint, all
    /// lines a MultiLineString, all polygons a MultiPolygon, anything else a
    /// GeometryCollection.
    public static func collection(_ geometries: [Geometry], context: GEOSContext) throws(GEOSError) -> Geometry {
        var kind = GEOS_GEOMETRYCOLLECTION
        let types = try geometries.map { g throws(GEOSError) in try g.type }
        if !types.isEmpty {
            if types.allSatisfy({ $0 == .point }) { kind = GEOS_MULTIPOINT }
            if types.allSatisfy({ $0 == .lineString }) { kind = GEOS_MULTILINESTRING }
            if types.allSatisfy({ $0 == .polygon }) { kind = GEOS_MULTIPOLYGON }
        }
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(geometries.count)
        for g in geometries {
            guard g.context === context else {
                for part in parts { GEOSGeom_destroy_r(context.handle, part) }
                throw GEOSError(
                    function: "GEOSGeom_createCollection_r",
                    message: "a geometry from another GEOSContext cannot join this collection")
            }
            guard let copy = GEOSGeom_clone_r(context.handle, g.handle) else {
                for part in parts { GEOSGeom_destroy_r(context.handle, part) }
                throw context.error("GEOSGeom_clone_r")
            }
            parts.append(copy)
        }
        return Geometry(owning: try context.makeCollectionHandle(kind, &parts), context: context)
    }
}

/// The OGC simple-features geometry types GEOS knows.
public enum GeometryType: String, Sendable, Hashable, CaseIterable {
    case point = "Point"
    case lineString = "LineString"
    case linearRing = "LinearRing"
    case polygon = "Polygon"
    case multiPoint = "MultiPoint"
    case multiLineString = "MultiLineString"
    case multiPolygon = "MultiPolygon"
    case geometryCollection = "GeometryCollection"

    /// Maps a `GEOSGeomTypeId_r` result (`GEOSGeomTypes`) to a type; nil for -1 (error).
    init?(geosTypeID id: Int32) {
        switch id {
        case Int32(GEOS_POINT.rawValue): self = .point
        case Int32(GEOS_LINESTRING.rawValue): self = .lineString
        case Int32(GEOS_LINEARRING.rawValue): self = .linearRing
        case Int32(GEOS_POLYGON.rawValue): self = .polygon
        case Int32(GEOS_MULTIPOINT.rawValue): self = .multiPoint
        case Int32(GEOS_MULTILINESTRING.rawValue): self = .multiLineString
        case Int32(GEOS_MULTIPOLYGON.rawValue): self = .multiPolygon
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue): self = .geometryCollection
        default: return nil
        }
    }
}

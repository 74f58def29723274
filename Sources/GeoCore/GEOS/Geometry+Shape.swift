internal import CGEOS

extension Geometry {
    /// Makes a GEOS geometry from a plain ``Shape``.
    ///
    /// Coordinates go to GEOS in one copy per ring or line with
    /// `GEOSCoordSeq_copyFromBuffer_r` (NULL on error); parts are assembled with
    /// `GEOSGeom_createLinearRing_r`, `GEOSGeom_createPolygon_r` and
    /// `GEOSGeom_createCollection_r`, which take ownership of what they are given
    /// (also when they fail) and return NULL on error. An empty line or polygon
    /// (no coordinates) becomes GEOS's empty geometry of that type.
    /// - Parameters:
    ///   - shape: the coordinates; rings must be closed with at least 4 positions.
    ///   - context: the context the geometry will belong to.
    /// - Throws: ``GEOSError`` with GEOS's message, e.g. for an unclosed ring.
    public convenience init(_ shape: Shape, context: GEOSContext) throws(GEOSError) {
        self.init(owning: try context.makeGEOSGeometry(shape), context: context)
    }

    /// Makes a point (wraps `GEOSGeom_createPointFromXY_r`, NULL on error).
    public convenience init(point: Coordinate, context: GEOSContext) throws(GEOSError) {
        try self.init(
            result: GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y), context: context,
            "GEOSGeom_createPointFromXY_r")
    }

    /// Makes an axis-aligned rectangle polygon (wraps `GEOSGeom_createRectangle_r`,
    /// NULL on error; a degenerate box gives a point or a line).
    public convenience init(box: BoundingBox, context: GEOSContext) throws(GEOSError) {
        try self.init(
            result: GEOSGeom_createRectangle_r(context.handle, box.minX, box.minY, box.maxX, box.maxY),
            context: context, "GEOSGeom_createRectangle_r")
    }

    /// The geometry as a plain, `Sendable` ``Shape`` (x and y only; z is dropped).
    ///
    /// Reads coordinates with `GEOSCoordSeq_copyToBuffer_r` (0 on error). An empty
    /// point, which `Shape` cannot hold, becomes an empty `.multiPoint([])`.
    public func shape() throws(GEOSError) -> Shape {
        try context.shape(of: handle)
    }
}

extension GEOSContext {
    /// A new owned GEOS geometry for `shape` (the caller frees it).
    func makeGEOSGeometry(_ shape: Shape) throws(GEOSError) -> OpaquePointer {
        switch shape {
        case .point(let c):
            return try check(GEOSGeom_createPointFromXY_r(handle, c.x, c.y), "GEOSGeom_createPointFromXY_r")
        case .lineString(let coordinates):
            return try makeLineString(coordinates)
        case .polygon(let rings):
            return try makePolygon(rings)
        case .multiPoint(let points):
            var parts: [OpaquePointer?] = []
            for c in points {
                guard let p = GEOSGeom_createPointFromXY_r(handle, c.x, c.y) else {
                    destroy(parts)
                    throw error("GEOSGeom_createPointFromXY_r")
                }
                parts.append(p)
            }
            return try makeCollectionHandle(GEOS_MULTIPOINT, &parts)
        case .multiLineString(let lines):
            var parts = try makeParts(lines) { line throws(GEOSError) in try makeLineString(line) }
            return try makeCollectionHandle(GEOS_MULTILINESTRING, &parts)
        case .multiPolygon(let polygons):
            var parts = try makeParts(polygons) { rings throws(GEOSError) in try makePolygon(rings) }
            return try makeCollectionHandle(GEOS_MULTIPOLYGON, &parts)
        case .geometryCollection(let shapes):
            var parts = try makeParts(shapes) { part throws(GEOSError) in try makeGEOSGeometry(part) }
            return try makeCollectionHandle(GEOS_GEOMETRYCOLLECTION, &parts)
        }
    }

    private func destroy(_ parts: [OpaquePointer?]) {
        for part in parts { GEOSGeom_destroy_r(handle, part) }
    }

    private func makeParts<T>(_ items: [T], _ make: (T) throws(GEOSError) -> OpaquePointer) throws(GEOSError)
        -> [OpaquePointer?]
    {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(items.count)
        for item in items {
            do {
                parts.append(try make(item))
            } catch {
                destroy(parts)
                throw error
            }
        }
        return parts
    }

    /// `GEOSGeom_createCollection_r`: takes ownership of the parts; NULL on error.
    func makeCollectionHandle(_ kind: GEOSGeomTypes, _ parts: inout [OpaquePointer?]) throws(GEOSError)
        -> OpaquePointer
    {
        let count = UInt32(parts.count)
        let result = parts.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(handle, Int32(kind.rawValue), buffer.baseAddress, count)
        }
        return try check(result, "GEOSGeom_createCollection_r")
    }

    /// A coordinate sequence copied from `coordinates` (`GEOSCoordSeq_copyFromBuffer_r`, NULL on error).
    func makeCoordinateSequence(_ coordinates: [Coordinate]) throws(GEOSError) -> OpaquePointer {
        var buffer = [Double](repeating: 0, count: coordinates.count * 2)
        for (i, c) in coordinates.enumerated() {
            buffer[2 * i] = c.x
            buffer[2 * i + 1] = c.y
        }
        let sequence = buffer.withUnsafeBufferPointer { xy in
            GEOSCoordSeq_copyFromBuffer_r(handle, xy.baseAddress, UInt32(coordinates.count), 0, 0)
        }
        return try check(sequence, "GEOSCoordSeq_copyFromBuffer_r")
    }

    private func makeLineString(_ coordinates: [Coordinate]) throws(GEOSError) -> OpaquePointer {
        if coordinates.isEmpty {
            return try check(GEOSGeom_createEmptyLineString_r(handle), "GEOSGeom_createEmptyLineString_r")
        }
        let sequence = try makeCoordinateSequence(coordinates)
        return try check(GEOSGeom_createLineString_r(handle, sequence), "GEOSGeom_createLineString_r")
    }

    private func makeRing(_ coordinates: [Coordinate]) throws(GEOSError) -> OpaquePointer {
        let sequence = try makeCoordinateSequence(coordinates)
        return try check(GEOSGeom_createLinearRing_r(handle, sequence), "GEOSGeom_createLinearRing_r")
    }

    private func makePolygon(_ rings: PolygonRings) throws(GEOSError) -> OpaquePointer {
        if rings.exterior.isEmpty && rings.holes.isEmpty {
            return try check(GEOSGeom_createEmptyPolygon_r(handle), "GEOSGeom_createEmptyPolygon_r")
        }
        let shell = try makeRing(rings.exterior)
        var holes: [OpaquePointer?] = []
        for hole in rings.holes {
            do {
                holes.append(try makeRing(hole))
            } catch {
                GEOSGeom_destroy_r(handle, shell)
                destroy(holes)
                throw error
            }
        }
        let count = UInt32(holes.count)
        let polygon = holes.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, count)
        }
        return try check(polygon, "GEOSGeom_createPolygon_r")
    }

    // MARK: GEOS → Shape

    /// The coordinates of a borrowed point, line or ring (`GEOSGeom_getCoordSeq_r`,
    /// NULL on error; `GEOSCoordSeq_getSize_r` and `GEOSCoordSeq_copyToBuffer_r`, 0 on error).
    func coordinates(of geometry: OpaquePointer) throws(GEOSError) -> [Coordinate] {
        let sequence = try check(GEOSGeom_getCoordSeq_r(handle, geometry), "GEOSGeom_getCoordSeq_r")
        var size: UInt32 = 0
        try check(status: GEOSCoordSeq_getSize_r(handle, sequence, &size), "GEOSCoordSeq_getSize_r")
        if size == 0 { return [] }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        let status = buffer.withUnsafeMutableBufferPointer { xy in
            GEOSCoordSeq_copyToBuffer_r(handle, sequence, xy.baseAddress, 0, 0)
        }
        try check(status: status, "GEOSCoordSeq_copyToBuffer_r")
        return (0..<Int(size)).map { Coordinate(x: buffer[2 * $0], y: buffer[2 * $0 + 1]) }
    }

    private func rings(of polygon: OpaquePointer) throws(GEOSError) -> PolygonRings {
        if try check(predicate: GEOSisEmpty_r(handle, polygon), "GEOSisEmpty_r") {
            return PolygonRings(exterior: [])
        }
        let shell = try check(GEOSGetExteriorRing_r(handle, polygon), "GEOSGetExteriorRing_r")
        let holeCount = GEOSGetNumInteriorRings_r(handle, polygon)
        if holeCount < 0 { throw error("GEOSGetNumInteriorRings_r") }
        var holes: [[Coordinate]] = []
        for i in 0..<holeCount {
            let ring = try check(GEOSGetInteriorRingN_r(handle, polygon, i), "GEOSGetInteriorRingN_r")
            holes.append(try coordinates(of: ring))
        }
        return PolygonRings(exterior: try coordinates(of: shell), holes: holes)
    }

    /// The parts of a borrowed collection (`GEOSGetNumGeometries_r`, -1 on error;
    /// `GEOSGetGeometryN_r`, NULL on error; both borrowed).
    private func parts(of collection: OpaquePointer) throws(GEOSError) -> [OpaquePointer] {
        let count = GEOSGetNumGeometries_r(handle, collection)
        if count < 0 { throw error("GEOSGetNumGeometries_r") }
        var parts: [OpaquePointer] = []
        for i in 0..<count {
            parts.append(try check(GEOSGetGeometryN_r(handle, collection, i), "GEOSGetGeometryN_r"))
        }
        return parts
    }

    /// The ``Shape`` of a borrowed geometry.
    func shape(of geometry: OpaquePointer) throws(GEOSError) -> Shape {
        let id = GEOSGeomTypeId_r(handle, geometry)
        guard let type = GeometryType(geosTypeID: id) else { throw error("GEOSGeomTypeId_r") }
        switch type {
        case .point:
            let coordinates = try coordinates(of: geometry)
            guard let point = coordinates.first else { return .multiPoint([]) }
            return .point(point)
        case .lineString, .linearRing:
            return .lineString(try coordinates(of: geometry))
        case .polygon:
            return .polygon(try rings(of: geometry))
        case .multiPoint:
            var points: [Coordinate] = []
            for part in try parts(of: geometry) { points += try coordinates(of: part) }
            return .multiPoint(points)
        case .multiLineString:
            var lines: [[Coordinate]] = []
            for part in try parts(of: geometry) { lines.append(try coordinates(of: part)) }
            return .multiLineString(lines)
        case .multiPolygon:
            var polygons: [PolygonRings] = []
            for part in try parts(of: geometry) { polygons.append(try rings(of: part)) }
            return .multiPolygon(polygons)
        case .geometryCollection:
            var shapes: [Shape] = []
            for part in try parts(of: geometry) { shapes.append(try shape(of: part)) }
            return .geometryCollection(shapes)
        }
    }
}

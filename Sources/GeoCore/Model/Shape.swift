/// The rings of one polygon: a closed exterior ring and any number of closed holes.
///
/// Rings are stored closed (first coordinate repeated at the end), as GEOS and
/// GeoJSON expect. Orientation is whatever the source gave; writers that care
/// (GeoJSON's right-hand rule) orient on output.
public struct PolygonRings: Sendable, Hashable {
    public var exterior: [Coordinate]
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// All rings, exterior first.
    public var rings: [[Coordinate]] { [exterior] + holes }
}

/// A plain, `Sendable` coordinate representation of a geometry (the OGC simple
/// features types), used to carry features between modules and threads.
///
/// `Shape` does no geometry itself: operations (area, buffer, union, predicates)
/// go through the GEOS-backed ``Geometry``, made from a shape with
/// `Geometry(shape, context)` and turned back with `Geometry.shape`.
public indirect enum Shape: Sendable, Hashable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon(PolygonRings)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([PolygonRings])
    case geometryCollection([Shape])

    /// The GeoJSON / OGC type name (`"Point"`, `"MultiPolygon"`, …).
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Calls `body` for every coordinate, in order.
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case .point(let c): try body(c)
        case .lineString(let cs), .multiPoint(let cs): for c in cs { try body(c) }
        case .polygon(let p): for ring in p.rings { for c in ring { try body(c) } }
        case .multiLineString(let lines): for line in lines { for c in line { try body(c) } }
        case .multiPolygon(let polys): for p in polys { for ring in p.rings { for c in ring { try body(c) } } }
        case .geometryCollection(let parts): for part in parts { try part.forEachCoordinate(body) }
        }
    }

    /// The same shape with every coordinate replaced by `transform(coordinate)`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Shape {
        switch self {
        case .point(let c): return .point(try transform(c))
        case .lineString(let cs): return .lineString(try cs.map(transform))
        case .multiPoint(let cs): return .multiPoint(try cs.map(transform))
        case .polygon(let p): return .polygon(try p.mapCoordinates(transform))
        case .multiLineString(let lines): return .multiLineString(try lines.map { try $0.map(transform) })
        case .multiPolygon(let polys): return .multiPolygon(try polys.map { try $0.mapCoordinates(transform) })
        case .geometryCollection(let parts):
            return .geometryCollection(try parts.map { try $0.mapCoordinates(transform) })
        }
    }

    /// The bounding box of all coordinates, or nil for an empty shape.
    public var boundingBox: BoundingBox? {
        var box: BoundingBox?
        forEachCoordinate { c in
            box = box?.extended(by: c) ?? BoundingBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
        }
        return box
    }

    /// Whether the shape has no coordinates at all.
    public var isEmpty: Bool { boundingBox == nil }
}

extension PolygonRings {
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> PolygonRings {
        PolygonRings(exterior: try exterior.map(transform), holes: try holes.map { try $0.map(transform) })
    }
}

import Foundation
import GeoCore
import TestSupport

/// Generated shapes for the GEOS tests, and their GeoJSON-style text for shapely.
///
/// Every generator is seeded, so a failing case can be replayed.
enum ShapeFixtures {
    /// A star-shaped (hence simple and valid) polygon around `center`: vertex `k` of
    /// `n` at an angle jittered within its own sector, so no gap between vertices
    /// exceeds 1.8 sectors and the ring keeps clear of a disk of radius
    /// `radius.lowerBound × cos(0.9 × 2π / n)` around the centre.
    static func star(
        _ random: inout SeededRandom, center: Coordinate, radius: ClosedRange<Double>,
        vertices: Int
    ) -> [Coordinate] {
        let n = max(3, vertices)
        let sector = 2 * Double.pi / Double(n)
        var ring: [Coordinate] = (0..<n).map { k in
            let a = (Double(k) + random.double(in: 0...0.8)) * sector
            let r = random.double(in: radius)
            return Coordinate(x: center.x + r * cos(a), y: center.y + r * sin(a))
        }
        ring.append(ring[0])
        return ring
    }

    /// A random valid polygon, with a hole one time in three.
    static func polygon(_ random: inout SeededRandom, in area: BoundingBox, size: ClosedRange<Double>) -> Shape {
        let center = Coordinate(
            x: random.double(in: area.minX...area.maxX), y: random.double(in: area.minY...area.maxY))
        let r = random.double(in: size)
        if random.int(in: 0...2) == 0 {
            // Six or more outer vertices keep the ring outside 0.6 r × cos(0.94) ≈ 0.35 r.
            let outer = star(&random, center: center, radius: (r * 0.6)...r, vertices: random.int(in: 6...24))
            let hole = star(&random, center: center, radius: (r * 0.1)...(r * 0.3), vertices: random.int(in: 3...10))
            return .polygon(PolygonRings(exterior: outer, holes: [hole]))
        }
        return .polygon(
            PolygonRings(
                exterior: star(
                    &random, center: center, radius: (r * 0.6)...r,
                    vertices: random.int(in: 3...24))))
    }

    /// A random line (a random walk).
    static func line(_ random: inout SeededRandom, in area: BoundingBox, step: Double) -> Shape {
        var p = Coordinate(x: random.double(in: area.minX...area.maxX), y: random.double(in: area.minY...area.maxY))
        var coordinates = [p]
        for _ in 0..<random.int(in: 1...12) {
            p = Coordinate(x: p.x + random.double(in: -step...step), y: p.y + random.double(in: -step...step))
            coordinates.append(p)
        }
        return .lineString(coordinates)
    }

    /// Any of the simple-features kinds, for round trips and predicates.
    /// GEOS 3.11's predicates reject GeometryCollection arguments, so tests of
    /// predicates pass `collections: false`.
    static func anyShape(
        _ random: inout SeededRandom, in area: BoundingBox, size: Double,
        collections: Bool = true
    ) -> Shape {
        let kind = random.int(in: 0...7)
        switch kind == 5 && !collections ? 6 : kind {
        case 0:
            return .point(
                Coordinate(
                    x: random.double(in: area.minX...area.maxX),
                    y: random.double(in: area.minY...area.maxY)))
        case 1: return line(&random, in: area, step: size)
        case 2:
            return .multiPoint(
                (0..<random.int(in: 1...6)).map { _ in
                    Coordinate(x: random.double(in: area.minX...area.maxX), y: random.double(in: area.minY...area.maxY))
                })
        case 3:
            let lines = (0..<random.int(in: 1...3)).compactMap { _ -> [Coordinate]? in
                if case .lineString(let c) = line(&random, in: area, step: size) { return c }
                return nil
            }
            return .multiLineString(lines)
        case 4:
            // Two polygons far apart enough not to overlap: a valid MultiPolygon.
            let left = BoundingBox(minX: area.minX, minY: area.minY, maxX: area.center.x - size, maxY: area.maxY)
            let right = BoundingBox(minX: area.center.x + size, minY: area.minY, maxX: area.maxX, maxY: area.maxY)
            var parts: [PolygonRings] = []
            for box in [left, right] {
                if case .polygon(let rings) = polygon(&random, in: box, size: (size * 0.3)...(size * 0.9)) {
                    parts.append(rings)
                }
            }
            return .multiPolygon(parts)
        case 5:
            return .geometryCollection([
                .point(
                    Coordinate(x: random.double(in: area.minX...area.maxX), y: random.double(in: area.minY...area.maxY))
                ),
                line(&random, in: area, step: size),
                polygon(&random, in: area, size: (size * 0.3)...size),
            ])
        default:
            return polygon(&random, in: area, size: (size * 0.3)...size)
        }
    }

    /// A polygon with corners on the integer lattice, so points and distances can sit
    /// exactly on its boundary.
    static func latticePolygon(_ random: inout SeededRandom, span: Int) -> Shape {
        let x0 = Double(random.int(in: 0...span))
        let y0 = Double(random.int(in: 0...span))
        let w = Double(random.int(in: 1...6))
        let h = Double(random.int(in: 1...6))
        if random.int(in: 0...1) == 0 {
            return .polygon(
                PolygonRings(exterior: [
                    Coordinate(x: x0, y: y0), Coordinate(x: x0 + w, y: y0), Coordinate(x: x0 + w, y: y0 + h),
                    Coordinate(x: x0, y: y0 + h), Coordinate(x: x0, y: y0),
                ]))
        }
        // An L shape.
        let cut = Double(random.int(in: 1...3))
        return .polygon(
            PolygonRings(exterior: [
                Coordinate(x: x0, y: y0), Coordinate(x: x0 + w + cut, y: y0), Coordinate(x: x0 + w + cut, y: y0 + cut),
                Coordinate(x: x0 + cut, y: y0 + cut), Coordinate(x: x0 + cut, y: y0 + h + cut),
                Coordinate(x: x0, y: y0 + h + cut), Coordinate(x: x0, y: y0),
            ]))
    }

    // MARK: GeoJSON-style text for shapely.geometry.shape

    /// The shape as a GeoJSON geometry object; doubles printed in Swift's shortest
    /// round-trip form, which Python's `json` reads back exactly.
    static func json(_ shape: Shape) -> String {
        func position(_ c: Coordinate) -> String { "[\(c.x),\(c.y)]" }
        func positions(_ cs: [Coordinate]) -> String { "[" + cs.map(position).joined(separator: ",") + "]" }
        func rings(_ p: PolygonRings) -> String {
            p.exterior.isEmpty ? "[]" : "[" + p.rings.map(positions).joined(separator: ",") + "]"
        }
        switch shape {
        case .point(let c): return #"{"type":"Point","coordinates":\#(position(c))}"#
        case .lineString(let cs): return #"{"type":"LineString","coordinates":\#(positions(cs))}"#
        case .polygon(let p): return #"{"type":"Polygon","coordinates":\#(rings(p))}"#
        case .multiPoint(let cs): return #"{"type":"MultiPoint","coordinates":\#(positions(cs))}"#
        case .multiLineString(let ls):
            return #"{"type":"MultiLineString","coordinates":[\#(ls.map(positions).joined(separator: ","))]}"#
        case .multiPolygon(let ps):
            return #"{"type":"MultiPolygon","coordinates":[\#(ps.map(rings).joined(separator: ","))]}"#
        case .geometryCollection(let parts):
            return #"{"type":"GeometryCollection","geometries":[\#(parts.map(json).joined(separator: ","))]}"#
        }
    }

    /// A JSON array of shapes.
    static func jsonArray(_ shapes: [Shape]) -> String {
        "[" + shapes.map(json).joined(separator: ",") + "]"
    }
}

import GeoCore

/// One drawable part of a feature: its geometry in Web Mercator metres and the
/// premultiplied colours its style gave it, resolved once per layer.
///
/// A feature with mixed geometry (a collection) becomes one styled feature per kind.
struct StyledFeature: Sendable {
    enum Kind: Int, Sendable, Comparable {
        case polygons = 0
        case lines = 1
        case points = 2
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    let kind: Kind
    /// All vertices, part after part, in Web Mercator metres.
    let coordinates: [Coordinate]
    /// One past the last vertex of each ring (polygons) or line (lines); unused for points.
    let partEnds: [Int]
    /// The extent of `coordinates`, metres.
    let bounds: BoundingBox
    /// Premultiplied colours, 0 when not drawn.
    let fill: UInt32
    let outline: UInt32
    let stroke: UInt32
    let markerFill: UInt32
    let markerStroke: UInt32
    /// Position of the source feature in the layer (draw order within a kind).
    let order: Int

    /// The vertices of part `index`.
    func part(_ index: Int) -> ArraySlice<Coordinate> {
        coordinates[(index == 0 ? 0 : partEnds[index - 1])..<partEnds[index]]
    }
}

extension StyledFeature {
    /// The styled parts of `feature` (none when its style draws nothing for it).
    static func make(_ feature: Feature, order: Int, style: Style, domains: [String: ClosedRange<Double>])
        -> [StyledFeature]
    {
        let properties = feature.properties
        func pixel(_ paint: Paint?, _ opacity: Double) -> UInt32 {
            guard let paint, let color = paint.color(for: properties, domain: paint.property.flatMap { domains[$0] })
            else { return 0 }
            return color.multiplyingOpacity(by: opacity).premultipliedPixel
        }
        let fill = pixel(style.fill, style.fillOpacity)
        let outline = pixel(style.outline, style.outlineOpacity)
        let stroke = pixel(style.stroke, style.strokeOpacity)
        var markerFill: UInt32 = 0
        var markerStroke: UInt32 = 0
        if let marker = style.marker {
            markerFill = pixel(marker.fill, marker.opacity)
            markerStroke = marker.stroke.map { $0.multiplyingOpacity(by: marker.opacity).premultipliedPixel } ?? 0
        }

        var polygons: [[Coordinate]] = []
        var lines: [[Coordinate]] = []
        var points: [Coordinate] = []
        collect(feature.shape, &polygons, &lines, &points)
        var exteriorRings: [[Coordinate]] = []
        if style.markerPlacement == .allGeometries { collectExteriors(feature.shape, &exteriorRings) }
        var result: [StyledFeature] = []
        func add(_ kind: Kind, _ parts: [[Coordinate]]) {
            let projected = parts.map { $0.map(StyledFeature.project) }.filter { !$0.isEmpty }
            let flat = projected.flatMap { $0 }
            guard let bounds = BoundingBox(covering: flat) else { return }
            var ends: [Int] = []
            var total = 0
            for part in projected {
                total += part.count
                ends.append(total)
            }
            result.append(
                StyledFeature(
                    kind: kind, coordinates: flat, partEnds: ends, bounds: bounds, fill: fill,
                    outline: outline, stroke: stroke, markerFill: markerFill,
                    markerStroke: markerStroke, order: order))
        }
        if !polygons.isEmpty && (fill != 0 || outline != 0) { add(.polygons, polygons) }
        if !lines.isEmpty && stroke != 0 { add(.lines, lines) }
        if style.markerPlacement == .allGeometries {
            // One marker per exterior ring (the first ring of each polygon) and per line.
            for exterior in exteriorRings { points.append(WebMercator.unproject(centroid(of: exterior.map(project)))) }
            for line in lines { points.append(WebMercator.unproject(middle(of: line.map(project)))) }
        }
        if !points.isEmpty && (markerFill != 0 || markerStroke != 0) { add(.points, points.map { [$0] }) }
        return result
    }

    private static func collect(
        _ shape: Shape, _ polygons: inout [[Coordinate]], _ lines: inout [[Coordinate]],
        _ points: inout [Coordinate]
    ) {
        switch shape {
        case .point(let c): points.append(c)
        case .multiPoint(let cs): points += cs
        case .lineString(let cs): lines.append(cs)
        case .multiLineString(let ls): lines += ls
        case .polygon(let p): polygons += p.rings
        case .multiPolygon(let ps): for p in ps { polygons += p.rings }
        case .geometryCollection(let parts): for part in parts { collect(part, &polygons, &lines, &points) }
        }
    }

    private static func collectExteriors(_ shape: Shape, _ rings: inout [[Coordinate]]) {
        switch shape {
        case .polygon(let p): rings.append(p.exterior)
        case .multiPolygon(let ps): rings += ps.map(\.exterior)
        case .geometryCollection(let parts): for part in parts { collectExteriors(part, &rings) }
        default: break
        }
    }

    /// The area centroid of a ring (its vertex mean when the area is zero), in the
    /// ring's own (projected) coordinates.
    static func centroid(of ring: [Coordinate]) -> Coordinate {
        guard let first = ring.first else { return Coordinate(x: 0, y: 0) }
        var area = 0.0
        var cx = 0.0
        var cy = 0.0
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[(i + 1) % ring.count]
            let ax = a.x - first.x
            let ay = a.y - first.y
            let bx = b.x - first.x
            let by = b.y - first.y
            let cross = ax * by - bx * ay
            area += cross
            cx += (ax + bx) * cross
            cy += (ay + by) * cross
        }
        if abs(area) < 1e-12 {
            let n = Double(ring.count)
            return Coordinate(x: ring.reduce(0) { $0 + $1.x } / n, y: ring.reduce(0) { $0 + $1.y } / n)
        }
        return Coordinate(x: first.x + cx / (3 * area), y: first.y + cy / (3 * area))
    }

    /// The point halfway along a line, in the line's own (projected) coordinates.
    static func middle(of line: [Coordinate]) -> Coordinate {
        guard var previous = line.first else { return Coordinate(x: 0, y: 0) }
        let total = zip(line, line.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
        var remaining = total / 2
        for p in line.dropFirst() {
            let d = previous.distance(to: p)
            if d >= remaining && d > 0 {
                let t = remaining / d
                return Coordinate(x: previous.x + (p.x - previous.x) * t, y: previous.y + (p.y - previous.y) * t)
            }
            remaining -= d
            previous = p
        }
        return previous
    }

    /// Lon/lat → Web Mercator metres, latitudes clamped to the square map.
    static func project(_ c: Coordinate) -> Coordinate {
        WebMercator.project(Coordinate(x: c.x, y: min(max(c.y, -WebMercator.maxLatitude), WebMercator.maxLatitude)))
    }
}

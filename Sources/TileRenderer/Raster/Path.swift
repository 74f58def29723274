import Foundation

/// A set of closed contours in pixel space, the rasterizer's input.
///
/// Each contour is implicitly closed (its last point joins its first) when filled.
/// Polygons with holes are one path with one contour per ring; multipolygons simply
/// add more contours. Which areas are inside is decided by the ``FillRule``.
public struct Path: Sendable {
    public private(set) var points: [PixelPoint] = []
    /// The index one past the last point of each contour.
    public private(set) var contourEnds: [Int] = []

    public init() {}

    /// A path made of the given rings, one contour each.
    public init(rings: [[PixelPoint]]) {
        for ring in rings { addContour(ring) }
    }

    public var isEmpty: Bool { points.isEmpty }
    public var contourCount: Int { contourEnds.count }

    /// The points of contour `index`.
    public func contour(_ index: Int) -> ArraySlice<PixelPoint> {
        points[(index == 0 ? 0 : contourEnds[index - 1])..<contourEnds[index]]
    }

    /// Starts a new contour at `p` (closing the current one).
    public mutating func move(to p: PixelPoint) {
        closeContour()
        points.append(p)
    }

    /// Continues the current contour to `p` (starting one when there is none).
    public mutating func line(to p: PixelPoint) {
        points.append(p)
    }

    /// Ends the current contour; the next point starts a new one.
    public mutating func closeContour() {
        let start = contourEnds.last ?? 0
        if points.count > start { contourEnds.append(points.count) }
    }

    /// Adds a whole ring as one contour. A repeated closing point is harmless.
    public mutating func addContour<C: Collection>(_ ring: C) where C.Element == PixelPoint {
        closeContour()
        points.append(contentsOf: ring)
        closeContour()
    }

    /// Adds an axis-aligned rectangle (clockwise on screen).
    public mutating func addRectangle(x: Double, y: Double, width: Double, height: Double) {
        addContour([
            PixelPoint(x, y), PixelPoint(x + width, y), PixelPoint(x + width, y + height),
            PixelPoint(x, y + height),
        ])
    }

    /// Adds a circle as a polygon whose chords stray at most `tolerance` pixels from the
    /// true circle (0.02 px by default, far below what 8-bit coverage can show).
    public mutating func addCircle(center: PixelPoint, radius: Double, tolerance: Double = 0.02) {
        guard radius > 0, radius.isFinite else { return }
        let n = Path.segmentCount(radius: radius, tolerance: tolerance, angle: 2 * Double.pi)
        // Scale the polygon so its area equals the circle's: chords cut a little area,
        // and coverage tests measure area.
        let k = Double(n)
        let area = 0.5 * k * sin(2 * Double.pi / k)
        let r = radius * (Double.pi / area).squareRoot()
        closeContour()
        for i in 0..<n {
            let t = 2 * Double.pi * Double(i) / k
            points.append(PixelPoint(center.x + r * cos(t), center.y + r * sin(t)))
        }
        closeContour()
    }

    /// Removes every point, keeping the storage for reuse.
    public mutating func removeAll() {
        points.removeAll(keepingCapacity: true)
        contourEnds.removeAll(keepingCapacity: true)
    }

    /// Appends all contours of `other`.
    public mutating func append(_ other: Path) {
        closeContour()
        let base = points.count
        points.append(contentsOf: other.points)
        contourEnds.append(contentsOf: other.contourEnds.map { $0 + base })
    }

    /// Appends all contours of `other` moved by `offset`.
    public mutating func append(_ other: Path, offset: PixelPoint) {
        closeContour()
        let base = points.count
        points.reserveCapacity(base + other.points.count)
        for p in other.points { points.append(PixelPoint(p.x + offset.x, p.y + offset.y)) }
        for end in other.contourEnds { contourEnds.append(end + base) }
    }

    /// The path with every point mapped by `transform`.
    public func applying(_ transform: AffineTransform) -> Path {
        var copy = self
        copy.points = points.map { transform.apply($0) }
        return copy
    }

    /// The smallest rectangle holding every point, or nil for an empty path.
    public var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        guard let first = points.first else { return nil }
        var b = (minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for p in points {
            b.minX = min(b.minX, p.x)
            b.maxX = max(b.maxX, p.x)
            b.minY = min(b.minY, p.y)
            b.maxY = max(b.maxY, p.y)
        }
        return b
    }

    /// How many chords approximate an arc of `angle` radians of radius `radius` within `tolerance`.
    static func segmentCount(radius: Double, tolerance: Double, angle: Double) -> Int {
        let ratio = min(max(1 - tolerance / radius, -1), 1)
        let step = max(2 * acos(ratio), 0.01)
        return max(Int((abs(angle) / step).rounded(.up)), angle >= 2 * Double.pi ? 8 : 1)
    }
}

/// How the corners of a stroked polyline are drawn.
public enum LineJoin: String, Sendable, Hashable, Codable, CaseIterable {
    case miter, round, bevel
}

/// How the open ends of a stroked polyline are drawn.
public enum LineCap: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ends exactly at the end point.
    case butt
    /// A half disc around the end point.
    case round
    /// Extends half the width past the end point.
    case square
}

/// The geometry of a stroke, in pixels.
public struct StrokeStyle: Sendable, Hashable {
    public var width: Double
    public var join: LineJoin
    public var cap: LineCap
    /// Miters longer than `miterLimit × width / 2` from the vertex become bevels (SVG's rule).
    public var miterLimit: Double
    /// Alternating dash and gap lengths in pixels; empty for a solid line.
    public var dashes: [Double]
    /// How far into the dash pattern the line starts.
    public var dashOffset: Double

    public init(
        width: Double, join: LineJoin = .round, cap: LineCap = .round, miterLimit: Double = 4,
        dashes: [Double] = [], dashOffset: Double = 0
    ) {
        self.width = width
        self.join = join
        self.cap = cap
        self.miterLimit = miterLimit
        self.dashes = dashes
        self.dashOffset = dashOffset
    }

    /// How far from the centre line the stroke can reach: what a tile's buffer must hold.
    public var reach: Double {
        let half = width / 2
        switch (join, cap) {
        case (.miter, _): return half * max(miterLimit, 1.5)
        case (_, .square): return half * 1.5
        default: return half
        }
    }
}

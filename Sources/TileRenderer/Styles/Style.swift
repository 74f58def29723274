/// How one layer looks: fills for polygons, strokes for lines and outlines, markers for
/// points and a colour ramp for metric grids. Widths and sizes are CSS pixels (doubled
/// on `@2x` tiles).
///
/// Styles come from ``Style/default(for:)`` per layer, optionally overridden by the
/// project file (``Style/init(settings:base:)``), and describe themselves to the map
/// page as a ``Legend``.
public struct Style: Sendable, Hashable {
    /// The legend title.
    public var title: String
    /// Opacity of the whole layer, applied once after drawing it (overlaps do not darken).
    public var opacity: Double

    /// Polygon interiors; nil draws none.
    public var fill: Paint?
    public var fillOpacity: Double
    /// Polygon edges; nil draws none.
    public var outline: Paint?
    public var outlineWidth: Double
    public var outlineOpacity: Double

    /// Lines; nil draws none.
    public var stroke: Paint?
    public var strokeWidth: Double
    public var strokeOpacity: Double
    public var lineJoin: LineJoin
    public var lineCap: LineCap
    public var miterLimit: Double
    /// Dash and gap lengths in pixels; empty for solid lines.
    public var dashes: [Double]

    /// Points; nil draws none.
    public var marker: MarkerStyle?
    /// The layer's metric grid; nil draws none.
    public var grid: GridStyle?
    /// Which geometries get a marker.
    public var markerPlacement: MarkerPlacement
    /// The order features are drawn in.
    public var drawOrder: DrawOrder

    public init(
        title: String = "", opacity: Double = 1, fill: Paint? = nil, fillOpacity: Double = 1,
        outline: Paint? = nil, outlineWidth: Double = 1, outlineOpacity: Double = 1, stroke: Paint? = nil,
        strokeWidth: Double = 1, strokeOpacity: Double = 1, lineJoin: LineJoin = .round,
        lineCap: LineCap = .round, miterLimit: Double = 4, dashes: [Double] = [],
        marker: MarkerStyle? = nil, grid: GridStyle? = nil, markerPlacement: MarkerPlacement = .points,
        drawOrder: DrawOrder = .geometryType
    ) {
        self.title = title
        self.opacity = opacity
        self.fill = fill
        self.fillOpacity = fillOpacity
        self.outline = outline
        self.outlineWidth = outlineWidth
        self.outlineOpacity = outlineOpacity
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.strokeOpacity = strokeOpacity
        self.lineJoin = lineJoin
        self.lineCap = lineCap
        self.miterLimit = miterLimit
        self.dashes = dashes
        self.marker = marker
        self.grid = grid
        self.markerPlacement = markerPlacement
        self.drawOrder = drawOrder
    }

    /// The stroke geometry of lines at pixel ratio `scale`.
    func lineStroke(scale: Double) -> StrokeStyle {
        StrokeStyle(
            width: strokeWidth * scale, join: lineJoin, cap: lineCap, miterLimit: miterLimit,
            dashes: dashes.map { $0 * scale })
    }

    /// The stroke geometry of polygon outlines at pixel ratio `scale`.
    func outlineStroke(scale: Double) -> StrokeStyle {
        StrokeStyle(width: outlineWidth * scale, join: lineJoin, cap: .butt, miterLimit: miterLimit)
    }

    /// How far (pixels at ratio 1) drawing may reach beyond a feature's geometry: the
    /// buffer every tile is drawn with so nothing is cut at tile edges.
    public var reach: Double {
        var r = 0.0
        if stroke != nil { r = max(r, lineStroke(scale: 1).reach) }
        if outline != nil { r = max(r, outlineStroke(scale: 1).reach) }
        if let marker { r = max(r, marker.size / 2 + marker.strokeWidth + 1) }
        return r + 1
    }
}

/// Which geometries carry a marker.
public enum MarkerPlacement: String, Sendable, Hashable, Codable, CaseIterable {
    /// Point features only.
    case points
    /// Points, plus one marker per polygon (at its exterior ring's centroid) and per line
    /// (halfway along it), as Mapnik's markers symbolizer places them.
    case allGeometries
}

/// The order features are drawn in.
public enum DrawOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// All polygons, then all lines, then all points (each in source order), so lines
    /// and symbols are never hidden under areas: the usual map order.
    case geometryType
    /// Feature by feature in source order, each with its fill, strokes and marker, as
    /// Mapnik draws a rule with several symbolizers.
    case feature
}

/// The symbol drawn at each point.
public enum MarkerShape: String, Sendable, Hashable, Codable, CaseIterable {
    case circle, square, triangle, diamond
}

/// A point symbol: a filled shape with an optional outline, centred on the point.
public struct MarkerStyle: Sendable, Hashable {
    public var shape: MarkerShape
    /// Width (and height) of the symbol in pixels.
    public var size: Double
    public var fill: Paint
    public var stroke: Color?
    public var strokeWidth: Double
    public var opacity: Double

    public init(
        shape: MarkerShape = .circle, size: Double = 10, fill: Paint = .color(Color(red: 0, green: 0, blue: 255)),
        stroke: Color? = .black, strokeWidth: Double = 0.5, opacity: Double = 1
    ) {
        self.shape = shape
        self.size = size
        self.fill = fill
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.opacity = opacity
    }
}

/// How a metric grid becomes colours.
public struct GridStyle: Sendable, Hashable {
    /// How values between cell centres are estimated.
    public enum Resampling: String, Sendable, Hashable, Codable, CaseIterable {
        /// The value of the cell under the pixel (blocky, exact per cell).
        case nearest
        /// Bilinear interpolation between the four nearest cell centres.
        case bilinear
    }

    public var ramp: ColorRamp
    /// The values the ramp spans, the same for every tile of the layer.
    public var domain: RampDomain
    public var opacity: Double
    public var resampling: Resampling
    /// The legend label of the values, e.g. "pings per km²".
    public var unit: String
    /// Whether values ≤ 0 are left transparent (densities and risks: zero means nothing
    /// there), whatever colour the ramp starts with.
    public var hideZero: Bool

    public init(
        ramp: ColorRamp = .density, domain: RampDomain = .zeroToMaximum, opacity: Double = 1,
        resampling: Resampling = .bilinear, unit: String = "", hideZero: Bool = true
    ) {
        self.ramp = ramp
        self.domain = domain
        self.opacity = opacity
        self.resampling = resampling
        self.unit = unit
        self.hideZero = hideZero
    }
}

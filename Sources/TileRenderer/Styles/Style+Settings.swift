import GeoCore

extension Style {
    /// A style read from the project file: `settings` overrides `base` key by key.
    ///
    /// Keys (all optional; anything absent keeps the base style's value):
    /// - `title` (string), `opacity` (0…1, whole layer, default 1)
    /// - `fill`, `outline`, `stroke`: a paint (below) or `null` to draw none
    /// - `fillOpacity`, `outlineOpacity`, `strokeOpacity` (0…1, default 1)
    /// - `outlineWidth`, `strokeWidth` (pixels, default 1), `miterLimit` (default 4)
    /// - `lineJoin`: `miter`, `round` (default), `bevel`; `lineCap`: `butt`, `round` (default), `square`
    /// - `dash`: `[dash, gap, …]` in pixels (default solid)
    /// - `marker`: `{"shape": "circle"|"square"|"triangle"|"diamond", "size": 10, "fill": paint,
    ///   "stroke": colour|null, "strokeWidth": 0.5, "opacity": 1}` or `null`
    /// - `markerPlacement`: `points` (default) or `allGeometries` (also polygon centroids
    ///   and line middles); `drawOrder`: `geometryType` (default: polygons, lines, points)
    ///   or `feature` (source order, each feature complete)
    /// - `grid`: `{"ramp": ramp, "domain": domain, "opacity": 1, "resampling": "bilinear"|"nearest",
    ///   "unit": "…", "hideZero": true}` or `null`
    ///
    /// A paint is a colour (`"#c83232"`, `"#c8323266"`, `"rgba(200,50,50,0.4)"`), or
    /// `{"property": "status", "categories": {"normal": "#1a9850", …}, "other": "#999"}`, or
    /// `{"property": "population_change", "ramp": ramp, "domain": domain, "other": colour}`.
    /// A ramp is a name (`sequential`, `diverging`, `density`, `Blues`, `Greens`,
    /// `viridis`), a list of colours spaced evenly, or a list of `[position, colour]`.
    /// A domain is `[lower, upper]`, `"data"` (layer minimum to maximum), `"symmetric"`
    /// (±largest magnitude) or `"zeroToMaximum"` (the default for grids).
    ///
    /// - Throws: ``StyleError`` naming the key and what it accepts.
    public init(settings: [String: JSONValue], base: Style) throws(StyleError) {
        var style = base
        let reader = SettingsReader(settings: settings, context: "style")
        try reader.check(allowed: Style.settingKeys)
        if let title = try reader.string("title") { style.title = title }
        if let v = try reader.fraction("opacity") { style.opacity = v }
        if reader.has("fill") { style.fill = try reader.paint("fill") }
        if let v = try reader.fraction("fillOpacity") { style.fillOpacity = v }
        if reader.has("outline") { style.outline = try reader.paint("outline") }
        if let v = try reader.positive("outlineWidth") { style.outlineWidth = v }
        if let v = try reader.fraction("outlineOpacity") { style.outlineOpacity = v }
        if reader.has("stroke") { style.stroke = try reader.paint("stroke") }
        if let v = try reader.positive("strokeWidth") { style.strokeWidth = v }
        if let v = try reader.fraction("strokeOpacity") { style.strokeOpacity = v }
        if let v = try reader.enumeration("lineJoin", LineJoin.self) { style.lineJoin = v }
        if let v = try reader.enumeration("lineCap", LineCap.self) { style.lineCap = v }
        if let v = try reader.positive("miterLimit") { style.miterLimit = max(v, 1) }
        if let v = try reader.numbers("dash") { style.dashes = v }
        if reader.has("marker") {
            if let object = try reader.object("marker") {
                style.marker = try MarkerStyle(settings: object, base: style.marker ?? MarkerStyle())
            } else {
                style.marker = nil
            }
        }
        if let v = try reader.enumeration("markerPlacement", MarkerPlacement.self) { style.markerPlacement = v }
        if let v = try reader.enumeration("drawOrder", DrawOrder.self) { style.drawOrder = v }
        if reader.has("grid") {
            if let object = try reader.object("grid") {
                style.grid = try GridStyle(settings: object, base: style.grid ?? GridStyle())
            } else {
                style.grid = nil
            }
        }
        self = style
    }

    static let settingKeys: Set<String> = [
        "title", "opacity", "fill", "fillOpacity", "outline", "outlineWidth", "outlineOpacity", "stroke",
        "strokeWidth", "strokeOpacity", "lineJoin", "lineCap", "miterLimit", "dash", "marker", "grid",
        "markerPlacement", "drawOrder",
    ]
}

extension MarkerStyle {
    /// A marker read from the `marker` object of a style (see ``Style/init(settings:base:)``).
    public init(settings: [String: JSONValue], base: MarkerStyle) throws(StyleError) {
        var marker = base
        let reader = SettingsReader(settings: settings, context: "marker")
        try reader.check(allowed: ["shape", "size", "fill", "stroke", "strokeWidth", "opacity"])
        if let v = try reader.enumeration("shape", MarkerShape.self) { marker.shape = v }
        if let v = try reader.positive("size") { marker.size = v }
        if reader.has("fill") {
            guard let paint = try reader.paint("fill") else { throw StyleError("marker.fill cannot be null") }
            marker.fill = paint
        }
        if reader.has("stroke") { marker.stroke = try reader.color("stroke") }
        if let v = try reader.positive("strokeWidth") { marker.strokeWidth = v }
        if let v = try reader.fraction("opacity") { marker.opacity = v }
        self = marker
    }
}

extension GridStyle {
    /// A grid style read from the `grid` object of a style (see ``Style/init(settings:base:)``).
    public init(settings: [String: JSONValue], base: GridStyle) throws(StyleError) {
        var grid = base
        let reader = SettingsReader(settings: settings, context: "grid")
        try reader.check(allowed: ["ramp", "domain", "opacity", "resampling", "unit", "hideZero"])
        if let v = try reader.ramp("ramp") { grid.ramp = v }
        if let v = try reader.domain("domain") { grid.domain = v }
        if let v = try reader.fraction("opacity") { grid.opacity = v }
        if let v = try reader.enumeration("resampling", Resampling.self) { grid.resampling = v }
        if let v = try reader.string("unit") { grid.unit = v }
        if let value = settings["hideZero"] {
            guard let flag = value.boolValue else { throw StyleError("grid.hideZero must be true or false") }
            grid.hideZero = flag
        }
        self = grid
    }
}

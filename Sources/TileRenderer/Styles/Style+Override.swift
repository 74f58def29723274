import Layers

extension Style {
    /// This style with the project file's `styles.LAYER` overrides applied (the
    /// ``StyleOverride`` the hub reads from `geohub.json`):
    /// - `opacity` sets the layer opacity;
    /// - `color` replaces every constant colour of the style (fill, line, marker fill),
    ///   keeping categorical and ramp colours, which carry meaning;
    /// - `ramp` replaces the colours of every ramp (grid and choropleth), evenly spaced;
    /// - `lineWidth` sets the width of lines; `pointRadius` sets markers to twice that size.
    ///
    /// - Throws: ``StyleError`` for a colour the renderer cannot read.
    public func applying(_ override: StyleOverride?) throws(StyleError) -> Style {
        guard let override else { return self }
        var style = self
        if let opacity = override.opacity { style.opacity = min(max(opacity, 0), 1) }
        if let text = override.color {
            guard let color = Color(text) else { throw StyleError("color: '\(text)' is not a colour") }
            func replaced(_ paint: Paint?) -> Paint? {
                if case .color = paint { return .color(color) }
                if case .colorProperty(let property, _) = paint {
                    return .colorProperty(property: property, other: color)
                }
                return paint
            }
            style.fill = replaced(style.fill)
            style.stroke = replaced(style.stroke)
            if let marker = style.marker, let fill = replaced(marker.fill) { style.marker?.fill = fill }
        }
        if let texts = override.ramp {
            var colors: [Color] = []
            for text in texts {
                guard let color = Color(text) else { throw StyleError("ramp: '\(text)' is not a colour") }
                colors.append(color)
            }
            let ramp = try ColorRamp(evenlySpaced: colors)
            func replaced(_ paint: Paint?) -> Paint? {
                if case .ramp(let property, _, let domain, let other) = paint {
                    return .ramp(property: property, ramp: ramp, domain: domain, other: other)
                }
                return paint
            }
            style.fill = replaced(style.fill)
            style.stroke = replaced(style.stroke)
            if let marker = style.marker, let fill = replaced(marker.fill) { style.marker?.fill = fill }
            style.grid?.ramp = ramp
        }
        if let width = override.lineWidth { style.strokeWidth = width }
        if let radius = override.pointRadius {
            if style.marker == nil { style.marker = MarkerStyle() }
            style.marker?.size = 2 * radius
        }
        return style
    }
}

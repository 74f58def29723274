import GeoCore
import Layers
import TileRenderer

/// The renderer style of each layer: the renderer's built-in style with the
/// project's `styles` overrides applied (docs/project-file.md, "styles").
enum LayerStyles {
    /// The style `name` is drawn with in `project`; under a rainfall scenario the
    /// flood-risk markers show each gauge's predicted status.
    static func style(for name: LayerName, project: Project, scenario: RainScenario? = nil) -> Style {
        var style = Style.default(for: name)
        if name == .basemap { style = basemapKinds(style) }
        if name == .composite, style.grid?.ramp == .yellowOrangeRed {
            // Zero risk (most of the city) stays transparent so the basemap shows through.
            style.grid?.ramp = .density
        }
        if name == .floodRisk, scenario != nil, let marker = style.marker,
            case .categories(property: "status", colors: let colors, other: let other) = marker.fill
        {
            style.marker?.fill = .categories(property: "predicted_status", colors: colors, other: other)
            style.title += " (predicted)"
        }
        guard let override = project.styles[name] else { return style }
        if let opacity = override.opacity { style.opacity = opacity }
        if let text = override.color, let color = Color(text) {
            style.fill = recolored(style.fill, color)
            style.stroke = recolored(style.stroke, color)
            if let marker = style.marker { style.marker?.fill = recolored(marker.fill, color) ?? marker.fill }
        }
        if let texts = override.ramp, let ramp = try? ColorRamp(evenlySpaced: texts.compactMap(Color.init)) {
            style.grid?.ramp = ramp
            style.fill = reramped(style.fill, ramp)
            style.stroke = reramped(style.stroke, ramp)
            if let marker = style.marker { style.marker?.fill = reramped(marker.fill, ramp) ?? marker.fill }
        }
        if let width = override.lineWidth { style.strokeWidth = width }
        if let radius = override.pointRadius { style.marker?.size = 2 * radius }
        return style
    }

    /// `color` replaces a constant paint; category and ramp paints keep their colours.
    private static func recolored(_ paint: Paint?, _ color: Color) -> Paint? {
        guard case .color = paint else { return paint }
        return .color(color)
    }

    /// `ramp` replaces the ramp of a ramp paint.
    private static func reramped(_ paint: Paint?, _ ramp: ColorRamp) -> Paint? {
        guard case .ramp(let property, _, let domain, let other) = paint else { return paint }
        return .ramp(property: property, ramp: ramp, domain: domain, other: other)
    }

    /// The basemap builder marks features with `kind` = `boundary`, `river`, `road` or
    /// `school`; the renderer's default style keys its categories on the plural part
    /// names (`roads`, `rivers`). The plural keys are renamed here, so rivers draw blue
    /// and the legend says what the features say.
    private static func basemapKinds(_ style: Style) -> Style {
        var style = style
        func aliased(_ paint: Paint?) -> Paint? {
            guard case .categories(let property, var colors, let other) = paint, property == "kind" else {
                return paint
            }
            for (plural, singular) in [("roads", "road"), ("rivers", "river"), ("schools", "school")] {
                if let color = colors.removeValue(forKey: plural), colors[singular] == nil { colors[singular] = color }
            }
            return .categories(property: property, colors: colors, other: other)
        }
        style.fill = aliased(style.fill)
        style.stroke = aliased(style.stroke)
        return style
    }
}

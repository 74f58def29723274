import GeoCore
import Layers
import TileRenderer

/// The renderer style of each layer: the renderer's built-in style with the
/// project's `styles` overrides applied (docs/project-file.md, "styles").
enum LayerStyles {
    /// The style `name` is drawn with in `project`; under a rainfall scenario the
    /// flood-risk markers show each gauge's predicted status rather than its current one.
    static func style(for name: LayerName, project: Project, scenario: RainScenario? = nil) -> Style {
        let base = Style.default(for: name)
        // The project file's overrides were validated when it was loaded; a colour the
        // renderer still cannot read leaves the built-in style.
        var style = (try? base.applying(project.styles[name])) ?? base
        if name == .floodRisk, scenario != nil, let marker = style.marker,
            case .categories(property: "status", let colors, let other) = marker.fill
        {
            style.marker?.fill = .categories(property: "predicted_status", colors: colors, other: other)
            style.title += " (predicted)"
        }
        return style
    }
}

import Layers

extension Style {
    /// The built-in style of each geohub layer, keyed on the property names DESIGN.md
    /// fixes (flood-risk `status`, census-delta `population_change`, bus stops
    /// `boardings`) and on those the layer builders write (`kind` in the basemap and
    /// bus routes, wildlife zone `risk`, GTFS `route_color`).
    public static func `default`(for layer: LayerName) -> Style {
        switch layer {
        case .childTraffic:
            return Style(
                title: layer.title,
                grid: GridStyle(
                    ramp: .density, domain: .zeroToMaximum, opacity: 0.85,
                    unit: "density"))
        case .composite:
            return Style(
                title: layer.title,
                grid: GridStyle(
                    ramp: .yellowOrangeRed, domain: .zeroToMaximum,
                    opacity: 0.6, unit: "risk"))
        case .floodRisk:
            return Style(
                title: layer.title,
                marker: MarkerStyle(
                    shape: .circle, size: 14,
                    fill: .categories(
                        property: "status", colors: Style.floodColors, other: Color(red: 150, green: 150, blue: 150)),
                    stroke: .white, strokeWidth: 1.5))
        case .censusDelta:
            return Style(
                title: layer.title,
                fill: .ramp(
                    property: "population_change", ramp: .redBlue, domain: .symmetric,
                    other: Color(red: 200, green: 200, blue: 200, alpha: 120)),
                fillOpacity: 0.7, outline: .color(Color(red: 255, green: 255, blue: 255, alpha: 160)),
                outlineWidth: 0.5)
        case .busRoutes:
            // Routes in their GTFS colour; stops by boardings; census cells the network
            // does not serve (growing population) shaded orange.
            return Style(
                title: layer.title,
                fill: .categories(
                    property: "kind", colors: ["unserved_cell": Color(red: 253, green: 141, blue: 60)],
                    other: nil),
                fillOpacity: 0.35, outline: .color(Color(red: 217, green: 72, blue: 1, alpha: 180)),
                outlineWidth: 0.8,
                stroke: .colorProperty(property: "route_color", other: Color(red: 31, green: 120, blue: 180)),
                strokeWidth: 3,
                marker: MarkerStyle(
                    shape: .circle, size: 9,
                    fill: .ramp(
                        property: "boardings", ramp: .blues, domain: .zeroToMaximum,
                        other: .white),
                    stroke: Color(red: 8, green: 48, blue: 107), strokeWidth: 1))
        case .wildlife:
            // Zones by risk (brown ramp), cameras as small dark squares.
            return Style(
                title: layer.title,
                fill: .ramp(
                    property: "risk", ramp: .yellowOrangeBrown, domain: .zeroToMaximum,
                    other: Color(red: 140, green: 81, blue: 10)),
                fillOpacity: 0.5, outline: .color(Color(red: 102, green: 37, blue: 6)), outlineWidth: 1.2,
                marker: MarkerStyle(
                    shape: .square, size: 7, fill: .color(Color(red: 51, green: 51, blue: 51)),
                    stroke: .white, strokeWidth: 1))
        case .basemap:
            // The `kind` property of the basemap builder: boundary, river, road, school.
            return Style(
                title: layer.title,
                fill: .categories(
                    property: "kind", colors: ["boundary": Color(red: 250, green: 248, blue: 240, alpha: 90)],
                    other: nil),
                outline: .color(Color(red: 90, green: 90, blue: 90)), outlineWidth: 1.5,
                stroke: .categories(
                    property: "kind",
                    colors: [
                        "road": Color(red: 140, green: 140, blue: 140),
                        "river": Color(red: 74, green: 144, blue: 217),
                    ],
                    other: Color(red: 140, green: 140, blue: 140)),
                strokeWidth: 1.2,
                marker: MarkerStyle(
                    shape: .square, size: 8, fill: .color(Color(red: 123, green: 50, blue: 148)),
                    stroke: .white, strokeWidth: 1))
        }
    }

    /// Flood status colours: green, yellow, orange, red.
    static let floodColors: [String: Color] = [
        "normal": Color(red: 26, green: 152, blue: 80), "advisory": Color(red: 254, green: 224, blue: 139),
        "warning": Color(red: 252, green: 141, blue: 89), "danger": Color(red: 215, green: 48, blue: 39),
    ]

    /// The style of the tile benchmark, matching `../shared/bench/mapnik_tiles.py`, whose
    /// one rule applies all three symbolizers to every feature: polygons filled
    /// rgb(200,50,50) at 0.4, every line and polygon edge stroked rgb(20,20,120) 2 px
    /// (Mapnik's miter joins and butt caps), and Mapnik's default marker (a 10 px blue
    /// circle with a 0.5 px black edge) on every point, polygon centroid and line middle,
    /// drawn feature by feature.
    public static let benchmark = Style(
        title: "benchmark", fill: .color(Color(red: 200, green: 50, blue: 50)), fillOpacity: 0.4,
        outline: .color(Color(red: 20, green: 20, blue: 120)), outlineWidth: 2,
        stroke: .color(Color(red: 20, green: 20, blue: 120)), strokeWidth: 2, lineJoin: .miter, lineCap: .butt,
        marker: MarkerStyle(), markerPlacement: .allGeometries, drawOrder: .feature)
}

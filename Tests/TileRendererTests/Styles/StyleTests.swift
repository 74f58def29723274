import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

@testable import TileRenderer

final class StyleTests: XCTestCase {
    func testColorsParseAndPrint() {
        XCTAssertEqual(Color("#c83232"), Color(red: 200, green: 50, blue: 50))
        XCTAssertEqual(Color("#C8323266"), Color(red: 200, green: 50, blue: 50, alpha: 0x66))
        XCTAssertEqual(Color("#fff"), .white)
        XCTAssertEqual(Color("rgba(200, 50, 50, 0.4)"), Color(red: 200, green: 50, blue: 50, alpha: 102))
        XCTAssertEqual(Color("rgb(20,20,120)"), Color(red: 20, green: 20, blue: 120))
        XCTAssertEqual(Color("blue"), Color(red: 0, green: 0, blue: 255))
        XCTAssertNil(Color("#12345"))
        XCTAssertNil(Color("rgb(300,0,0)"))
        XCTAssertEqual(Color(red: 200, green: 50, blue: 50).description, "#c83232")
        XCTAssertEqual(Color(red: 1, green: 2, blue: 3, alpha: 4).description, "#01020304")
    }

    func testSettingsOverrideTheBaseStyle() throws {
        let settings: [String: JSONValue] = [
            "title": "Routes", "opacity": 0.8, "fill": nil, "stroke": "#ff0000", "strokeWidth": 4,
            "lineJoin": "bevel", "lineCap": "square", "dash": [6, 3],
            "marker": [
                "shape": "triangle", "size": 12,
                "fill": [
                    "property": "status", "categories": ["a": "#00ff00"],
                    "other": "#0000ff",
                ],
            ],
            "grid": ["ramp": ["#000000", "#ffffff"], "domain": [0, 50], "resampling": "nearest"],
        ]
        let style = try Style(settings: settings, base: .default(for: .wildlife))
        XCTAssertEqual(style.title, "Routes")
        XCTAssertEqual(style.opacity, 0.8)
        XCTAssertNil(style.fill, "null removes the base style's fill")
        XCTAssertEqual(style.stroke, .color(Color(red: 255, green: 0, blue: 0)))
        XCTAssertEqual(style.strokeWidth, 4)
        XCTAssertEqual(style.lineJoin, .bevel)
        XCTAssertEqual(style.lineCap, .square)
        XCTAssertEqual(style.dashes, [6, 3])
        XCTAssertEqual(style.outline, Style.default(for: .wildlife).outline, "unset keys keep the base value")
        XCTAssertEqual(style.marker?.shape, .triangle)
        XCTAssertEqual(style.marker?.size, 12)
        XCTAssertEqual(style.marker?.fill.color(for: ["status": "a"], domain: nil), Color(red: 0, green: 255, blue: 0))
        XCTAssertEqual(style.marker?.fill.color(for: ["status": "b"], domain: nil), Color(red: 0, green: 0, blue: 255))
        XCTAssertEqual(style.grid?.domain, .fixed(lower: 0, upper: 50))
        XCTAssertEqual(style.grid?.resampling, .nearest)
        XCTAssertEqual(style.grid?.ramp.color(at: 0.5), Color(red: 128, green: 128, blue: 128))
    }

    func testBadSettingsNameTheKey() {
        let cases: [([String: JSONValue], String)] = [
            (["strokeWidth": -1], "strokeWidth"),
            (["opacity": 2], "opacity"),
            (["fill": "#zzzzzz"], "fill"),
            (["lineJoin": "pointy"], "lineJoin"),
            (["colour": "#fff"], "colour"),
            (["fill": ["property": "x", "ramp": "rainbow"]], "rainbow"),
            (["grid": ["domain": [5, 1]]], "grid.domain"),
            (["marker": ["shape": "star"]], "marker.shape"),
        ]
        for (settings, key) in cases {
            XCTAssertThrowsError(try Style(settings: settings, base: Style())) { error in
                XCTAssertTrue("\(error)".contains(key), "\(error) should name \(key)")
            }
        }
    }

    func testCategoriesMatchNumbersAndStrings() {
        let paint = Paint.categories(property: "v", colors: ["1": .black, "true": .white, "x": .white], other: nil)
        XCTAssertEqual(paint.color(for: ["v": 1], domain: nil), .black)
        XCTAssertEqual(paint.color(for: ["v": 1.0], domain: nil), .black)
        XCTAssertEqual(paint.color(for: ["v": "1"], domain: nil), .black)
        XCTAssertEqual(paint.color(for: ["v": true], domain: nil), .white)
        XCTAssertNil(paint.color(for: ["v": 2], domain: nil))
        XCTAssertNil(paint.color(for: [:], domain: nil))
    }

    func testDivergingRampIsCentredOnZero() throws {
        let features = [-30.0, -5, 0, 12, 20].map {
            Feature(
                shape: .polygon(PolygonRings(exterior: Fixtures.ring(140.04, 38.1, 0.001))),
                properties: ["population_change": .double($0)])
        }
        let layer = try PreparedLayer(name: "census-delta", features: features, style: .default(for: .censusDelta))
        XCTAssertEqual(layer.domains["population_change"], -30...30, "symmetric: ±largest magnitude")
        let paint = try XCTUnwrap(layer.style.fill)
        XCTAssertEqual(
            paint.color(for: ["population_change": 0], domain: layer.domains["population_change"]),
            Color("#f7f7f7"), "zero is the diverging ramp's neutral middle")
        XCTAssertEqual(
            paint.color(for: ["population_change": -30], domain: layer.domains["population_change"]),
            Color("#67001f"), "the largest decline is the darkest red")
        let legend = layer.legend
        XCTAssertEqual(legend.ramps.first?.label, "population_change")
        XCTAssertEqual(legend.ramps.first?.stops.first?.value, -30)
        XCTAssertEqual(legend.ramps.first?.stops.last?.value, 30)
        let json = legend.jsonValue
        XCTAssertEqual(json["ramps"]?.arrayValue?.first?["stops"]?.arrayValue?.first?["color"], "#67001f")
    }

    func testDefaultStylesDrawEveryLayer() throws {
        for name in LayerName.allCases {
            let style = Style.default(for: name)
            XCTAssertFalse(style.title.isEmpty, "\(name) has a legend title")
            let drawsSomething = style.fill != nil || style.stroke != nil || style.marker != nil || style.grid != nil
            XCTAssertTrue(drawsSomething, "\(name) draws something")
        }
        XCTAssertNotNil(Style.default(for: .childTraffic).grid)
        XCTAssertNotNil(Style.default(for: .composite).grid)
    }

    func testFloodStatusMarkersUseTheirColours() throws {
        let point = Coordinate(lon: 140.04, lat: 38.107)
        let tile = try TileID(containing: point, zoom: 15)
        let pixel = tile.pixelTransform().pixel(lonLat: point)
        for (status, expected) in Style.floodColors {
            let layer = try PreparedLayer(
                name: "flood-risk", features: [Feature(shape: .point(point), properties: ["status": .string(status)])],
                style: .default(for: .floodRisk))
            let canvas = try LayerRenderer(layer: layer).render(tile)
            XCTAssertEqual(canvas.color(x: Int(pixel.x), y: Int(pixel.y)), expected, status)
        }
        let legend = try PreparedLayer(name: "flood-risk", features: [], style: .default(for: .floodRisk)).legend
        XCTAssertEqual(legend.entries.map(\.label), ["normal", "advisory", "warning", "danger", "other"])
    }
}

final class StyleOverrideTests: XCTestCase {
    func testProjectOverridesApply() throws {
        let override = StyleOverride(
            opacity: 0.5, color: "#112233", ramp: ["#000000", "#ffffff"], lineWidth: 5,
            pointRadius: 6)
        let bus = try Style.default(for: .busRoutes).applying(override)
        XCTAssertEqual(bus.opacity, 0.5)
        XCTAssertEqual(bus.strokeWidth, 5)
        XCTAssertEqual(bus.marker?.size, 12)
        XCTAssertEqual(
            bus.stroke, .colorProperty(property: "route_color", other: Color(red: 0x11, green: 0x22, blue: 0x33)),
            "a GTFS route colour still wins; the override is the fallback")
        if case .ramp(_, let ramp, _, _) = bus.marker?.fill {
            XCTAssertEqual(ramp.color(at: 1), .white)
        } else {
            XCTFail("stops keep a ramp")
        }
        let flood = try Style.default(for: .floodRisk).applying(override)
        XCTAssertEqual(flood.marker?.fill, Style.default(for: .floodRisk).marker?.fill, "status colours carry meaning")
        let density = try Style.default(for: .childTraffic).applying(override)
        XCTAssertEqual(density.grid?.ramp.color(at: 0), .black)
        XCTAssertEqual(try Style.default(for: .wildlife).applying(nil), Style.default(for: .wildlife))
    }

    func testRouteColoursComeFromGTFS() {
        let paint = Paint.colorProperty(property: "route_color", other: .black)
        XCTAssertEqual(paint.color(for: ["route_color": "#e60012"], domain: nil), Color(red: 230, green: 0, blue: 18))
        XCTAssertEqual(paint.color(for: ["route_color": nil], domain: nil), .black)
    }

    func testBasemapKindsHaveTheirColours() {
        let style = Style.default(for: .basemap)
        XCTAssertEqual(style.stroke?.color(for: ["kind": "river"], domain: nil), Color(red: 74, green: 144, blue: 217))
        XCTAssertEqual(style.stroke?.color(for: ["kind": "road"], domain: nil), Color(red: 140, green: 140, blue: 140))
        XCTAssertNotNil(style.fill?.color(for: ["kind": "boundary"], domain: nil))
        XCTAssertNil(style.fill?.color(for: ["kind": "school"], domain: nil))
    }
}

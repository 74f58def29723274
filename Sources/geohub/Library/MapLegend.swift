import Foundation
import GeoCore
import Layers
import TileRenderer

/// The renderer's ``Legend`` in the shape the map page draws (see ``MapLayer/legend``),
/// worded for a reader of the map rather than for the style.
///
/// The renderer names swatches after the style (`point`, `line`, a property value such
/// as `unserved_cell`) and ramps after the property they colour (`population_change`);
/// this says what they are on this layer (`school`, `bus route`, `unserved cell`,
/// `people (change)`), and leaves out an `other` swatch that repeats a colour already
/// shown.
enum MapLegend {
    /// `{"type": "ramp", "title", "unit", "stops": [{value, color}], "items": […]}` when the
    /// layer has a ramp (with its swatches, if any, in `items`), or
    /// `{"type": "categories", "title", "items": [{label, color, symbol}]}`; `symbol` is
    /// `fill`, `line`, `marker` or `grid`.
    static func json(_ legend: Legend, layer: LayerName) -> JSONValue {
        var items: [JSONValue] = []
        var shown: [(Legend.Symbol, String)] = []
        for entry in legend.entries {
            let color = entry.color.description
            if entry.label == "other", shown.contains(where: { $0 == (entry.symbol, color) }) { continue }
            shown.append((entry.symbol, color))
            items.append([
                "label": .string(label(entry.label, symbol: entry.symbol, layer: layer)), "color": .string(color),
                "symbol": .string(entry.symbol.rawValue),
            ])
        }
        guard let ramp = legend.ramps.first else {
            return ["type": "categories", "title": .string(legend.title), "items": .array(items)]
        }
        var object: [String: JSONValue] = [
            "type": "ramp", "title": .string(legend.title), "unit": .string(unit(ramp.label)),
            "stops": .array(
                ramp.stops.map { stop in
                    ["value": .double(rounded(stop.value)), "color": .string(stop.color.description)]
                }
            ),
        ]
        if !items.isEmpty { object["items"] = .array(items) }
        return .object(object)
    }

    /// What a swatch stands for on `layer`: the style's generic `point`/`line`/`area`
    /// named after what the layer draws with it, property values made readable.
    static func label(_ label: String, symbol: Legend.Symbol, layer: LayerName) -> String {
        switch (layer, label) {
        case (.basemap, "point"): return "school"
        case (.wildlife, "point"): return "camera"
        case (.busRoutes, "point"): return "bus stop"
        case (.busRoutes, "line"): return "bus route (its GTFS colour)"
        case (.busRoutes, "unserved_cell"): return "growing, unserved area"
        case (.floodRisk, "other"): return "no reading"
        default: return label.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// What a ramp's values measure: a grid's unit as it is, a property name in words.
    static func unit(_ label: String) -> String {
        switch label {
        case "population_change": "people (change between census years)"
        case "boardings": "boardings in the period"
        case "risk": "risk (0–1)"
        default: label.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// Three decimals are plenty for a legend's stops (the page rounds further).
    private static func rounded(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return (value * 1000).rounded() / 1000
    }
}

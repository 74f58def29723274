import Foundation
import GeoCore
import TileRenderer

/// The renderer's ``Legend`` in the shape the map page draws (see ``MapLayer/legend``):
/// a ramp when the layer has one, its categories otherwise.
enum MapLegend {
    /// `{"type": "ramp", "title", "unit", "stops": [{value, color}]}` or
    /// `{"type": "categories", "title", "items": [{label, color}]}`.
    static func json(_ legend: Legend) -> JSONValue {
        if let ramp = legend.ramps.first {
            return .object([
                "type": "ramp", "title": .string(legend.title), "unit": .string(ramp.label),
                "stops": .array(
                    ramp.stops.map { stop in
                        .object(["value": .double(rounded(stop.value)), "color": .string(stop.color.description)])
                    }),
            ])
        }
        return .object([
            "type": "categories", "title": .string(legend.title),
            "items": .array(
                legend.entries.map { entry in
                    .object(["label": .string(entry.label), "color": .string(entry.color.description)])
                }),
        ])
    }

    /// Three significant decimals are plenty for a legend's end labels.
    private static func rounded(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return (value * 1000).rounded() / 1000
    }
}

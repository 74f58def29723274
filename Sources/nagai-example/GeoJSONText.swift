import GeoCore

/// Deterministic GeoJSON (RFC 7946) text: fixed key order, 7 decimals, one feature per line.
enum GeoJSONText {
    static func position(_ c: Coordinate) -> String {
        "[\(Numbers.fixed(c.lon, 7)),\(Numbers.fixed(c.lat, 7))]"
    }

    static func line(_ coordinates: [Coordinate]) -> String {
        "[" + coordinates.map(position).joined(separator: ",") + "]"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON object from ordered key/value pairs whose values are already JSON text.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    static func feature(geometryType: String, coordinates: String, properties: [(String, String)]) -> String {
        "{\"type\":\"Feature\",\"properties\":\(object(properties)),"
            + "\"geometry\":{\"type\":\"\(geometryType)\",\"coordinates\":\(coordinates)}}"
    }

    /// A FeatureCollection with `name` (GDAL shows it as the layer name) and one feature per line.
    static func collection(name: String, features: [String]) -> TextSink {
        var sink = TextSink()
        sink.line("{\"type\":\"FeatureCollection\",\"name\":\(string(name)),\"features\":[")
        for (index, feature) in features.enumerated() {
            sink.line(feature + (index + 1 < features.count ? "," : ""))
        }
        sink.line("]}")
        return sink
    }
}

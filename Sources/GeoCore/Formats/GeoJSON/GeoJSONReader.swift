import Foundation

/// Reads GeoJSON (RFC 7946): a FeatureCollection, a single Feature, or a bare
/// geometry, into ``Feature`` values.
///
/// Bad members are reported with their JSON path, for example
/// `roads.geojson: features[12].geometry.coordinates[0]: expected a position
/// (an array of two or three numbers)`. In a FeatureCollection a bad feature is
/// rejected (counted in the ``InputReport`` and passed to `onReject`) and the other
/// features flow on; text that is not JSON, or a document that is not GeoJSON at
/// all, throws. Positions keep longitude and latitude (an altitude is dropped);
/// polygon rings must be closed and have at least four positions; foreign members
/// are ignored; a numeric feature id becomes its decimal text.
public enum GeoJSONReader {
    /// The features read and what was rejected.
    public struct Result: Sendable {
        public var features: [Feature]
        public var report: InputReport
    }

    /// Reads a GeoJSON file; errors name it by `name` (default: its file name).
    public static func read(
        contentsOf url: URL, name: String? = nil,
        onReject: (InputError) -> Void = { _ in }
    ) throws(InputError) -> Result {
        let display = name ?? url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: display, reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try read(data: data, name: display, onReject: onReject)
    }

    /// Reads GeoJSON text.
    public static func read(data: Data, name: String, onReject: (InputError) -> Void = { _ in }) throws(InputError)
        -> Result
    {
        try features(in: try JSONValue(parsing: data, source: name), name: name, onReject: onReject)
    }

    /// The features of a parsed GeoJSON document.
    public static func features(
        in document: JSONValue, name: String,
        onReject: (InputError) -> Void = { _ in }
    ) throws(InputError) -> Result {
        var report = InputReport(file: name)
        let decoder = GeoJSONDecoder(file: name)
        guard let object = document.objectValue else {
            throw decoder.error("", "expected a GeoJSON object, found \(kind(document))")
        }
        guard let type = object["type"]?.stringValue else {
            throw decoder.error("", "is not GeoJSON: the object has no \"type\" member")
        }
        switch type {
        case "FeatureCollection":
            guard let items = object["features"]?.arrayValue else {
                throw decoder.error("features", "expected an array of features")
            }
            var features: [Feature] = []
            features.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                do throws(InputError) {
                    features.append(try decoder.feature(item, path: "features[\(index)]"))
                    report.accept()
                } catch {
                    report.reject(error)
                    onReject(error)
                }
            }
            return Result(features: features, report: report)
        case "Feature":
            let feature = try decoder.feature(document, path: "")
            report.accept()
            return Result(features: [feature], report: report)
        default:
            let shape = try decoder.shape(document, path: "")
            report.accept()
            return Result(features: [Feature(shape: shape)], report: report)
        }
    }

    /// A geometry object (`{"type": "Polygon", "coordinates": …}`) as a ``Shape``.
    public static func shape(_ geometry: JSONValue, name: String = "GeoJSON") throws(InputError) -> Shape {
        try GeoJSONDecoder(file: name).shape(geometry, path: "")
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

import Foundation
import GeoCore

extension IngestRun {
    /// The geometry types each basemap layer accepts.
    static func allowedGeometries(for kind: SourceKind) -> Set<String> {
        switch kind {
        case .boundary: ["Polygon", "MultiPolygon"]
        case .roads, .rivers: ["LineString", "MultiLineString"]
        case .schools: ["Point", "MultiPoint"]
        default: []
        }
    }

    /// Reads a basemap GeoJSON FeatureCollection; features of the wrong geometry type
    /// (a Point in `roads`), or a school without a `name`, are rejected with their JSON
    /// path. Features are stored as GeoJSON geometry and property text with their bounds.
    func ingestBasemap() throws {
        let allowed = Self.allowedGeometries(for: file.kind)
        let result = try GeoJSONReader.read(contentsOf: file.url, onReject: reject)
        let insert = try db.prepare(
            """
            INSERT INTO basemap_features (kind, position, feature_id, geometry, properties, min_lon, min_lat, max_lon, max_lat)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let writer = GeoJSONWriter(options: .init(maxFractionDigits: 9, rightHandRule: false))
        var position = 0
        for (index, feature) in result.features.enumerated() {
            let path = "features[\(index)]"
            guard allowed.contains(feature.shape.typeName) else {
                reject(
                    InputError(
                        file: file.displayName, jsonPath: path + ".geometry",
                        reason: "is a \(feature.shape.typeName); "
                            + "\(file.kind.rawValue) takes \(allowed.sorted().joined(separator: " or "))"))
                continue
            }
            if file.kind == .schools, feature.properties["name"]?.stringValue?.isEmpty ?? true {
                reject(
                    InputError(
                        file: file.displayName, jsonPath: path + ".properties",
                        reason: "has no \"name\"; every school needs one"))
                continue
            }
            guard let box = feature.shape.boundingBox else {
                reject(InputError(file: file.displayName, jsonPath: path + ".geometry", reason: "is empty"))
                continue
            }
            let geometry = String(decoding: try writer.data(for: feature.shape), as: UTF8.self)
            let properties = JSONValue.object(feature.properties).jsonText()
            try insert.execute(
                file.kind.rawValue, position, feature.id, geometry, properties,
                box.minX, box.minY, box.maxX, box.maxY)
            position += 1
            stored()
        }
    }
}

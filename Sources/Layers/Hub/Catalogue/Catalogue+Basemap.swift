import Foundation
import GeoCore

/// The four parts of the basemap.
public enum BasemapPart: String, Sendable, Hashable, CaseIterable {
    case boundary
    case roads
    case rivers
    case schools

    /// The source that feeds this part.
    public var sourceKind: SourceKind {
        switch self {
        case .boundary: .boundary
        case .roads: .roads
        case .rivers: .rivers
        case .schools: .schools
        }
    }
}

extension Catalogue {
    /// The features of one basemap part in file order, with their properties
    /// (roads keep `highway`, schools `name`), in lon/lat degrees.
    public func basemapFeatures(_ part: BasemapPart, in box: BoundingBox? = nil) throws(HubError) -> [Feature] {
        try query {
            let area =
                box
                ?? BoundingBox(
                    minX: -.greatestFiniteMagnitude, minY: -.greatestFiniteMagnitude,
                    maxX: .greatestFiniteMagnitude, maxY: .greatestFiniteMagnitude)
            let statement = try db.prepare(
                """
                SELECT feature_id, geometry, properties FROM basemap_features
                WHERE kind = ? AND max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ? ORDER BY position
                """)
            try statement.bind([part.rawValue, area.minX, area.maxX, area.minY, area.maxY])
            var features: [Feature] = []
            while try statement.step() {
                let shape = try GeoJSONReader.shape(try JSONValue(parsing: statement.string(at: 1) ?? ""), name: "hub")
                let properties = try JSONValue(parsing: statement.string(at: 2) ?? "{}").objectValue ?? [:]
                features.append(Feature(id: statement.string(at: 0), shape: shape, properties: properties))
            }
            return features
        }
    }
}

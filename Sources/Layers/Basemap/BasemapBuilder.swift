import Foundation
import GeoCore

/// What a basemap feature is: the `kind` property of the basemap layer.
public enum BasemapKind: String, Sendable, Hashable, Codable, CaseIterable {
    case boundary
    case river
    case road
    case school

    /// The hub's basemap part holding features of this kind.
    public var part: BasemapPart {
        switch self {
        case .boundary: .boundary
        case .river: .rivers
        case .road: .roads
        case .school: .schools
        }
    }
}

/// Builds the `basemap` layer: the city boundary, rivers, roads and schools from the
/// project's basemap GeoJSON, so maps need no outside tiles.
///
/// Features keep their source properties (roads `highway`, `road_id`, `bridge`; rivers
/// `name`, `waterway`; schools `name`, `school_id`; the boundary `name`, `city_code`)
/// and gain `kind` (`boundary` | `river` | `road` | `school`). They come in drawing
/// order: boundary, rivers, roads, schools; each feature's id is its source id, or
/// `KIND-N` (its position in its file) when the source gives none.
public struct BasemapBuilder: Sendable {
    public init() {}

    /// The layer from features per kind, in lon/lat degrees.
    ///
    /// Metadata: `counts` ({boundary, river, road, school} → features).
    public func layer(_ parts: [BasemapKind: [Feature]]) -> BuiltLayer {
        var features: [Feature] = []
        var counts: [String: JSONValue] = [:]
        for kind in BasemapKind.allCases {
            let source = parts[kind] ?? []
            counts[kind.rawValue] = .int(source.count)
            for (index, var feature) in source.enumerated() {
                feature.properties["kind"] = .string(kind.rawValue)
                feature.id = feature.id ?? "\(kind.rawValue)-\(index + 1)"
                features.append(feature)
            }
        }
        return BuiltLayer(name: .basemap, features: features, metadata: ["counts": .object(counts)])
    }

    /// Reads the four basemap parts from the hub (a missing part is simply empty).
    ///
    /// - Throws: ``HubError`` when the hub cannot be read.
    public func build(catalogue: Catalogue) throws(HubError) -> BuiltLayer {
        var parts: [BasemapKind: [Feature]] = [:]
        for kind in BasemapKind.allCases { parts[kind] = try catalogue.basemapFeatures(kind.part) }
        return layer(parts)
    }
}

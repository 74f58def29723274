import Foundation
import GeoCore

extension CensusDeltaBuilder {
    /// The layer: one Polygon (or, for a merged group, possibly MultiPolygon) per cell,
    /// id = `mesh_code`.
    ///
    /// Properties: `mesh_code` (string), `mesh_codes` (every cell of a secrecy-merged
    /// group), `secrecy_merged` (bool), `mesh_level` (`1km` | `500m` | `250m`),
    /// `from_year`, `to_year`, `population_from`, `population_to`, `households_from`,
    /// `households_to`, `population_change` (fixed by DESIGN.md), `households_change`,
    /// `population_change_pct` (null for bases under `minBasePopulation`); figures
    /// null where unknown.
    ///
    /// Metadata: `from_year`, `to_year`, `mesh_level`, `cells`, `merged_groups`,
    /// `population_from_total`, `population_to_total`, `min_base_population`.
    public func layer(_ result: CensusDeltaResult) -> BuiltLayer {
        let level = CensusYearCells.settingName(result.level)
        let features = result.cells.map { cell -> Feature in
            let p: [String: JSONValue] = [
                "mesh_code": .string(cell.meshCode.code), "mesh_codes": .array(cell.meshCodes.map { .string($0.code) }),
                "secrecy_merged": .bool(cell.isMerged), "mesh_level": .string(level),
                "from_year": .int(result.fromYear), "to_year": .int(result.toYear),
                "population_from": Self.json(cell.populationFrom), "population_to": Self.json(cell.populationTo),
                "households_from": Self.json(cell.householdsFrom), "households_to": Self.json(cell.householdsTo),
                "population_change": Self.json(cell.populationChange),
                "households_change": Self.json(cell.householdsChange),
                "population_change_pct": cell.populationChangePercent.map(JSONValue.double) ?? .null,
            ]
            return Feature(id: cell.meshCode.code, shape: cell.shape, properties: p)
        }
        let metadata: [String: JSONValue] = [
            "from_year": .int(result.fromYear), "to_year": .int(result.toYear), "mesh_level": .string(level),
            "cells": .int(result.cells.count), "merged_groups": .int(result.cells.filter(\.isMerged).count),
            "population_from_total": .int(result.cells.compactMap(\.populationFrom).reduce(0, +)),
            "population_to_total": .int(result.cells.compactMap(\.populationTo).reduce(0, +)),
            "min_base_population": .int(settings.minBasePopulation),
        ]
        return BuiltLayer(name: .censusDelta, features: features, metadata: metadata)
    }

    static func json(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

    /// Reads the two years from the hub and compares them.
    ///
    /// - Throws: ``HubError``, ``LayerBuildError``, ``GEOSError``.
    public func result(catalogue: Catalogue) throws -> CensusDeltaResult {
        let (from, to) = try years(available: try catalogue.censusYears())
        return try build(
            fromYear: from, from: try catalogue.censusRows(year: from),
            toYear: to, to: try catalogue.censusRows(year: to))
    }

    /// Reads the hub and builds the layer.
    public func build(catalogue: Catalogue) throws -> BuiltLayer {
        layer(try result(catalogue: catalogue))
    }
}

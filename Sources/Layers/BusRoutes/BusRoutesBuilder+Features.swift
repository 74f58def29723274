import Foundation
import GeoCore

extension BusRoutesBuilder {
    /// The layer: route lines, then stops, then unserved growing cells; `kind` tells
    /// them apart (`route`, `stop`, `unserved_cell`).
    ///
    /// Feature ids are prefixed by kind so they stay unique in the layer (`route:0101`,
    /// `stop:0001`, `cell:573917721`); the source ids are the properties below.
    ///
    /// Route features (LineString, or MultiLineString for several lines):
    /// `route_id`, `route_name`, `route_short_name`, `route_long_name`, `route_color`
    /// (`#RRGGBB` or null), `line_source` (`shapes` | `stops` | `mixed`), `shape_ids`,
    /// `length_m` (Σ lines), `line_lengths_m`, `stop_ids`, `trips_per_day`,
    /// `trips_per_weekday`, `trips_per_weekend_day`, ridership and catchment (below).
    ///
    /// Stop features (Point): `stop_id`, `name`, `route_ids`,
    /// `trips_per_day`, `low_use` (bool), ridership and catchment.
    ///
    /// Ridership: `boardings` (board events in the period, fixed by DESIGN.md),
    /// `boardings_student`, `boardings_adult`, `boardings_senior`, `alightings`.
    /// Catchment (null without census data): `population_within` (later census year),
    /// `population_from_within`, `population_change_within`, `catchment_area_m2`.
    ///
    /// Unserved cells (Polygon): `mesh_code`, `mesh_codes`,
    /// `population_from`, `population_to`, `population_change`.
    ///
    /// Metadata: `period_start`, `period_end`, `service_days`, `walking_distance_m`,
    /// `low_use_threshold`, `low_use_stops`, `census_years`, `unserved_growing_cells`,
    /// `unserved_population_change`, `skipped_census_cells`.
    public func layer(_ result: BusRoutesResult) -> BuiltLayer {
        var features = result.routes.map(feature)
        features += result.stops.map(feature)
        features += result.unservedGrowingCells.map { cell in
            Feature(
                id: "cell:" + cell.meshCode.code, shape: cell.shape,
                properties: [
                    "kind": "unserved_cell", "mesh_code": .string(cell.meshCode.code),
                    "mesh_codes": .array(cell.meshCodes.map { .string($0.code) }),
                    "population_from": cell.populationFrom.map(JSONValue.int) ?? .null,
                    "population_to": cell.populationTo.map(JSONValue.int) ?? .null,
                    "population_change": cell.populationChange.map(JSONValue.int) ?? .null,
                ])
        }
        let metadata: [String: JSONValue] = [
            "period_start": result.period.map { .string(timestamp($0.start)) } ?? .null,
            "period_end": result.period.map { .string(timestamp($0.end)) } ?? .null,
            "service_days": .int(result.serviceDays.count), "walking_distance_m": .double(settings.walkingDistance),
            "low_use_threshold": .int(settings.lowUseThreshold),
            "low_use_stops": .int(result.stops.filter(\.isLowUse).count),
            "census_years": result.censusYears.map { .array($0.map(JSONValue.int)) } ?? .null,
            "unserved_growing_cells": .int(result.unservedGrowingCells.count),
            "unserved_population_change": .int(result.unservedGrowingCells.compactMap(\.populationChange).reduce(0, +)),
            "skipped_census_cells": .int(result.skippedCensusCells),
        ]
        return BuiltLayer(name: .busRoutes, features: features, metadata: metadata)
    }

    func feature(_ route: BusRouteSummary) -> Feature {
        var p = Self.ridership(route.ridership).merging(Self.catchment(route.catchment)) { a, _ in a }
        p["kind"] = "route"
        p["route_id"] = .string(route.route.id)
        p["route_name"] = .string(route.route.displayName)
        p["route_short_name"] = route.route.shortName.map(JSONValue.string) ?? .null
        p["route_long_name"] = route.route.longName.map(JSONValue.string) ?? .null
        p["route_color"] = route.route.color.map { .string("#" + $0) } ?? .null
        p["line_source"] = .string(route.lineSource.rawValue)
        p["shape_ids"] = .array(route.shapeIDs.map { $0.map(JSONValue.string) ?? .null })
        p["length_m"] = .double(route.length)
        p["line_lengths_m"] = .array(route.lineLengths.map(JSONValue.double))
        p["stop_ids"] = .array(route.stopIDs.map(JSONValue.string))
        p["trips_per_day"] = .double(route.tripsPerDay)
        p["trips_per_weekday"] = route.tripsPerWeekday.map(JSONValue.double) ?? .null
        p["trips_per_weekend_day"] = route.tripsPerWeekendDay.map(JSONValue.double) ?? .null
        let shape: Shape = route.lines.count == 1 ? .lineString(route.lines[0]) : .multiLineString(route.lines)
        return Feature(id: "route:" + route.route.id, shape: shape, properties: p)
    }

    func feature(_ stop: BusStopSummary) -> Feature {
        var p = Self.ridership(stop.ridership).merging(Self.catchment(stop.catchment)) { a, _ in a }
        p["kind"] = "stop"
        p["stop_id"] = .string(stop.stop.id)
        p["name"] = .string(stop.stop.name)
        p["route_ids"] = .array(stop.routeIDs.map(JSONValue.string))
        p["trips_per_day"] = .double(stop.tripsPerDay)
        p["low_use"] = .bool(stop.isLowUse)
        return Feature(
            id: "stop:" + stop.stop.id, shape: .point(stop.stop.location ?? Coordinate(x: 0, y: 0)), properties: p)
    }

    static func ridership(_ r: RidershipCounts) -> [String: JSONValue] {
        var p: [String: JSONValue] = ["boardings": .int(r.totalBoardings), "alightings": .int(r.totalAlightings)]
        for rider in RiderType.allCases { p["boardings_\(rider.rawValue)"] = .int(r.boardings[rider] ?? 0) }
        return p
    }

    static func catchment(_ c: CatchmentPopulation?) -> [String: JSONValue] {
        [
            "population_within": c.map { .double($0.population) } ?? .null,
            "population_from_within": c.map { .double($0.populationFrom) } ?? .null,
            "population_change_within": c.map { .double($0.change) } ?? .null,
            "catchment_area_m2": c.map { .double($0.area) } ?? .null,
        ]
    }

    func timestamp(_ date: Date) -> String {
        ISO8601Timestamp.string(
            epochSeconds: date.timeIntervalSince1970, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }
}

import Foundation
import GeoCore

extension WildlifeBuilder {
    /// The layer: zone polygons first, then one point per camera; `kind` tells them apart.
    /// Feature ids are prefixed by kind so a one-camera zone and its camera differ
    /// (`zone:CAM01`, `camera:CAM01`); the source ids are the properties below.
    ///
    /// Zone features (`kind: "zone"`, Polygon):
    /// - `zone_id` (`"CAM01+CAM05"`), `camera_ids` (array of strings), `camera_count`;
    /// - `detections`, `bear_detections`, `score` (Σ weights), `risk` (0…1, score over the
    ///   layer's highest zone score), `area_m2` (project CRS);
    /// - `counts_by_species` {bear, boar, serow, other}, `counts_by_month` {"2022-08": n},
    ///   `counts_by_band` {"0-6", "6-12", "12-18", "18-24"};
    /// - `band_scores` (Σ weights per band), `band_risk` (0…1, band score over the layer's
    ///   highest band score: what time-aware routing uses at a time of day),
    ///   `band_profile` (0…1, the zone's own busiest band = 1);
    /// - `last_detection`, `last_bear` (ISO 8601 in the project's zone, or null).
    ///
    /// Camera features (`kind: "camera"`, Point): `camera_id`, `name`,
    /// `zone_id` (null without detections), `detections`, `bear_detections`, `score`,
    /// `counts_by_species`, `counts_by_month`, `counts_by_band`, `last_detection`.
    ///
    /// Metadata: `as_of`, `period_days`, `min_confidence`, `zone_radius_m`,
    /// `half_life_days`, `species_weights`, `zones`, `detections`,
    /// `unknown_camera_detections`.
    public func layer(_ result: WildlifeResult) -> BuiltLayer {
        var features = result.zones.map(feature)
        features += result.cameras.map(feature)
        let weights = Dictionary(
            uniqueKeysWithValues: Species.allCases.map { ($0.rawValue, JSONValue.double(settings.weight(of: $0))) })
        let metadata: [String: JSONValue] = [
            "as_of": result.asOf.map { .string(timestamp($0)) } ?? .null,
            "period_days": .double(settings.periodDays), "min_confidence": .double(settings.minConfidence),
            "zone_radius_m": .double(settings.zoneRadius), "half_life_days": .double(settings.halfLifeDays),
            "species_weights": .object(weights), "zones": .int(result.zones.count),
            "detections": .int(result.cameras.reduce(0) { $0 + $1.tally.detections }),
            "unknown_camera_detections": .int(result.unknownCameraDetections),
        ]
        return BuiltLayer(name: .wildlife, features: features, metadata: metadata)
    }

    func feature(_ zone: WildlifeZone) -> Feature {
        var p = tallyProperties(zone.tally)
        p["kind"] = "zone"
        p["zone_id"] = .string(zone.id)
        p["camera_ids"] = .array(zone.cameraIDs.map(JSONValue.string))
        p["camera_count"] = .int(zone.cameraIDs.count)
        p["risk"] = .double(zone.risk)
        p["area_m2"] = .double(zone.area)
        p["band_scores"] = Self.bands(zone.tally.bandScores)
        p["band_risk"] = Self.bands(zone.bandRisk)
        p["band_profile"] = Self.bands(zone.tally.bandProfile)
        p["last_bear"] = zone.tally.lastBear.map { .string(timestamp($0)) } ?? .null
        return Feature(id: "zone:" + zone.id, shape: zone.shape, properties: p)
    }

    func feature(_ summary: WildlifeCameraSummary) -> Feature {
        var p = tallyProperties(summary.tally)
        p["kind"] = "camera"
        p["camera_id"] = .string(summary.camera.cameraID)
        p["name"] = .string(summary.camera.name)
        p["zone_id"] = summary.zoneID.map(JSONValue.string) ?? .null
        return Feature(id: "camera:" + summary.camera.cameraID, shape: .point(summary.camera.location), properties: p)
    }

    private func tallyProperties(_ t: WildlifeTally) -> [String: JSONValue] {
        [
            "detections": .int(t.detections), "bear_detections": .int(t.bySpecies[.bear] ?? 0),
            "score": .double(t.score),
            "counts_by_species": .object(
                Dictionary(
                    uniqueKeysWithValues: Species.allCases.map {
                        ($0.rawValue, JSONValue.int(t.bySpecies[$0] ?? 0))
                    })),
            "counts_by_month": .object(t.byMonth.mapValues(JSONValue.int)),
            "counts_by_band": .object(
                Dictionary(
                    uniqueKeysWithValues: TimeOfDayBand.allCases.map {
                        ($0.key, JSONValue.int(t.byBand[$0] ?? 0))
                    })),
            "last_detection": t.lastDetection.map { .string(timestamp($0)) } ?? .null,
        ]
    }

    static func bands(_ values: [TimeOfDayBand: Double]) -> JSONValue {
        .object(
            Dictionary(uniqueKeysWithValues: TimeOfDayBand.allCases.map { ($0.key, JSONValue.double(values[$0] ?? 0)) })
        )
    }

    func timestamp(_ date: Date) -> String {
        ISO8601Timestamp.string(
            epochSeconds: date.timeIntervalSince1970, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }

    /// Reads cameras and detections from the hub and builds the layer.
    ///
    /// - Throws: ``HubError`` when the hub cannot be read; ``GEOSError``/``PROJError``
    ///   when geometry fails.
    public func build(catalogue: Catalogue) throws -> BuiltLayer {
        var builder = self
        if builder.asOf == nil { builder.asOf = try catalogue.newestTimestamp(of: [.wildlifeDetections]) }
        let detections = try catalogue.wildlifeDetections(minConfidence: settings.minConfidence)
        return builder.layer(try builder.build(cameras: try catalogue.wildlifeCameras(), detections: detections))
    }
}

import Foundation
import GeoCore

/// Builds the `wildlife` layer: zones around cameras with confident recent
/// detections, weighted by species and recency, merged where they overlap.
///
/// 1. Detections count when their confidence is at least `minConfidence` (default 0.5)
///    and they fall within `periodDays` (default 365) before the as-of time (the
///    project's `asOf`, else the newest detection).
/// 2. Each camera's tally (``WildlifeTally``): counts by species, month (`YYYY-MM`) and
///    time-of-day band (0–6, 6–12, 12–18, 18–24 h local), and the score
///    Σ speciesWeight × 0.5^(age / halfLifeDays).
/// 3. Each camera with a detection gets a disc of `zoneRadius` metres (default 500)
///    around it in the project CRS (`GEOSBuffer_r`); the discs are merged with
///    `GEOSUnaryUnion_r`, and each polygon of the union is a zone holding the cameras
///    inside it, with the sum of their tallies.
/// 4. Risks are normalised over the layer (see ``WildlifeZone``).
public struct WildlifeBuilder: Sendable {
    public var settings: WildlifeSettings
    /// The project's metric CRS (buffers are drawn in metres).
    public var crs: CRS
    /// The zone of time-of-day bands and months.
    public var timeZone: TimeZone
    /// The as-of time; nil means the newest detection.
    public var asOf: Date?
    /// Segments per quarter circle of the zone discs (GEOS's default, 8).
    public var quadrantSegments: Int

    public init(
        settings: WildlifeSettings = WildlifeSettings(), crs: CRS, timeZone: TimeZone, asOf: Date? = nil,
        quadrantSegments: Int = 8
    ) {
        self.settings = settings
        self.crs = crs
        self.timeZone = timeZone
        self.asOf = asOf
        self.quadrantSegments = quadrantSegments
    }

    /// A builder with the project's wildlife settings, CRS, zone and as-of time.
    public init(project: Project) {
        self.init(settings: project.layers.wildlife, crs: project.crs, timeZone: project.timeZone, asOf: project.asOf)
    }

    /// The weight of one detection of `species` seen `age` seconds before the as-of time.
    public func weight(of species: Species, age: TimeInterval) -> Double {
        settings.weight(of: species) * pow(0.5, max(0, age) / 86_400 / settings.halfLifeDays)
    }

    /// Computes cameras' tallies and the merged zones.
    ///
    /// - Parameters:
    ///   - cameras: every camera (its position in lon/lat).
    ///   - detections: detections in any order, any confidence (filtered here).
    /// - Throws: ``GEOSError`` or ``PROJError`` when buffering, merging or projecting fails.
    public func build(cameras: [WildlifeCamera], detections: [WildlifeDetection]) throws -> WildlifeResult {
        guard let now = asOf ?? detections.map(\.time).max() else {
            return WildlifeResult(
                zones: [], cameras: cameras.map { WildlifeCameraSummary(camera: $0, tally: WildlifeTally()) },
                asOf: nil)
        }
        let start = now.addingTimeInterval(-settings.periodDays * 86_400)
        let local = LayerBuilder.LocalCalendar(timeZone: timeZone)
        var tallies: [String: WildlifeTally] = [:]
        let known = Set(cameras.map(\.cameraID))
        var unknown = 0
        for d in detections where d.confidence >= settings.minConfidence && d.time >= start && d.time <= now {
            guard known.contains(d.cameraID) else {
                unknown += 1
                continue
            }
            tallies[d.cameraID, default: WildlifeTally()].add(
                species: d.species, time: d.time, fields: local.fields(d.time),
                weight: weight(of: d.species, age: now.timeIntervalSince(d.time)))
        }
        var summaries = cameras.map {
            WildlifeCameraSummary(camera: $0, tally: tallies[$0.cameraID] ?? WildlifeTally())
        }
        var zones = try mergedZones(summaries.filter { $0.tally.detections > 0 })
        Self.normaliseRisks(&zones)
        let zoneOf = Dictionary(
            zones.flatMap { zone in zone.cameraIDs.map { ($0, zone.id) } }, uniquingKeysWith: { a, _ in a })
        for i in summaries.indices { summaries[i].zoneID = zoneOf[summaries[i].camera.cameraID] }
        return WildlifeResult(zones: zones, cameras: summaries, asOf: now, unknownCameraDetections: unknown)
    }

    /// Buffers the cameras, merges overlapping discs, and assigns cameras to the parts.
    func mergedZones(_ active: [WildlifeCameraSummary]) throws -> [WildlifeZone] {
        guard !active.isEmpty else { return [] }
        let context = try GEOSContext.current
        let toMetric = try CRSTransform(from: .wgs84, to: crs)
        let points = try toMetric.transformed(active.map(\.camera.location))
        let style = BufferStyle(quadrantSegments: quadrantSegments)
        let discs = try points.map { p throws(GEOSError) in
            try Geometry(point: p, context: context).buffer(settings.zoneRadius, style: style)
        }
        let union = try Geometry.unaryUnion(discs, context: context)
        let parts: [PolygonRings]
        switch try union.shape() {
        case .polygon(let p): parts = [p]
        case .multiPolygon(let ps): parts = ps
        default: parts = []
        }
        var zones: [WildlifeZone] = []
        for part in parts {
            let polygon = try Geometry(.polygon(part), context: context)
            let prepared = try polygon.prepared()
            var members: [WildlifeCameraSummary] = []
            for (summary, point) in zip(active, points)
            where try prepared.covers(Geometry(point: point, context: context)) {
                members.append(summary)
            }
            guard !members.isEmpty else { continue }
            var tally = WildlifeTally()
            for m in members { tally.add(m.tally) }
            let ids = members.map(\.camera.cameraID).sorted()
            let metricShape = Shape.polygon(part)
            zones.append(
                WildlifeZone(
                    id: ids.joined(separator: "+"), cameraIDs: ids,
                    shape: try toMetric.inverse.transform(metricShape), metricShape: metricShape,
                    area: try polygon.area, tally: tally))
        }
        return zones.sorted { $0.id < $1.id }
    }

    /// Sets `risk` and `bandRisk` of every zone from the layer's maxima.
    static func normaliseRisks(_ zones: inout [WildlifeZone]) {
        let maxScore = zones.map(\.tally.score).max() ?? 0
        let maxBand = zones.flatMap(\.tally.bandScores.values).max() ?? 0
        for i in zones.indices {
            zones[i].risk = maxScore > 0 ? zones[i].tally.score / maxScore : 0
            zones[i].bandRisk = Dictionary(
                uniqueKeysWithValues: TimeOfDayBand.allCases.map { band in
                    (band, maxBand > 0 ? (zones[i].tally.bandScores[band] ?? 0) / maxBand : 0)
                })
        }
    }
}

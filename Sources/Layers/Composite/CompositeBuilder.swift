import Foundation
import GeoCore

/// Builds the `composite` layer: hazard × children's exposure on one metric grid,
/// and the ``RiskSurface`` safe routes are planned on.
///
/// For a cell with centre `x` (all distances in the project CRS):
/// - flood hazard `F(x) = maxₛ severityₛ · exp(−d(x, s) / sensorReach) · exp(−d(x, rivers) / riverReach)`:
///   each gauge's status (normal 0, advisory ⅓, warning ⅔, danger 1; the worse of the
///   current and the scenario-predicted status) reaches along the river it measures
///   and fades away from it; without basemap rivers the river factor is 1. Values
///   below 10⁻⁶ count as 0.
/// - wildlife hazard `W(x)` = Σ over zones of the zone's risk (0…1) × the share of
///   the cell the zone covers (GEOS intersection area); `W_b(x)` the same with the
///   zone's risk in time-of-day band `b`.
/// - exposure `E(x) = floor + (1 − floor) · ρ(x) / max ρ`, with `ρ` the child-traffic
///   density averaged over the cell and `max ρ` its one global maximum (`floor` =
///   `exposureFloor`, default 0.2); without a child-traffic layer `E = 1`.
/// - composite `C(x) = (w_flood · F(x) + w_wildlife · W(x)) · E(x)`: the layer, where
///   hazards meet children (1.0 = a full hazard where children are busiest).
/// - route hazard `R_b(x) = min(1, w_flood · F(x) + w_wildlife · W_b(x))`: what safe
///   routes avoid at a time of day in band `b` (see ``RiskSurface``). F and W are each
///   0…1, so with the default weights 1.0 means a full hazard: the bank of a river at a
///   gauge in danger, or the busiest camera's zone in its busiest band.
public struct CompositeBuilder: Sendable {
    public let settings: CompositeSettings
    /// The all-zero grid (project CRS, project bbox, `cellSize` cells) everything is computed on.
    public let frame: MetricGrid
    let toMetric: CRSTransform

    /// Prepares the grid.
    ///
    /// - Throws: ``GridLayerError`` when the grid cannot be made or PROJ cannot reach `crs`.
    public init(settings: CompositeSettings, bbox: BoundingBox, crs: CRS) throws(GridLayerError) {
        self.settings = settings
        frame = try MetricGrid.covering(lonLat: bbox, crs: crs, cellSize: settings.cellSize, layer: .composite)
        do {
            toMetric = try CRSTransform(from: CRS.wgs84, to: crs)
        } catch {
            throw GridLayerError(layer: .composite, message: "cannot project into \(crs): \(error)")
        }
    }

    /// Prepares the grid for a project (bbox, CRS, composite settings).
    public init(project: Project) throws(GridLayerError) {
        try self.init(settings: project.layers.composite, bbox: project.bbox, crs: project.crs)
    }

    /// The route surface from the three inputs.
    ///
    /// - Parameters:
    ///   - childTraffic: the child-traffic density grid (any cell size, the project CRS), or nil.
    ///   - gauges: flood hazard sources.
    ///   - rivers: basemap river geometries in lon/lat (lines or polygons).
    ///   - zones: wildlife hazard sources.
    /// - Throws: ``GridLayerError`` when an input is in another CRS or GEOS/PROJ fail.
    public func surface(
        childTraffic: MetricGrid?, gauges: [FloodGauge], rivers: [Shape],
        zones: [WildlifeHazard]
    ) throws(GridLayerError) -> RiskSurface {
        try surface(
            exposure: childTraffic == nil ? nil : try exposure(childTraffic), gauges: gauges, rivers: rivers,
            zones: zones)
    }

    /// The route surface with children's exposure given already on ``frame`` (from
    /// ``exposure(from:)`` or an earlier surface's ``RiskSurface/exposure``), or nil
    /// for none.
    ///
    /// - Throws: ``GridLayerError`` when `exposure` is not on ``frame``, or GEOS/PROJ fail.
    public func surface(
        exposure: MetricGrid?, gauges: [FloodGauge], rivers: [Shape], zones: [WildlifeHazard]
    ) throws(GridLayerError) -> RiskSurface {
        if let exposure { try checkOnFrame(exposure) }
        let flood = try floodHazard(gauges: gauges, rivers: rivers)
        let wildlife = try wildlifeHazard(zones)
        func weighted(_ hazard: MetricGrid, _ weight: Double) -> MetricGrid {
            var grid = hazard
            for i in grid.values.indices { grid.values[i] = Float(weight) * hazard.values[i] }
            return grid
        }
        let wf = settings.weight(of: .flood)
        let ww = settings.weight(of: .wildlife)
        return RiskSurface(
            flood: weighted(flood, wf), wildlife: weighted(wildlife.allDay, ww),
            wildlifeByBand: wildlife.byBand.map { weighted($0, ww) },
            exposure: exposure)
    }

    /// Children's exposure on ``frame`` from a child-traffic density grid (see the type):
    /// all the composite keeps of the density, so a long-running server may keep this
    /// (a few hundred kilobytes) and drop the density.
    ///
    /// - Throws: ``GridLayerError`` when the density is in another CRS.
    public func exposure(from density: MetricGrid) throws(GridLayerError) -> MetricGrid {
        try exposure(density)
    }

    /// Throws unless `grid` has ``frame``'s CRS, origin, cell size and dimensions.
    private func checkOnFrame(_ grid: MetricGrid) throws(GridLayerError) {
        guard grid.crs == frame.crs, grid.originX == frame.originX, grid.originY == frame.originY,
            grid.cellSize == frame.cellSize, grid.columns == frame.columns, grid.rows == frame.rows
        else {
            throw GridLayerError(
                layer: .composite,
                message: "the exposure grid (\(grid.columns) × \(grid.rows) cells of \(grid.cellSize) m in "
                    + "\(grid.crs)) is not on the composite's grid (\(frame.columns) × \(frame.rows) cells of "
                    + "\(frame.cellSize) m in \(frame.crs)); build the composite from the child-traffic layer")
        }
    }

    /// The `composite` layer (the all-day composite grid) for a surface.
    ///
    /// - Parameters:
    ///   - surface: from ``surface(childTraffic:gauges:rivers:zones:)``.
    ///   - exposureWindow: the child-traffic window used as exposure (for the metadata).
    ///   - sources: how many gauges and zones went in (for the metadata).
    public func layer(
        _ surface: RiskSurface, exposureWindow: String?, gauges: Int, zones: Int,
        builtAt: Date = Date()
    ) -> BuiltLayer {
        let grid = surface.allDay
        var bandMaxima: [String: JSONValue] = [:]
        var routeMaxima: [String: JSONValue] = [:]
        for band in TimeOfDayBand.allCases {
            bandMaxima[band.key] = .double(Double(surface.grid(band: band).maximum))
            routeMaxima[band.key] = .double(Double(surface.routeHazard(band: band).maximum))
        }
        let metadata: [String: JSONValue] = [
            "unit": "hazard × exposure (0 = none)",
            "model": "(w_flood · flood + w_wildlife · wildlife) · exposure",
            "cell_size_m": .double(frame.cellSize),
            "weights": .object(
                Dictionary(
                    uniqueKeysWithValues: CompositeHazard.allCases.map {
                        ($0.rawValue, JSONValue.double(settings.weight(of: $0)))
                    })),
            "beta": .double(settings.beta),
            "exposure_window": exposureWindow.map(JSONValue.string) ?? .null,
            "exposure_floor": .double(settings.exposureFloor),
            "sensor_reach_m": .double(settings.sensorReach),
            "river_reach_m": .double(settings.riverReach),
            "gauges": .int(gauges),
            "wildlife_zones": .int(zones),
            "normalisation": "global-maximum",
            "maximum": .double(Double(grid.maximum)),
            "flood_maximum": .double(Double(surface.flood.maximum)),  // weighted hazard, before exposure
            "wildlife_maximum": .double(Double(surface.wildlife.maximum)),
            "maximum_by_band": .object(bandMaxima),
            "route_hazard": "min(1, w_flood · flood + w_wildlife · wildlife in the band), exposure left out",
            "route_hazard_maximum_by_band": .object(routeMaxima),
        ]
        return BuiltLayer(name: .composite, grid: grid, metadata: metadata, builtAt: builtAt)
    }

    /// The layer and the route surface from built layers: child-traffic (its grid),
    /// flood-risk (gauge points with `status`), wildlife (zone polygons with `risk` and
    /// `band_risk`) and the basemap's rivers. Any of them may be missing.
    ///
    /// - Throws: ``GridLayerError`` as ``surface(childTraffic:gauges:rivers:zones:)``.
    public func build(
        childTraffic: BuiltLayer?, floodRisk: BuiltLayer?, wildlife: BuiltLayer?, rivers: [Feature],
        builtAt: Date = Date()
    ) throws(GridLayerError) -> (layer: BuiltLayer, surface: RiskSurface) {
        let density = childTraffic?.grid
        return try build(
            exposure: density == nil ? nil : try exposure(density),
            exposureWindow: childTraffic?.metadata["window"]?.stringValue, floodRisk: floodRisk,
            wildlife: wildlife, rivers: rivers, builtAt: builtAt)
    }

    /// The layer and the route surface as ``build(childTraffic:floodRisk:wildlife:rivers:builtAt:)``,
    /// with children's exposure given already on ``frame`` (``exposure(from:)``, or an
    /// earlier surface's) instead of the density it comes from; nil for none.
    ///
    /// - Parameter exposureWindow: the child-traffic window the exposure came from (metadata).
    /// - Throws: ``GridLayerError`` as ``surface(exposure:gauges:rivers:zones:)``.
    public func build(
        exposure: MetricGrid?, exposureWindow: String?, floodRisk: BuiltLayer?, wildlife: BuiltLayer?,
        rivers: [Feature], builtAt: Date = Date()
    ) throws(GridLayerError) -> (layer: BuiltLayer, surface: RiskSurface) {
        let gauges = floodRisk.map(FloodGauge.gauges(in:)) ?? []
        let zones = wildlife.map(WildlifeHazard.zones(in:)) ?? []
        let surface = try surface(exposure: exposure, gauges: gauges, rivers: rivers.map(\.shape), zones: zones)
        return (
            layer(
                surface, exposureWindow: exposureWindow, gauges: gauges.count, zones: zones.count,
                builtAt: builtAt),
            surface
        )
    }
}

import Foundation
import GeoCore

/// Builds the `child-traffic` layer: a kernel density of children's GPS pings in
/// metres, from the hub's per-cell aggregates, with k-anonymity applied first.
///
/// The steps, in order (DESIGN.md, child-traffic):
/// 1. Suppression: an aggregation cell seen by fewer than `minDistinctDevices`
///    distinct devices (default 5) is dropped, before anything else looks at it.
/// 2. Placement: each kept cell's pings go to the output cell holding its centre.
///    The output grid covers the project bbox (never the data's extent, so the
///    grid itself reveals nothing) on the aggregation lattice, with cells an odd
///    fraction of the aggregation cell (50 m → 16.7 m by default) so every
///    aggregation centre is exactly an output cell centre.
/// 3. Smoothing: a Gaussian kernel of `bandwidth` metres (σ, default 150 m), cut at
///    4σ, as two separable passes.
/// 4. Units: pings per hectare, the same at every zoom. The renderer normalises by
///    the grid's one global maximum (``MetricGrid/maximum``, also in the metadata),
///    never per tile.
///
/// The layer has no features: nothing per device, per ping or per suppressed cell
/// is published, not even how many cells were suppressed.
public struct ChildTrafficBuilder: Sendable {
    public let settings: ChildTrafficSettings
    /// The all-zero output grid (project CRS, project bbox) the density is computed on.
    public let frame: MetricGrid
    /// The smoothing kernel sampled on the output cells.
    public let kernel: GaussianKernel

    /// Default upper bound of the output cell side: 25 m draws smoothly at street zooms.
    public static let defaultMaxOutputCellSize = 25.0

    /// Prepares the output grid and kernel.
    ///
    /// - Parameters:
    ///   - settings: the layer's settings (`cellSize` is the hub's aggregation cell).
    ///   - bbox: the project bbox in lon/lat degrees.
    ///   - crs: the project's metric CRS.
    ///   - maxOutputCellSize: output cells are the aggregation cell divided by the
    ///     smallest odd number that brings them to at most this many metres.
    /// - Throws: ``GridLayerError`` when the grid cannot be made (see
    ///   ``MetricGrid/covering(lonLat:crs:cellSize:alignment:layer:)``).
    public init(
        settings: ChildTrafficSettings, bbox: BoundingBox, crs: CRS,
        maxOutputCellSize: Double = defaultMaxOutputCellSize
    ) throws(GridLayerError) {
        guard maxOutputCellSize.isFinite, maxOutputCellSize > 0 else {
            throw GridLayerError(layer: .childTraffic, message: "the output cell size must be positive metres")
        }
        var factor = 1
        while settings.cellSize / Double(factor) > maxOutputCellSize { factor += 2 }
        self.settings = settings
        self.frame = try MetricGrid.covering(
            lonLat: bbox, crs: crs, cellSize: settings.cellSize / Double(factor),
            alignment: settings.cellSize, layer: .childTraffic)
        self.kernel = GaussianKernel(bandwidth: settings.bandwidth, cellSize: frame.cellSize)
    }

    /// Prepares the builder for a project (its bbox, CRS and child-traffic settings).
    public init(project: Project, maxOutputCellSize: Double = defaultMaxOutputCellSize) throws(GridLayerError) {
        try self.init(
            settings: project.layers.childTraffic, bbox: project.bbox, crs: project.crs,
            maxOutputCellSize: maxOutputCellSize)
    }

    /// The density of `cells` (one time window's aggregates on the hub's lattice of
    /// `settings.cellSize` metres): suppression, placement, smoothing, in pings per hectare.
    public func density(_ cells: [TrafficCell]) -> TrafficDensity {
        var mass = [Double](repeating: 0, count: frame.columns * frame.rows)
        var published = 0
        var pings = 0
        for cell in cells where cell.devices >= settings.minDistinctDevices && cell.pings > 0 {
            guard let (column, row) = frame.cell(containing: cell.center(cellSize: settings.cellSize)) else { continue }
            mass[row * frame.columns + column] += Double(cell.pings)
            published += 1
            pings += cell.pings
        }
        let smoothed = kernel.smooth(mass, columns: frame.columns, rows: frame.rows)
        let perHectare = 10_000 / (frame.cellSize * frame.cellSize)
        var grid = frame
        grid.values = smoothed.map { Float($0 * perHectare) }
        return TrafficDensity(grid: grid, publishedCells: published, pings: pings)
    }

    /// The `child-traffic` layer for one window's aggregates.
    ///
    /// - Parameters:
    ///   - cells: the hub's aggregates for `window`.
    ///   - window: the time window they were aggregated in (named in the metadata).
    ///   - builtAt: the build time recorded on the layer.
    public func build(_ cells: [TrafficCell], window: TimeWindow, builtAt: Date = Date()) -> BuiltLayer {
        let density = density(cells)
        let maximum = density.grid.maximum
        let metadata: [String: JSONValue] = [
            "window": .string(window.name),
            "window_hours": .string(window.summary),
            "unit": "pings per hectare",
            "kernel": "gaussian",
            "bandwidth_m": .double(settings.bandwidth),
            "kernel_reach_m": .double(kernel.reach),
            "cell_size_m": .double(frame.cellSize),
            "aggregation_cell_size_m": .double(settings.cellSize),
            "min_distinct_devices": .int(settings.minDistinctDevices),
            "normalisation": "global-maximum",
            "maximum": .double(Double(maximum)),
            "published_cells": .int(density.publishedCells),
            "pings": .int(density.pings),
        ]
        return BuiltLayer(name: .childTraffic, grid: density.grid, metadata: metadata, builtAt: builtAt)
    }

    /// The `child-traffic` layer for the window called `window` (the settings'
    /// `defaultWindow` when nil) from the hub's aggregates.
    ///
    /// - Throws: ``GridLayerError`` when the hub was aggregated on another lattice or
    ///   CRS than the settings say (run `geohub build` to re-ingest), or holds no such window.
    public func build(_ aggregate: TrafficAggregate, window: String? = nil, builtAt: Date = Date())
        throws(GridLayerError) -> BuiltLayer
    {
        guard aggregate.cellSize == settings.cellSize, aggregate.crs.definition == frame.crs else {
            throw GridLayerError(
                layer: .childTraffic,
                message: "the hub holds GPS aggregated on \(aggregate.cellSize) m "
                    + "cells in \(aggregate.crs), the project asks for \(settings.cellSize) m in \(frame.crs); run "
                    + "`geohub build` again to re-ingest the GPS source")
        }
        let name = window ?? settings.defaultWindow
        guard let windowAggregate = aggregate.window(named: name) else {
            throw GridLayerError(
                layer: .childTraffic,
                message: "no time window \"\(name)\" in the hub (windows: "
                    + aggregate.windows.map(\.window.name).joined(separator: ", ") + ")")
        }
        return build(windowAggregate.cells, window: windowAggregate.window, builtAt: builtAt)
    }

    /// The `child-traffic` layer from a project's hub (nil when the project has no GPS source).
    ///
    /// - Throws: ``HubError`` when the hub cannot be read, ``GridLayerError`` as
    ///   ``build(_:window:builtAt:)-(TrafficAggregate,_,_)``.
    public func build(catalogue: Catalogue, window: String? = nil) throws -> BuiltLayer? {
        guard let aggregate = try catalogue.childTraffic() else { return nil }
        return try build(aggregate, window: window)
    }
}

/// A child-traffic density and what went into it.
public struct TrafficDensity: Sendable {
    /// Pings per hectare on the builder's frame; exactly 0 beyond the kernel's reach
    /// of every published cell.
    public var grid: MetricGrid
    /// Aggregation cells that passed k-anonymity and lay inside the grid.
    public var publishedCells: Int
    /// Pings in those cells.
    public var pings: Int
}

import GeoCore

extension MetricGrid {
    /// The most cells a grid layer may have (about 200 MB of `Float` values): beyond
    /// this the bbox is too large for the cell size and the build stops with a clear error.
    public static let maximumLayerCells = 50_000_000

    /// An all-zero grid in `crs` covering the lon/lat `bbox`, its edges snapped
    /// outward to multiples of `alignment` metres from the CRS origin.
    ///
    /// The bbox is projected with PROJ, its edges densified, so the grid covers the
    /// whole area even where the projection bends the bbox's edges. Snapping to a
    /// fixed lattice means grids built from the same project line up whatever the
    /// data: a cell's position never depends on where pings happened to fall.
    ///
    /// - Parameters:
    ///   - bbox: west, south, east, north in degrees.
    ///   - crs: the project's projected CRS (EPSG:6678 for Nagai).
    ///   - cellSize: side of a cell in metres.
    ///   - alignment: the lattice the edges snap to (default `cellSize`); a multiple of
    ///     `cellSize`, or `cellSize` times an odd fraction, keeps coarser cells' centres
    ///     on cell centres.
    ///   - layer: the layer the grid is for, named in errors.
    /// - Throws: ``GridLayerError`` when `crs` is not projected in metres, PROJ cannot
    ///   project the bbox into it, or the grid would exceed ``maximumLayerCells``.
    public static func covering(
        lonLat bbox: BoundingBox, crs: CRS, cellSize: Double, alignment: Double? = nil,
        layer: LayerName
    ) throws(GridLayerError) -> MetricGrid {
        guard bbox.isValid, bbox.width > 0, bbox.height > 0 else {
            throw GridLayerError(
                layer: layer, message: "the project bbox \(bbox) is empty; give west < east and south < north")
        }
        guard cellSize.isFinite, cellSize > 0 else {
            throw GridLayerError(
                layer: layer, message: "the cell size must be a positive number of metres, got \(cellSize)")
        }
        guard crs.isProjected, let metresPerUnit = crs.metresPerUnit, abs(metresPerUnit - 1) < 1e-9 else {
            throw GridLayerError(
                layer: layer,
                message: "the project CRS \(crs) is not a projected CRS in metres; "
                    + "give one such as EPSG:6678")
        }
        let metric: BoundingBox
        do {
            metric = try CRSTransform(from: CRS.wgs84, to: crs).transform(bbox, densifyPoints: 21)
        } catch {
            throw GridLayerError(layer: layer, message: "cannot project the bbox into \(crs): \(error)")
        }
        let step = alignment ?? cellSize
        let minX = (metric.minX / step).rounded(.down) * step
        let minY = (metric.minY / step).rounded(.down) * step
        let maxX = (metric.maxX / step).rounded(.up) * step
        let maxY = (metric.maxY / step).rounded(.up) * step
        let columns = Int(((maxX - minX) / cellSize).rounded())
        let rows = Int(((maxY - minY) / cellSize).rounded())
        guard columns > 0, rows > 0, columns.multipliedReportingOverflow(by: rows).partialValue <= maximumLayerCells,
            columns <= maximumLayerCells, rows <= maximumLayerCells
        else {
            throw GridLayerError(
                layer: layer,
                message: "a \(cellSize) m grid over the bbox would have \(columns) × \(rows) "
                    + "cells (at most \(maximumLayerCells)); use a larger cellSize or a smaller bbox")
        }
        return MetricGrid(
            crs: crs.definition, originX: minX, originY: minY, cellSize: cellSize, columns: columns, rows: rows)
    }
}

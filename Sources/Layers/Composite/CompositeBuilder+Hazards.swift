import Foundation
import GeoCore

extension CompositeBuilder {
    /// Children's exposure on the frame: `floor + (1 − floor) · ρ / max ρ` with `ρ` the
    /// density averaged over each cell (sampled on a sub-grid of up to 8 × 8 points),
    /// or 1 everywhere without a density.
    func exposure(_ density: MetricGrid?) throws(GridLayerError) -> MetricGrid {
        var grid = frame
        guard let density else {
            grid.values = [Float](repeating: 1, count: grid.values.count)
            return grid
        }
        guard density.crs == frame.crs else {
            throw GridLayerError(
                layer: .composite,
                message: "the child-traffic grid is in \(density.crs), "
                    + "the composite in \(frame.crs)")
        }
        let peak = Double(density.maximum)
        let floor = settings.exposureFloor
        let k = Swift.min(8, Swift.max(1, Int((frame.cellSize / density.cellSize).rounded(.up))))
        let frame = self.frame
        let rows = GridParallel.map(count: frame.rows, minimumChunk: 8) { range -> [Float] in
            var out: [Float] = []
            out.reserveCapacity(range.count * frame.columns)
            for row in range {
                for column in 0..<frame.columns {
                    var sum = 0.0
                    for j in 0..<k {
                        for i in 0..<k {
                            let x = frame.originX + (Double(column) + (Double(i) + 0.5) / Double(k)) * frame.cellSize
                            let y = frame.originY + (Double(row) + (Double(j) + 0.5) / Double(k)) * frame.cellSize
                            sum += density.sample(at: Coordinate(x: x, y: y))
                        }
                    }
                    let share = peak > 0 ? sum / Double(k * k) / peak : 0
                    out.append(Float(floor + (1 - floor) * Swift.min(1, share)))
                }
            }
            return out
        }
        grid.values = Array(rows.joined())
        return grid
    }

    /// Flood hazard on the frame (see the type's formula).
    func floodHazard(gauges: [FloodGauge], rivers: [Shape]) throws(GridLayerError) -> MetricGrid {
        var grid = frame
        let active = gauges.filter { $0.severity > 0 && $0.location.isFinite }
        guard !active.isEmpty else { return grid }
        let sources: [Coordinate]
        let riverShapes: [Shape]
        do {
            sources = try toMetric.transformed(active.map(\.location))
            riverShapes = try rivers.filter { !$0.isEmpty }.map { try toMetric.transform($0) }
        } catch {
            throw GridLayerError(layer: .composite, message: "cannot project flood gauges or rivers: \(error)")
        }
        let severities = active.map(\.severity)
        let sensorReach = settings.sensorReach
        let riverReach = settings.riverReach
        let frame = self.frame
        let rows = GridParallel.map(count: frame.rows, minimumChunk: 8) { range -> Result<[Float], GEOSError> in
            Result { () throws(GEOSError) -> [Float] in
                let context = try GEOSContext()
                let river =
                    riverShapes.isEmpty
                    ? nil
                    : try Geometry(.geometryCollection(riverShapes), context: context).prepared()
                var out: [Float] = []
                out.reserveCapacity(range.count * frame.columns)
                for row in range {
                    for column in 0..<frame.columns {
                        let centre = frame.center(column: column, row: row)
                        var gauge = 0.0
                        for (source, severity) in zip(sources, severities) {
                            gauge = Swift.max(gauge, severity * exp(-centre.distance(to: source) / sensorReach))
                        }
                        if gauge < 1e-6 {
                            out.append(0)
                            continue
                        }
                        if let river {
                            let d = try river.distance(to: Geometry(point: centre, context: context))
                            gauge *= exp(-d / riverReach)
                        }
                        out.append(gauge < 1e-6 ? 0 : Float(gauge))
                    }
                }
                return out
            }
        }
        var values: [Float] = []
        values.reserveCapacity(frame.values.count)
        for result in rows {
            switch result {
            case .success(let part): values += part
            case .failure(let error):
                throw GridLayerError(layer: .composite, message: "cannot measure distances to rivers: \(error)")
            }
        }
        grid.values = values
        return grid
    }

    /// Wildlife hazard on the frame, all day and per band: each zone's risk times the
    /// share of every cell it covers.
    func wildlifeHazard(_ zones: [WildlifeHazard]) throws(GridLayerError) -> (allDay: MetricGrid, byBand: [MetricGrid])
    {
        var allDay = frame
        var byBand = [MetricGrid](repeating: frame, count: RiskSurface.bandCount)
        guard !zones.isEmpty else { return (allDay, byBand) }
        let shapes: [Shape]
        do {
            shapes = try zones.map { try toMetric.transform($0.shape) }
        } catch {
            throw GridLayerError(layer: .composite, message: "cannot project wildlife zones: \(error)")
        }
        let frame = self.frame
        let coverage = GridParallel.map(count: zones.count) { range -> Result<[[(Int, Double)]], GEOSError> in
            Result { () throws(GEOSError) -> [[(Int, Double)]] in
                let context = try GEOSContext()
                return try range.map { index throws(GEOSError) in
                    try Self.cellShares(of: shapes[index], in: frame, context: context)
                }
            }
        }
        var zoneIndex = 0
        for result in coverage {
            let parts: [[(Int, Double)]]
            switch result {
            case .success(let value): parts = value
            case .failure(let error):
                throw GridLayerError(layer: .composite, message: "cannot rasterise wildlife zones: \(error)")
            }
            for shares in parts {
                let zone = zones[zoneIndex]
                for (cell, share) in shares {
                    allDay.values[cell] += Float(zone.allDay * share)
                    for band in 0..<RiskSurface.bandCount {
                        byBand[band].values[cell] += Float(zone.byBand[band] * share)
                    }
                }
                zoneIndex += 1
            }
        }
        return (allDay, byBand)
    }

    /// The cells a metric polygon touches and the share of each it covers (GEOS:
    /// prepared `containsProperly` for whole cells, intersection area for the rest).
    static func cellShares(of shape: Shape, in frame: MetricGrid, context: GEOSContext) throws(GEOSError)
        -> [(Int, Double)]
    {
        guard let box = shape.boundingBox, let clipped = box.intersection(frame.extent) else { return [] }
        let zone = try Geometry(shape, context: context)
        let prepared = try zone.prepared()
        let cellArea = frame.cellSize * frame.cellSize
        let c0 = Swift.max(0, Int(((clipped.minX - frame.originX) / frame.cellSize).rounded(.down)))
        let c1 = Swift.min(frame.columns - 1, Int(((clipped.maxX - frame.originX) / frame.cellSize).rounded(.down)))
        let r0 = Swift.max(0, Int(((clipped.minY - frame.originY) / frame.cellSize).rounded(.down)))
        let r1 = Swift.min(frame.rows - 1, Int(((clipped.maxY - frame.originY) / frame.cellSize).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return [] }
        var shares: [(Int, Double)] = []
        for row in r0...r1 {
            for column in c0...c1 {
                let cell = BoundingBox(
                    minX: frame.originX + Double(column) * frame.cellSize,
                    minY: frame.originY + Double(row) * frame.cellSize,
                    maxX: frame.originX + Double(column + 1) * frame.cellSize,
                    maxY: frame.originY + Double(row + 1) * frame.cellSize)
                let square = try Geometry(box: cell, context: context)
                if try prepared.containsProperly(square) {
                    shares.append((row * frame.columns + column, 1))
                } else if try prepared.intersects(square) {
                    let area = try zone.intersection(square).area
                    if area > 0 { shares.append((row * frame.columns + column, Swift.min(1, area / cellArea))) }
                }
            }
        }
        return shares
    }
}

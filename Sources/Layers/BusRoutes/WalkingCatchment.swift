import Foundation
import GeoCore

/// The census cells in the project's metric CRS, ready for catchment sums: which cells
/// lie within walking distance of which stops (``SpatialJoin``, decided by GEOS), and
/// the area-weighted population of any catchment polygon (`GEOSIntersection_r`, areas).
///
/// Cells whose population is unknown in either year (hidden by secrecy with no cell
/// named to hold it) are left out and counted in `skippedCells`.
struct WalkingCatchment {
    let distance: Double
    let cells: [CensusDeltaCell]
    let metricCells: [Shape]
    let cellAreas: [Double]
    let skippedCells: Int
    private let context: GEOSContext
    private let cellGeometries: [Geometry]

    init(census: CensusDeltaResult, crs: CRS, distance: Double, context: GEOSContext) throws {
        let toMetric = try CRSTransform(from: .wgs84, to: crs)
        let known = census.cells.filter { $0.populationFrom != nil && $0.populationTo != nil }
        self.distance = distance
        self.context = context
        cells = known
        skippedCells = census.cells.count - known.count
        metricCells = try known.map { cell throws(PROJError) in try toMetric.transform(cell.shape) }
        cellGeometries = try metricCells.map { shape throws(GEOSError) in try Geometry(shape, context: context) }
        cellAreas = try cellGeometries.map { g throws(GEOSError) in try g.area }
    }

    /// For each point (metric), the indices of the cells within `distance` of it.
    func candidates(of points: [Coordinate]) throws -> [[Int]] {
        var result = [[Int]](repeating: [], count: points.count)
        let pairs = try SpatialJoin.pointsWithinDistance(points, of: metricCells, distance: distance)
        for pair in pairs { result[pair.left].append(pair.right) }
        return result
    }

    /// The walking disc around a metric point (`GEOSBuffer_r`, 8 segments a quarter circle).
    func disc(around point: Coordinate) throws -> Geometry {
        try Geometry(point: point, context: context).buffer(distance)
    }

    /// The area-weighted population of `catchment` over the candidate cells.
    func population(of catchment: Geometry, candidates: some Sequence<Int>) throws -> CatchmentPopulation {
        var result = CatchmentPopulation(area: try catchment.area)
        for index in Set(candidates).sorted() {
            let overlap = try catchment.intersection(cellGeometries[index]).area
            guard overlap > 0, cellAreas[index] > 0 else { continue }
            let share = overlap / cellAreas[index]
            result.population += share * Double(cells[index].populationTo ?? 0)
            result.populationFrom += share * Double(cells[index].populationFrom ?? 0)
            result.cells += 1
        }
        return result
    }
}

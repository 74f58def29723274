import Foundation
import GeoCore

/// Builds the `census-delta` layer: JIS X 0410 mesh cells with residents and
/// households in two census years and the change between them.
///
/// - Years: `fromYear`/`toYear` from the settings, else the two newest years in the hub.
/// - Mesh size: `meshLevel` from the settings (`1km`, `500m`, `250m`), else the finest
///   size both years cover completely, i.e. the coarsest resolution either year was
///   given at (finer rows are added up into it; see ``CensusYearCells``).
/// - Secrecy (e-Stat `HTKSYORI`/`HTKSAKI`/`GASSAN`): a hidden cell's figures are counted
///   in the cell it was merged into. When that cell is another cell of the layer, the
///   cells linked by merges in either year form one group, published once under the
///   receiving cell's code with the union of their polygons, so both years compare the
///   same ground.
/// - A cell missing from one year has no residents that year (e-Stat leaves
///   uninhabited cells out).
/// - Relative change is hidden (null) when the earlier population is below
///   `minBasePopulation` (default 10).
public struct CensusDeltaBuilder: Sendable {
    public var settings: CensusDeltaSettings

    public init(settings: CensusDeltaSettings = CensusDeltaSettings()) {
        self.settings = settings
    }

    public init(project: Project) {
        self.init(settings: project.layers.censusDelta)
    }

    /// The two years compared, from the settings or the years available.
    ///
    /// - Throws: ``LayerBuildError`` when fewer than two years are available or a
    ///   configured year is missing.
    public func years(available: [Int]) throws(LayerBuildError) -> (from: Int, to: Int) {
        let sorted = Array(Set(available)).sorted()
        let to = settings.toYear ?? sorted.last
        let from = settings.fromYear ?? sorted.last { $0 < (to ?? Int.max) }
        guard let from, let to, from < to else {
            throw LayerBuildError(
                layer: .censusDelta,
                message: "needs two census years; the hub has "
                    + (sorted.isEmpty ? "none" : sorted.map(String.init).joined(separator: ", ")))
        }
        for year in [from, to] where !sorted.contains(year) {
            throw LayerBuildError(
                layer: .censusDelta,
                message: "census year \(year) is not in the hub (it has "
                    + "\(sorted.map(String.init).joined(separator: ", ")))")
        }
        return (from, to)
    }

    /// Compares two years' rows.
    ///
    /// - Throws: ``LayerBuildError`` when a year has rows coarser than the configured
    ///   mesh size or no rows; ``GEOSError`` when merging polygons fails.
    public func build(fromYear: Int, from: [CensusRow], toYear: Int, to: [CensusRow]) throws -> CensusDeltaResult {
        guard let coarsest = (from + to).map(\.meshCode.level).min(), !from.isEmpty, !to.isEmpty else {
            throw LayerBuildError(
                layer: .censusDelta, message: "census \(from.isEmpty ? fromYear : toYear) has no cells")
        }
        let level = settings.meshLevel ?? coarsest
        let before = try CensusYearCells(rows: from, level: level, year: fromYear)
        let after = try CensusYearCells(rows: to, level: level, year: toYear)
        let groups = Self.groups(
            cells: Set(before.population.keys).union(after.population.keys),
            links: before.links + after.links)
        let context = try GEOSContext.current
        var cells: [CensusDeltaCell] = []
        for group in groups {
            let shape: Shape
            if group.members.count == 1 {
                shape = group.named.polygon
            } else {
                shape = try Geometry.unaryUnion(group.members.map(\.polygon), context: context).shape()
            }
            var cell = CensusDeltaCell(
                meshCode: group.named, meshCodes: group.members, shape: shape,
                populationFrom: Self.sum(group.members, before.population),
                populationTo: Self.sum(group.members, after.population),
                householdsFrom: Self.sum(group.members, before.households),
                householdsTo: Self.sum(group.members, after.households))
            if let change = cell.populationChange, let base = cell.populationFrom, base > 0,
                base >= settings.minBasePopulation
            {
                cell.populationChangePercent = 100 * Double(change) / Double(base)
            }
            cells.append(cell)
        }
        return CensusDeltaResult(
            fromYear: fromYear, toYear: toYear, level: level,
            cells: cells.sorted { $0.meshCode < $1.meshCode })
    }

    /// Σ over `members` (a cell absent from the year counts 0; an unknown one makes the sum unknown).
    static func sum(_ members: [MeshCode], _ values: [MeshCode: Int?]) -> Int? {
        var total = 0
        for cell in members {
            guard let entry = values[cell] else { continue }
            guard let value = entry else { return nil }
            total += value
        }
        return total
    }

    /// Cells joined by secrecy links (union–find), each group with its named cell: the
    /// smallest receiving cell, or the cell itself when alone.
    static func groups(cells: Set<MeshCode>, links: [(hidden: MeshCode, receiving: MeshCode)])
        -> [(named: MeshCode, members: [MeshCode])]
    {
        var parent: [MeshCode: MeshCode] = [:]
        func root(_ c: MeshCode) -> MeshCode {
            var c = c
            while let p = parent[c], p != c {
                parent[c] = parent[p] ?? p
                c = p
            }
            return c
        }
        let all = cells.union(links.flatMap { [$0.hidden, $0.receiving] })
        for c in all { parent[c] = c }
        for link in links {
            let a = root(link.hidden)
            let b = root(link.receiving)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        let receiving = Set(links.map(\.receiving))
        var members: [MeshCode: [MeshCode]] = [:]
        for c in all { members[root(c), default: []].append(c) }
        return members.values.map { group in
            let sorted = group.sorted()
            return (sorted.first { receiving.contains($0) } ?? sorted[0], sorted)
        }
    }
}

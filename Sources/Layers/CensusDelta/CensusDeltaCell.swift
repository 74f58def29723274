import GeoCore

/// One feature of the census-delta layer: a mesh cell (or, where e-Stat merged a
/// hidden cell into a neighbour in another cell, the cells merged together) with its
/// figures in both years.
public struct CensusDeltaCell: Sendable, Hashable {
    /// The cell the figures are published under: the cell itself, or for a merged
    /// group the receiving (named) cell.
    public var meshCode: MeshCode
    /// Every cell of the group, sorted (just `[meshCode]` when nothing was merged).
    public var meshCodes: [MeshCode]
    /// The polygon in lon/lat degrees (for a group, the GEOS union of its cells).
    public var shape: Shape
    public var populationFrom: Int?
    public var populationTo: Int?
    public var householdsFrom: Int?
    public var householdsTo: Int?
    /// 100 × change / earlier population; nil when the earlier population is below the
    /// layer's `minBasePopulation` (a few people would make a huge percentage) or unknown.
    public var populationChangePercent: Double?

    public init(
        meshCode: MeshCode, meshCodes: [MeshCode], shape: Shape, populationFrom: Int?, populationTo: Int?,
        householdsFrom: Int?, householdsTo: Int?, populationChangePercent: Double? = nil
    ) {
        self.meshCode = meshCode
        self.meshCodes = meshCodes
        self.shape = shape
        self.populationFrom = populationFrom
        self.populationTo = populationTo
        self.householdsFrom = householdsFrom
        self.householdsTo = householdsTo
        self.populationChangePercent = populationChangePercent
    }

    /// Later minus earlier residents (the `population_change` property); nil when
    /// either is unknown.
    public var populationChange: Int? { populationFrom.flatMap { from in populationTo.map { $0 - from } } }

    public var householdsChange: Int? { householdsFrom.flatMap { from in householdsTo.map { $0 - from } } }

    /// Whether secrecy merged this cell with others.
    public var isMerged: Bool { meshCodes.count > 1 }
}

/// The census-delta layer as typed values (also the population source of bus-routes).
public struct CensusDeltaResult: Sendable, Hashable {
    public var fromYear: Int
    public var toYear: Int
    public var level: MeshLevel
    public var cells: [CensusDeltaCell]

    public init(fromYear: Int, toYear: Int, level: MeshLevel, cells: [CensusDeltaCell]) {
        self.fromYear = fromYear
        self.toYear = toYear
        self.level = level
        self.cells = cells
    }
}

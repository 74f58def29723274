import GeoCore

/// One census year's figures at one mesh level, with e-Stat's secrecy merges kept
/// as links between cells.
///
/// - A cell of the level takes its own row when the year has one (`census_mesh.csv`
///   at 500 m); otherwise the sum over its sub-cells one level finer, each taken the
///   same way. So where a year is given at two resolutions (the example's 2020 at
///   500 m and, for one first-level square, at 250 m) the coarser row wins and no one
///   is counted twice.
/// - A hidden row (`HTKSAKI` names the cell that holds its figures) adds nothing where
///   it lies; when that cell falls in another cell of the level, the two are linked
///   (their figures can only be compared together). A `GASSAN` list links the same way
///   from the receiving side.
/// - A figure that is unknown (hidden with no target, or blank) makes its cell unknown.
struct CensusYearCells {
    /// Residents per cell; nil = unknown.
    var population: [MeshCode: Int?] = [:]
    /// Households per cell; nil = unknown.
    var households: [MeshCode: Int?] = [:]
    /// Pairs of cells of the level whose figures were merged (hidden → receiving).
    var links: [(hidden: MeshCode, receiving: MeshCode)] = []

    /// - Throws: ``LayerBuildError`` when a row is coarser than `level` (it cannot be split).
    init(rows: [CensusRow], level: MeshLevel, year: Int) throws(LayerBuildError) {
        var byCell: [MeshCode: [CensusRow]] = [:]
        for row in rows {
            guard row.meshCode.level >= level else {
                throw LayerBuildError(
                    layer: .censusDelta,
                    message: "census \(year) has \(row.meshCode.level) cells "
                        + "(\(row.meshCode)), which cannot be split into \(level) cells; set layers.census-delta.meshLevel "
                        + "to \(Self.settingName(row.meshCode.level)) or coarser")
            }
            guard let cell = try? row.meshCode.ancestor(at: level) else { continue }
            byCell[cell, default: []].append(row)
        }
        for (cell, cellRows) in byCell {
            var people: Int? = 0
            var homes: Int? = 0
            for row in Self.coarsestCover(cell, cellRows) {
                switch row.secrecy {
                case .hidden(let target?) where row.population == nil:
                    if let receiving = try? target.ancestor(at: level), receiving != cell {
                        links.append((cell, receiving))
                    }
                    continue
                case .aggregate(let included):
                    for hidden in included {
                        if let hiddenCell = try? hidden.ancestor(at: level), hiddenCell != cell {
                            links.append((hiddenCell, cell))
                        }
                    }
                default: break
                }
                people = people.flatMap { sum in row.population.map { sum + $0 } }
                homes = homes.flatMap { sum in row.households.map { sum + $0 } }
            }
            population[cell] = people
            households[cell] = homes
        }
    }

    /// The rows that cover `cell` once: its own row if present, else the same choice
    /// for each of its sub-cells one level finer.
    static func coarsestCover(_ cell: MeshCode, _ rows: [CensusRow]) -> [CensusRow] {
        if let own = rows.first(where: { $0.meshCode == cell }) { return [own] }
        guard let finer = MeshLevel(rawValue: cell.level.rawValue + 1) else { return [] }
        var bySubCell: [MeshCode: [CensusRow]] = [:]
        for row in rows where row.meshCode.level >= finer {
            guard let sub = try? row.meshCode.ancestor(at: finer) else { continue }
            bySubCell[sub, default: []].append(row)
        }
        return bySubCell.keys.sorted().flatMap { coarsestCover($0, bySubCell[$0] ?? []) }
    }

    /// `1km`, `500m`, `250m`: how the project file names a level.
    static func settingName(_ level: MeshLevel) -> String {
        level.nominalMetres >= 1000 ? "\(level.nominalMetres / 1000)km" : "\(level.nominalMetres)m"
    }
}

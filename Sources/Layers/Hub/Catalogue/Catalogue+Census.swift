import Foundation
import GeoCore

extension Catalogue {
    /// The census years in the hub, ascending.
    public func censusYears() throws(HubError) -> [Int] {
        try query { try db.rows("SELECT DISTINCT year FROM census ORDER BY year").compactMap { $0[0].int } }
    }

    /// The mesh levels present for one census year, coarsest first. A year may come
    /// at several resolutions (a 500 m `census_mesh.csv` and a 250 m e-Stat file): a
    /// layer should pick one per year rather than add them.
    public func censusLevels(year: Int) throws(HubError) -> [MeshLevel] {
        try query {
            try db.rows("SELECT DISTINCT length(mesh_code) FROM census WHERE year = ? ORDER BY 1", year)
                .compactMap { $0[0].int.flatMap(MeshLevel.init(digitCount:)) }
        }
    }

    /// The mesh cells of one census year in mesh-code order (a cell right before the
    /// cells inside it), at one level when `level` is given.
    public func censusRows(year: Int, level: MeshLevel? = nil) throws(HubError) -> [CensusRow] {
        try query {
            try db.rows(
                """
                SELECT mesh_code, year, population, households, secrecy, merged_into, merged_from FROM census
                WHERE year = ? AND (? = 0 OR length(mesh_code) = ?) ORDER BY mesh_code
                """, year, level?.digitCount ?? 0, level?.digitCount ?? 0
            ).compactMap { r -> CensusRow? in
                guard let code = r[0].string.flatMap({ try? MeshCode($0) }) else { return nil }
                let secrecy: CensusSecrecy
                switch r[4].string {
                case "hidden": secrecy = .hidden(mergedInto: r[5].string.flatMap { try? MeshCode($0) })
                case "aggregate":
                    secrecy = .aggregate(
                        includes: (r[6].string ?? "").split(separator: ";").compactMap {
                            try? MeshCode(String($0))
                        })
                default: secrecy = .none
                }
                return CensusRow(
                    meshCode: code, year: r[1].int ?? year, population: r[2].int, households: r[3].int,
                    secrecy: secrecy)
            }
        }
    }
}

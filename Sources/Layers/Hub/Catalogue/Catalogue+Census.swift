import Foundation
import GeoCore

extension Catalogue {
    /// The census years in the hub, ascending.
    public func censusYears() throws(HubError) -> [Int] {
        try query { try db.rows("SELECT DISTINCT year FROM census ORDER BY year").compactMap { $0[0].int } }
    }

    /// Every mesh cell of one census year, by mesh code.
    public func censusRows(year: Int) throws(HubError) -> [CensusRow] {
        try query {
            try db.rows("""
                SELECT mesh_code, year, population, households, secrecy, merged_into, merged_from FROM census
                WHERE year = ? ORDER BY mesh_code
                """, year).compactMap { r -> CensusRow? in
                guard let code = r[0].string.flatMap({ try? MeshCode($0) }) else { return nil }
                let secrecy: CensusSecrecy
                switch r[4].string {
                case "hidden": secrecy = .hidden(mergedInto: r[5].string.flatMap { try? MeshCode($0) })
                case "aggregate":
                    secrecy = .aggregate(includes: (r[6].string ?? "").split(separator: ";").compactMap {
                        try? MeshCode(String($0))
                    })
                default: secrecy = .none
                }
                return CensusRow(meshCode: code, year: r[1].int ?? year, population: r[2].int, households: r[3].int,
                                 secrecy: secrecy)
            }
        }
    }
}

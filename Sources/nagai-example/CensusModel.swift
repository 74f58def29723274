import Foundation
import GeoCore

/// Synthetic census population on 500 m squares whose totals are the real city totals.
///
/// Population is spread from the town points (the centre's 町丁目 compactly, villages more
/// widely) with district totals chosen to look like Nagai; squares expecting fewer than three
/// people are left out, as e-Stat leaves out empty squares. 2015 totals 27,755 (census);
/// 2020 totals 26,492 (the 2020-01-01 resident count, as no 2020 census figure is in the
/// offline facts). 2015→2020 change differs by district (平野 holds steady, the others shrink).
struct CensusModel {
    struct Cell {
        let mesh: MeshCode
        let district: District
        let population2015: Int
        let households2015: Int
        let population2020: Int
        let households2020: Int
    }

    let cells: [Cell]
    private let sources: [(plane: PlanePoint, weight: Double, sigma: Double)]

    static let districtPopulation: [District: Double] = [
        .central: 14_000, .chiho: 3_500, .nishine: 3_700, .hirano: 2_300, .isazawa: 1_800, .toyoda: 2_500,
    ]
    static let change: [District: Double] = [
        .central: 0.945, .chiho: 0.955, .nishine: 0.94, .hirano: 1.005, .isazawa: 0.93, .toyoda: 0.95,
    ]

    init() throws(GeneratorError) {
        var random = SplitMix64(stream: "census")
        var sources: [(plane: PlanePoint, weight: Double, sigma: Double)] = []
        var districtOf: [District] = []
        for district in District.allCases {
            let towns = NagaiFacts.towns.filter { $0.district == district }
            let share = (CensusModel.districtPopulation[district] ?? 0) / Double(towns.count)
            for town in towns {
                sources.append(
                    (
                        LocalPlane.project(town.coordinate), share * random.uniform(0.7, 1.3),
                        district == .central ? 260 : 550
                    ))
                districtOf.append(district)
            }
        }
        self.sources = sources

        let west = NagaiFacts.towns.map(\.lon).min() ?? 139.9
        let east = NagaiFacts.towns.map(\.lon).max() ?? 140.1
        let south = NagaiFacts.towns.map(\.lat).min() ?? 38.0
        let north = NagaiFacts.towns.map(\.lat).max() ?? 38.2
        // 500 m squares are 15″ of latitude by 22.5″ of longitude: walk them by index, centre to centre.
        let rows = Int(((south - 0.02) * 240).rounded(.down))...Int(((north + 0.02) * 240).rounded(.down))
        let columns = Int(((west - 0.03 - 100) * 160).rounded(.down))...Int(((east + 0.03 - 100) * 160).rounded(.down))
        var candidates: [(MeshCode, Double, District)] = []
        for row in rows {
            for column in columns {
                let centre = Coordinate(lon: 100 + (Double(column) + 0.5) / 160, lat: (Double(row) + 0.5) / 240)
                let cell: MeshCode
                do {
                    cell = try MeshCode(containing: centre, level: .half)
                } catch {
                    throw GeneratorError("no mesh code for a census square: \(error)")
                }
                let box = cell.bounds
                let sw = Coordinate(lon: box.west, lat: box.south)
                let area =
                    LocalPlane.distance(sw, Coordinate(lon: box.east, lat: box.south))
                    * LocalPlane.distance(sw, Coordinate(lon: box.west, lat: box.north))
                var contributions = Array(repeating: 0.0, count: sources.count)
                let p = LocalPlane.project(cell.center)
                for (i, s) in sources.enumerated() {
                    let d2 = (p.x - s.plane.x) * (p.x - s.plane.x) + (p.y - s.plane.y) * (p.y - s.plane.y)
                    contributions[i] =
                        s.weight * exp(-d2 / (2 * s.sigma * s.sigma)) / (2 * Double.pi * s.sigma * s.sigma) * area
                }
                let expected = contributions.reduce(0, +)
                guard expected >= 3 else { continue }
                let dominant = contributions.indices.max { contributions[$0] < contributions[$1] } ?? 0
                candidates.append((cell, expected, districtOf[dominant]))
            }
        }
        let pop2015 = Numbers.apportion(NagaiFacts.population2015, weights: candidates.map(\.1))
        let weights2020 = candidates.map { ($0.1) * (CensusModel.change[$0.2] ?? 1) * random.uniform(0.96, 1.04) }
        let pop2020 = Numbers.apportion(NagaiFacts.population2020, weights: weights2020)
        cells = candidates.indices.map { i in
            let district = candidates[i].2
            let central = district == .central
            return Cell(
                mesh: candidates[i].0, district: district,
                population2015: pop2015[i],
                households2015: pop2015[i] == 0
                    ? 0 : max(1, Int((Double(pop2015[i]) / (central ? 2.45 : 3.2)).rounded())),
                population2020: pop2020[i],
                households2020: pop2020[i] == 0
                    ? 0 : max(1, Int((Double(pop2020[i]) / (central ? 2.35 : 3.05)).rounded())))
        }
    }

    /// Relative population density at `c` (for splitting squares into quarters).
    func density(at c: Coordinate) -> Double {
        let p = LocalPlane.project(c)
        return sources.reduce(0.0) { sum, s in
            let d2 = (p.x - s.plane.x) * (p.x - s.plane.x) + (p.y - s.plane.y) * (p.y - s.plane.y)
            return sum + s.weight * exp(-d2 / (2 * s.sigma * s.sigma)) / (s.sigma * s.sigma)
        }
    }

    /// `census_mesh.csv`: mesh_code,year,population,households for both years (empty squares left out).
    func csv() -> TextSink {
        var sink = TextSink()
        sink.line("mesh_code,year,population,households")
        for year in [2015, 2020] {
            for cell in cells.sorted(by: { $0.mesh < $1.mesh }) {
                let population = year == 2015 ? cell.population2015 : cell.population2020
                let households = year == 2015 ? cell.households2015 : cell.households2020
                guard population > 0 else { continue }
                sink.line("\(cell.mesh.code),\(year),\(population),\(households)")
            }
        }
        return sink
    }
}

import Foundation
import GeoCore

/// Writes `tblT000876Q5740.txt` in the layout e-Stat publishes its mesh statistics.
///
/// e-Stat's 地域メッシュ統計 downloads are one text file per 1st-level square, Shift_JIS
/// (CP932), CRLF, with two header rows: item codes (`KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,
/// T000876001,…`) and then Japanese item names, each led by a full-width space (`　人口（総数）`,
/// `　世帯総数`, …). Table T000876 is the 4分の1 (250 m, 10-digit code) table of 人口及び世帯;
/// its 41 items are listed below, 001 人口（総数） and 025 世帯総数 among them. Squares with very
/// few people are hidden for secrecy: their values are `*`, HTKSYORI is 2 and HTKSAKI names the
/// square they were added to, which has HTKSYORI 1 and lists them in GASSAN (`;`-separated).
/// Zero in a breakdown item is written `-`.
///
/// The content is synthetic: the 2020 population of `census_mesh.csv`'s 500 m squares in
/// 1st-level square 5740, split over their quarters; the project file reads it as year 2020.
struct EStatMeshFile {
    let census: CensusModel
    static let primary = "5740"
    static let fileName = "tblT000876Q5740.txt"

    static let items: [String] = [
        "人口（総数）", "人口（総数）　男", "人口（総数）　女",
        "０～１４歳人口　総数", "０～１４歳人口　男", "０～１４歳人口　女",
        "１５歳以上人口　総数", "１５歳以上人口　男", "１５歳以上人口　女",
        "１５～６４歳人口　総数", "１５～６４歳人口　男", "１５～６４歳人口　女",
        "２０歳以上人口　総数", "２０歳以上人口　男", "２０歳以上人口　女",
        "６５歳以上人口　総数", "６５歳以上人口　男", "６５歳以上人口　女",
        "７５歳以上人口　総数", "７５歳以上人口　男", "７５歳以上人口　女",
        "外国人人口　総数", "外国人人口　男", "外国人人口　女",
        "世帯総数", "一般世帯数", "１人世帯数　一般世帯数", "２人世帯数　一般世帯数", "３人世帯数　一般世帯数",
        "４人世帯数　一般世帯数", "５人世帯数　一般世帯数", "６人世帯数　一般世帯数", "７人以上世帯数　一般世帯数",
        "親族のみの世帯数　一般世帯数", "うち核家族世帯数　一般世帯数", "うち核家族以外の世帯数　一般世帯数",
        "６歳未満世帯員のいる世帯数　一般世帯数", "６５歳以上世帯員のいる世帯数　一般世帯数",
        "世帯主の年齢が２０～２９歳の１人世帯数　一般世帯数", "高齢単身世帯数　一般世帯数", "高齢夫婦世帯数　一般世帯数",
    ]

    private struct Quarter {
        let mesh: MeshCode
        var population: Int
        var households: Int
        var secrecy = 0
        var mergedInto: String?
        var merged: [String] = []
    }

    func data() throws(GeneratorError) -> Data {
        var random = SplitMix64(stream: "estat")
        var quarters: [Quarter] = []
        for cell in census.cells.sorted(by: { $0.mesh < $1.mesh })
        where cell.mesh.code.hasPrefix(EStatMeshFile.primary) && cell.population2020 > 0 {
            let parts = cell.mesh.children
            var population = Numbers.apportion(
                cell.population2020,
                weights: parts.map {
                    census.density(at: $0.center) * random.uniform(0.8, 1.2) + 1e-9
                })
            // Every inhabited quarter needs a household: fold the smallest into the largest.
            while population.filter({ $0 > 0 }).count > cell.households2020 {
                let smallest =
                    population.indices.filter { population[$0] > 0 }.min { population[$0] < population[$1] } ?? 0
                let largest = population.indices.filter { $0 != smallest }.max { population[$0] < population[$1] } ?? 0
                population[largest] += population[smallest]
                population[smallest] = 0
            }
            var households = Numbers.apportion(cell.households2020, weights: population.map(Double.init))
            for i in population.indices where population[i] > 0 && households[i] == 0 {
                if let donor = households.indices.max(by: { households[$0] < households[$1] }), households[donor] > 1 {
                    households[donor] -= 1
                    households[i] = 1
                }
            }
            var group = parts.indices.filter { population[$0] > 0 }.map {
                Quarter(mesh: parts[$0], population: population[$0], households: households[$0])
            }
            // Secrecy: quarters with fewer than 5 people are added to their largest sibling.
            if let target = group.indices.max(by: { group[$0].population < group[$1].population }),
                group[target].population >= 5
            {
                for i in group.indices where i != target && group[i].population < 5 {
                    group[i].secrecy = 2
                    group[i].mergedInto = group[target].mesh.code
                    group[target].secrecy = 1
                    group[target].merged.append(group[i].mesh.code)
                    group[target].population += group[i].population
                    group[target].households += group[i].households
                }
            }
            quarters += group
        }

        // GeoCore's CSV writer encodes to CP932 through iconv (refusing, not replacing, what CP932 lacks).
        let output = ByteOutput(label: EStatMeshFile.fileName)
        do {
            let writer = try CSVWriter(
                output: output,
                header: ["KEY_CODE", "HTKSYORI", "HTKSAKI", "GASSAN"]
                    + (1...EStatMeshFile.items.count).map { "T000876" + Numbers.padded($0, 3) },
                options: CSVWriter.Options(encoding: .shiftJIS, lineEnding: "\r\n"))
            try writer.writeRow(["", "", "", ""] + EStatMeshFile.items.map { "\u{3000}" + $0 })
            for q in quarters {
                let values: [String]
                if q.secrecy == 2 {
                    values = Array(repeating: "*", count: EStatMeshFile.items.count)
                } else {
                    values = EStatMeshFile.breakdown(population: q.population, households: q.households)
                        .enumerated().map { index, value in
                            value == 0 && index != 0 && index != 24 ? "-" : String(value)
                        }
                }
                try writer.writeRow(
                    [q.mesh.code, String(q.secrecy), q.mergedInto ?? "", q.merged.joined(separator: ";")]
                        + values)
            }
            try output.flush()
        } catch {
            throw GeneratorError("cannot encode the e-Stat file: \(error)")
        }
        return output.data
    }

    /// The 41 items of one square from its population and households (fixed Nagai-like ratios).
    static func breakdown(population pop: Int, households hh: Int) -> [Int] {
        func part(_ x: Int, _ ratio: Double) -> Int { Int((Double(x) * ratio).rounded()) }
        let male = part(pop, 0.486)
        let young = part(pop, 0.112)
        let youngMale = part(young, 0.51)
        let adultMale = male - youngMale
        let working = part(pop - young, 0.6)
        let workingMale = min(part(working, 0.505), adultMale)
        let over20 = max(0, pop - young - part(pop, 0.04))
        let over20Male = min(part(over20, 0.485), adultMale)
        let elderly = pop - young - working
        let elderlyMale = adultMale - workingMale
        let old = part(elderly, 0.55)
        let oldMale = min(part(old, 0.4), elderlyMale)
        let foreign = part(pop, 0.004)
        let foreignMale = foreign / 2
        let sizes = [0.2, 0.27, 0.19, 0.15, 0.09, 0.06].map { part(hh, $0) }
        let seven = max(0, hh - sizes.reduce(0, +))
        let relatives = part(hh, 0.78)
        let nuclear = part(hh, 0.5)
        var items = [
            pop, male, pop - male, young, youngMale, young - youngMale, pop - young, adultMale,
            pop - young - adultMale, working, workingMale, working - workingMale, over20, over20Male,
            over20 - over20Male, elderly, elderlyMale, elderly - elderlyMale, old, oldMale, old - oldMale,
            foreign, foreignMale, foreign - foreignMale, hh, hh,
        ]
        items +=
            sizes + [
                seven, relatives, nuclear, relatives - nuclear, part(hh, 0.08), part(hh, 0.62),
                part(hh, 0.01), part(hh, 0.1), part(hh, 0.12),
            ]
        return items.map { max(0, $0) }
    }
}

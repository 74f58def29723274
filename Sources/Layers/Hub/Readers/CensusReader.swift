import Foundation
import GeoCore

/// Reads census mesh statistics: either the contract's `census_mesh.csv`
/// (`mesh_code,year,population,households`) or an e-Stat mesh statistics file as
/// published.
///
/// e-Stat files (地域メッシュ統計, e.g. `tblT001141Q5740.txt`) are Shift_JIS (detected),
/// have a `KEY_CODE` column, the secrecy columns `HTKSYORI`/`HTKSAKI`/`GASSAN`, coded
/// statistic columns (`T001141001`, …) and a second header row in Japanese that names
/// them; the population column is found by its Japanese name (人口（総数） or 人口総数)
/// and the household column by 世帯総数 (or 世帯数), since the codes change from census
/// to census. Such files carry no year: it comes from the project file
/// (`{"path": …, "year": 2020}`).
///
/// Hidden figures (`*`, `X`, `…`) read as nil; `-` is e-Stat's mark for "none"
/// (該当数値なし) and reads as 0. Mesh codes must have 8 (1 km),
/// 9 (500 m) or 10 (250 m) valid digits; other rows are rejected as
/// `file:line: reason`. `body` receives each row with its line number.
public enum CensusReader {
    /// Marks for a figure withheld for secrecy (e-Stat's `*` and `X`) or unknown (`…`).
    static let hiddenMarks: Set<String> = ["*", "X", "x", "…", "***", "＊", "Ｘ", "秘匿"]
    /// Marks for "none" (e-Stat's 該当数値なし), read as zero.
    static let zeroMarks: Set<String> = ["-", "－", "−"]

    public static func read(
        _ url: URL, year: Int? = nil, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (_ row: CensusRow, _ line: Int) throws -> Void
    ) throws -> InputReport {
        let reader = try CSVReader(contentsOf: url, options: options)
        if reader.column("KEY_CODE") != nil {
            return try readEStat(reader, year: year, onReject: onReject, body)
        }
        return try readContract(reader, year: year, onReject: onReject, body)
    }

    /// `mesh_code,year,population,households`; the year column may be left out when
    /// the project gives the year.
    private static func readContract(
        _ reader: CSVReader, year fixedYear: Int?, onReject: (InputError) -> Void,
        _ body: (CensusRow, Int) throws -> Void
    ) throws -> InputReport {
        let required =
            fixedYear == nil || reader.column("year") != nil
            ? ["mesh_code", "year", "population", "households"] : ["mesh_code", "population", "households"]
        let c = try reader.requireColumns(required)
        let yearColumn = reader.column("year")
        let (population, households) = fixedYear == nil || yearColumn != nil ? (c[2], c[3]) : (c[1], c[2])
        var seen: Set<String> = []
        return try reader.forEachRow(onReject: onReject) { row in
            let code = try meshCode(row, c[0])
            let year = try yearColumn.map { column throws(InputError) in try censusYear(row, column) } ?? fixedYear ?? 0
            let people = try count(row, population)
            let homes = try count(row, households)
            guard seen.insert("\(year)/\(code)").inserted else {
                throw row.invalidValue(c[0], "is listed twice for \(year)")
            }
            let hidden = people.hidden || homes.hidden
            try body(
                CensusRow(
                    meshCode: code, year: year, population: people.value, households: homes.value,
                    secrecy: hidden ? .hidden(mergedInto: nil) : .none), row.line)
        }
    }

    private static func censusYear(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> Int {
        let year = try row.int(column)
        guard (1900...2100).contains(year) else { throw row.invalidValue(column, "is not a census year") }
        return year
    }

    /// A mesh code of 8, 9 or 10 digits.
    static func meshCode(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> MeshCode {
        let text = row.optionalString(column) ?? ""
        let code: MeshCode
        do {
            code = try MeshCode(text)
        } catch {
            throw row.invalidValue(column, "is not a mesh code: \(error.reason)")
        }
        guard code.level >= .third else {
            throw row.invalidValue(
                column,
                "is a \(code.level.digitCount)-digit mesh code; census cells need 8 (1 km), "
                    + "9 (500 m) or 10 (250 m) digits")
        }
        return code
    }

    /// A head count: a whole number of zero or more, nil when blank or hidden.
    static func count(_ row: borrowing CSVRow, _ column: CSVColumn) throws(InputError) -> (value: Int?, hidden: Bool) {
        guard let text = row.optionalString(column) else { return (nil, false) }
        if hiddenMarks.contains(text) { return (nil, true) }
        if zeroMarks.contains(text) { return (0, false) }
        guard let value = Int(text.replacingOccurrences(of: ",", with: "")), value >= 0 else {
            throw row.invalidValue(column, "is not a count (a whole number, - for none, or * X for a hidden figure)")
        }
        return (value, false)
    }
}

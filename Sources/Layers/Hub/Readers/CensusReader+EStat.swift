import Foundation
import GeoCore

extension CensusReader {
    /// The statistic columns of an e-Stat file, found from its Japanese header row.
    struct EStatColumns {
        var population: CSVColumn
        var households: CSVColumn?
    }

    /// Reads an e-Stat mesh statistics file (see ``CensusReader``).
    static func readEStat(
        _ reader: CSVReader, year: Int?, onReject: (InputError) -> Void,
        _ body: (CensusRow, Int) throws -> Void
    ) throws -> InputReport {
        guard let year else {
            throw InputError(
                file: reader.fileName, line: 1,
                reason: "is an e-Stat mesh file, which has no year column; "
                    + "give the census year in geohub.json as {\"path\": …, \"year\": 2020}")
        }
        let key = try reader.requireColumns(["KEY_CODE"])[0]
        let secrecy = reader.column("HTKSYORI")
        let mergedInto = reader.column("HTKSAKI")
        let merged = reader.column("GASSAN")
        var columns: EStatColumns?
        var labelRowSeen = false
        var seen: Set<MeshCode> = []
        var report: InputReport
        do {
            report = try reader.forEachRow(onReject: onReject) { row in
                guard labelRowSeen else {
                    labelRowSeen = true
                    // Not a row problem: without the labels no row can be read.
                    do throws(InputError) { columns = try statisticColumns(row, reader) } catch {
                        throw FileLevel(error: error)
                    }
                    return
                }
                guard let columns else { return }
                let code = try meshCode(row, key)
                let people = try count(row, columns.population)
                let homes =
                    try columns.households.map { column throws(InputError) in try count(row, column) }
                    ?? (value: nil, hidden: false)
                let rule = try secrecyRule(
                    row, code: secrecy, into: mergedInto, merged: merged,
                    hidden: people.hidden || homes.hidden)
                guard seen.insert(code).inserted else { throw row.invalidValue(key, "is listed twice") }
                try body(
                    CensusRow(
                        meshCode: code, year: year, population: people.value, households: homes.value,
                        secrecy: rule), row.line)
            }
        } catch let failure as FileLevel {
            throw failure.error
        }
        if labelRowSeen, columns != nil { report.acceptedCount -= 1 }  // the label row is not data
        if !labelRowSeen {
            throw InputError(
                file: reader.fileName, line: 2,
                reason: "has no second header row naming the statistics "
                    + "(an e-Stat file has one, in Japanese)")
        }
        return report
    }

    /// Carries an error that fails the whole file out of the row loop.
    private struct FileLevel: Error {
        let error: InputError
    }

    /// Finds 人口（総数） and 世帯総数 in the Japanese header row (line 2).
    private static func statisticColumns(_ row: borrowing CSVRow, _ reader: CSVReader) throws(InputError)
        -> EStatColumns
    {
        var population: CSVColumn?
        var households: CSVColumn?
        for index in 0..<row.fieldCount {
            let label = normalizedLabel(row.string(at: index))
            let column = CSVColumn(index: index, name: reader.header[index])
            if population == nil, label == "人口（総数）" || label == "人口総数" || label == "総人口" { population = column }
            if households == nil, label == "世帯総数" || label == "世帯数" || label == "一般世帯数" { households = column }
        }
        guard let population else {
            throw InputError(
                file: reader.fileName, line: row.line,
                reason: "names no population column "
                    + "(expected 人口（総数） or 人口総数 in the second header row)")
        }
        return EStatColumns(population: population, households: households)
    }

    /// Trims ASCII and full-width spaces and makes parentheses full-width, so
    /// `　人口（総数）`, `人口(総数)` and `人口（総数） ` compare equal.
    static func normalizedLabel(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars where scalar != " " && scalar != "\u{3000}" && scalar != "\t" {
            switch scalar {
            case "(": result.unicodeScalars.append("\u{FF08}")
            case ")": result.unicodeScalars.append("\u{FF09}")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The cell's secrecy from `HTKSAKI` (hidden, merged into that cell), `GASSAN`
    /// (holds the listed cells), or else `HTKSYORI` and hidden marks.
    private static func secrecyRule(
        _ row: borrowing CSVRow, code: CSVColumn?, into: CSVColumn?, merged: CSVColumn?,
        hidden: Bool
    ) throws(InputError) -> CensusSecrecy {
        if let into, let text = row.optionalString(into) {
            guard let target = try? MeshCode(text) else { throw row.invalidValue(into, "is not a mesh code") }
            return .hidden(mergedInto: target)
        }
        if let merged, let text = row.optionalString(merged) {
            var cells: [MeshCode] = []
            for part in text.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "　" || $0 == "/" }) {
                guard let cell = try? MeshCode(String(part)) else {
                    throw row.invalidValue(merged, "is not a list of mesh codes")
                }
                cells.append(cell)
            }
            return .aggregate(includes: cells)
        }
        let flag = try code.flatMap { column throws(InputError) in try row.optionalInt(column) } ?? 0
        if hidden || flag == 1 { return .hidden(mergedInto: nil) }
        if flag == 2 { return .aggregate(includes: []) }
        return .none
    }
}

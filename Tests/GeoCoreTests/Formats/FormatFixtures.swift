import Foundation
import GeoCore
import TestSupport

/// Hand-made input files in `Tests/Fixtures/Formats` (outside any target, so SwiftPM
/// does not treat them as resources).
enum FormatFixtures {
    static let folder = ReferencePython.packageRoot.appendingPathComponent("Tests/Fixtures/Formats")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Reads every row of `name` as strings, plus the report and the errors passed to `onReject`.
    static func readAll(_ reader: CSVReader) throws -> (
        rows: [[String]], lines: [Int], report: InputReport, errors: [InputError]
    ) {
        var rows: [[String]] = []
        var lines: [Int] = []
        var errors: [InputError] = []
        reader.onReject = { errors.append($0) }
        let report = try reader.forEachRow { row in
            rows.append((0..<row.fieldCount).map { row.string(at: $0) })
            lines.append(row.line)
        }
        return (rows, lines, report, errors)
    }
}

import Foundation
import GeoCore
import TestSupport
import XCTest

/// The reader on hand-made files, one quirk each (Tests/Fixtures/Formats).
final class CSVReaderTests: XCTestCase {
    func testBOMAndCRLFAndColumnsByName() throws {
        let reader = try CSVReader(contentsOf: FormatFixtures.url("gps_bom_crlf.csv"))
        XCTAssertEqual(reader.header, ["lat", "extra", "device_id", "lon", "timestamp", "accuracy_m"])
        XCTAssertEqual(reader.detectedEncoding, .utf8)
        let c = try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])
        let accuracy = try XCTUnwrap(reader.column("accuracy_m"))
        var seen: [(String, Double, Double, Double, Double?, Int)] = []
        let report = try reader.forEachRow { row in
            seen.append(
                (
                    row.string(c[0]), try row.timestamp(c[1]), try row.double(c[2]), try row.double(c[3]),
                    try row.optionalDouble(accuracy), row.line
                ))
        }
        XCTAssertEqual(report.acceptedCount, 3)
        XCTAssertEqual(report.rejectedCount, 0)
        XCTAssertEqual(seen.map(\.0), ["dev-a", "dev-b", "dev-c"])
        // 2022-08-03T14:10:00+09:00 = 2022-08-03T05:10:00Z = 1659503400 (date -d '2022-08-03T05:10:00Z' +%s).
        XCTAssertEqual(seen.map(\.1), [1_659_503_400, 1_659_503_460, 1_659_503_520])
        XCTAssertEqual(seen.map(\.2), [38.1071, 38.1072, 38.1073])
        XCTAssertEqual(seen.map(\.3), [140.0412, 140.0413, 140.0414])
        XCTAssertEqual(seen.map(\.4), [5.0, nil, 12])
        XCTAssertEqual(seen.map(\.5), [2, 3, 4])
    }

    func testQuotedCommaDoubledQuoteEmbeddedNewlines() throws {
        let reader = try CSVReader(contentsOf: FormatFixtures.url("quoted.csv"))
        let all = try FormatFixtures.readAll(reader)
        XCTAssertEqual(all.report.rejectedCount, 0, "\(all.errors)")
        XCTAssertEqual(
            all.rows.map { $0[1] },
            ["Nagai, station", "The \"old\" bridge", "two\nlines", "three\r\nCRLF\r\nlines", "", "plain"])
        XCTAssertEqual(all.rows.last, ["c6", "plain", "38.15", "140.09"])
        // Physical start lines: the embedded newlines push later records down.
        XCTAssertEqual(all.lines, [2, 3, 4, 6, 9, 10])
    }

    func testMixedLineEndingsAndBlankLines() throws {
        let reader = try CSVReader(contentsOf: FormatFixtures.url("mixed_endings.csv"))
        let all = try FormatFixtures.readAll(reader)
        XCTAssertEqual(all.rows.map { $0[0] }, ["s1", "s2", "s3", "s4"])
        XCTAssertEqual(all.rows.map { $0[2] }, ["1.5", "1.6", "1.7", "1.8"])
        XCTAssertEqual(all.lines, [2, 3, 5, 6])
        XCTAssertEqual(all.report.rejectedCount, 0)
    }

    func testShiftJISWithCP932ExtensionsIsDetected() throws {
        let url = FormatFixtures.url("cameras_sjis.csv")
        // The reference decoding is Python's own cp932 codec.
        let expected =
            try ReferencePython.json(
                """
                import csv, io, json, sys
                print(json.dumps(list(csv.reader(io.StringIO(open(sys.argv[1], 'rb').read().decode('cp932'), newline='')))))
                """, packages: [], arguments: [url.path]) as? [[String]]
        let reader = try CSVReader(contentsOf: url)
        let all = try FormatFixtures.readAll(reader)
        XCTAssertEqual(reader.detectedEncoding, .shiftJIS)
        XCTAssertEqual([reader.header] + all.rows, expected)
        XCTAssertEqual(all.rows[0][3], "①番カメラ")
        XCTAssertEqual(all.rows[1][1], "髙橋さん宅裏")
        XCTAssertEqual(all.rows[1][3], "﨑の沢")
        XCTAssertEqual(all.rows[2][1], "白鷹山～麓")
        XCTAssertEqual(all.rows[2][3], "纊")
        XCTAssertEqual(all.rows[3][3], "引用,\"付き\"")
        let species = try XCTUnwrap(reader.column("species"))
        _ = species
    }

    func testForcedEncodings() throws {
        let sjis = try Data(contentsOf: FormatFixtures.url("cameras_sjis.csv"))
        var options = CSVReader.Options(encoding: .shiftJIS)
        let forced = try FormatFixtures.readAll(CSVReader(data: sjis, name: "cameras.csv", options: options))
        XCTAssertEqual(forced.rows[0][1], "長井駅前")
        // 17-byte chunks cut two-byte characters in half; detection and iconv must cope.
        var small = CSVReader.Options()
        small.chunkSize = 17
        let cut = try FormatFixtures.readAll(CSVReader(data: sjis, name: "cameras.csv", options: small))
        XCTAssertEqual(cut.rows, forced.rows)
        // Forcing UTF-8 on Shift_JIS bytes gives replacement characters, not a crash.
        options.encoding = .utf8
        let wrong = try FormatFixtures.readAll(CSVReader(data: sjis, name: "cameras.csv", options: options))
        XCTAssertTrue(wrong.rows[0][1].contains("\u{FFFD}"))
        XCTAssertEqual(TextEncoding(name: "CP932"), .shiftJIS)
        XCTAssertEqual(TextEncoding(name: "Shift_JIS"), .shiftJIS)
        XCTAssertEqual(TextEncoding(name: "UTF8"), .utf8)
        XCTAssertNil(TextEncoding(name: "latin1"))
    }

    func testShiftJISStartingAfterALongASCIIPrefixIsStillDetected() throws {
        var text = "id,name\n"
        for i in 0..<20_000 { text += "a\(i),plain ascii\n" }
        var bytes = Array(text.utf8)
        bytes += Array("z1,".utf8) + [0x92, 0xB7, 0x88, 0xE4] + [0x0A]  // 長井 in Shift_JIS
        var options = CSVReader.Options()
        options.chunkSize = 4096
        let all = try FormatFixtures.readAll(CSVReader(data: Data(bytes), name: "late.csv", options: options))
        XCTAssertEqual(all.rows.count, 20_001)
        XCTAssertEqual(all.rows.last, ["z1", "長井"])
    }

    func testEStatSecondHeaderRowIsSkipped() throws {
        let options = CSVReader.Options(rowsToSkipAfterHeader: 1)
        let reader = try CSVReader(contentsOf: FormatFixtures.url("estat_sjis.txt"), options: options)
        let key = try reader.requireColumns(["KEY_CODE", "T000876001"])
        var values: [(String, Int?)] = []
        var errors: [String] = []
        reader.onReject = { errors.append($0.description) }
        try reader.forEachRow { row in
            values.append((row.string(key[0]), try row.optionalInt(key[1])))
        }
        XCTAssertEqual(values.map(\.0), ["57403585"])
        XCTAssertEqual(values.map(\.1), [123])
        XCTAssertEqual(errors, ["estat_sjis.txt:4: T000876001 \"*\" is not a whole number"])
    }

    func testMissingColumnsAreOneClearError() throws {
        let reader = try CSVReader(contentsOf: FormatFixtures.url("missing_columns.csv"))
        XCTAssertThrowsError(try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])) { error in
            XCTAssertEqual(
                (error as? InputError)?.description,
                "missing_columns.csv:1: is missing the required columns lat, lon (the header has device_id, timestamp, latitude)"
            )
        }
        XCTAssertEqual(reader.column("DEVICE_ID")?.index, 0)
    }

    func testBadRowsAreReportedAndGoodRowsFlow() throws {
        let reader = try CSVReader(contentsOf: FormatFixtures.url("bad_rows.csv"))
        let c = try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])
        var ids: [String] = []
        var messages: [String] = []
        var perCall: [String] = []
        reader.onReject = { messages.append($0.description) }
        let report = try reader.forEachRow { row in
            _ = try row.timestamp(c[1])
            _ = try row.double(c[2])
            _ = try row.double(c[3])
            ids.append(row.string(c[0]))
        }
        XCTAssertEqual(ids, ["d1", "d5", "d9"])
        XCTAssertEqual(
            messages,
            [
                "bad_rows.csv:3: lat \"abc\" is not a number",
                "bad_rows.csv:4: has 3 fields, expected 4 as in the header",
                "bad_rows.csv:5: has 5 fields, expected 4 as in the header",
                "bad_rows.csv:7: timestamp \"yesterday\" is not an ISO 8601 date-time",
                "bad_rows.csv:8: lat is empty",
                "bad_rows.csv:9: field 2 (timestamp) has text after its closing quote",
            ])
        XCTAssertEqual(report.acceptedCount, 3)
        XCTAssertEqual(report.rejectedCount, 6)
        XCTAssertEqual(report.errors.map(\.description), messages)
        XCTAssertEqual(report.errors.first?.column, "lat")
        // The per-call handler sees the same rejections.
        let again = try CSVReader(contentsOf: FormatFixtures.url("bad_rows.csv"))
        try again.forEachRow(
            onReject: { perCall.append($0.description) },
            { row in
                _ = try row.timestamp(c[1])
                _ = try row.double(c[2])
                _ = try row.double(c[3])
            })
        XCTAssertEqual(perCall, messages)
        XCTAssertEqual(report.errors.first?.line, 3)
    }

    func testSensitiveColumnsAreNeverQuoted() throws {
        let options = CSVReader.Options(sensitiveColumns: ["device_id", "timestamp", "lat", "lon"])
        let reader = try CSVReader(contentsOf: FormatFixtures.url("bad_rows.csv"), options: options)
        let c = try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])
        var messages: [String] = []
        reader.onReject = { messages.append($0.description) }
        try reader.forEachRow { row in
            _ = try row.timestamp(c[1])
            _ = try row.double(c[2])
        }
        XCTAssertTrue(messages.contains("bad_rows.csv:3: lat is not a number"))
        XCTAssertTrue(messages.contains("bad_rows.csv:7: timestamp is not an ISO 8601 date-time"))
        XCTAssertFalse(messages.joined().contains("abc"))
        XCTAssertFalse(messages.joined().contains("d2"))
    }

    func testTruncatedQuoteKeepsEarlierRows() throws {
        let all = try FormatFixtures.readAll(CSVReader(contentsOf: FormatFixtures.url("truncated_quote.csv")))
        XCTAssertEqual(all.rows.map { $0[0] }, ["c1", "c2"])
        XCTAssertEqual(all.rows[1][1], "two\nstill two")
        XCTAssertEqual(
            all.errors.map(\.description),
            ["truncated_quote.csv:5: has a quoted field that never closes (is the file truncated?)"])
    }

    func testTruncatedLastLineIsRejected() throws {
        let all = try FormatFixtures.readAll(CSVReader(contentsOf: FormatFixtures.url("truncated_line.csv")))
        XCTAssertEqual(all.rows.map { $0[0] }, ["s1", "s2"])
        XCTAssertEqual(
            all.errors.map(\.description), ["truncated_line.csv:4: has 2 fields, expected 3 as in the header"])
    }

    func testOverlongRecordIsRejectedAndReadingResumes() throws {
        var text = "id,name\na,\"never closed\nb,two\n"
        for i in 0..<2000 { text += "r\(i),row\n" }
        var options = CSVReader.Options()
        options.chunkSize = 4096
        options.maxRecordBytes = 8192
        let all = try FormatFixtures.readAll(CSVReader(data: Data(text.utf8), name: "long.csv", options: options))
        XCTAssertEqual(all.errors.first?.line, 2)
        XCTAssertEqual(all.rows.first, ["b", "two"])
        XCTAssertEqual(all.lines.first, 3)
        XCTAssertEqual(all.rows.count, 2001)
    }

    func testEmptyFileAndUTF16AreErrors() {
        XCTAssertThrowsError(try CSVReader(data: Data(), name: "empty.csv")) { error in
            XCTAssertEqual("\(error)", "empty.csv:1: is empty; a header row is required")
        }
        let utf16 = Data([0xFF, 0xFE] + Array("a,b\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertThrowsError(try CSVReader(data: utf16, name: "u16.csv")) { error in
            XCTAssertTrue("\(error)".contains("UTF-16"))
        }
        XCTAssertThrowsError(try CSVReader(contentsOf: URL(fileURLWithPath: "/nonexistent/x.csv"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("x.csv: cannot open"), "\(error)")
        }
    }

    func testRecordsSpanningChunkBoundaries() throws {
        // Tiny chunks force every record, quote and CRLF to straddle a refill.
        var text = "a,b,c\r\n"
        var expected: [[String]] = []
        for i in 0..<500 {
            let row = ["v\(i)", "q \"\(i)\", x\r\ny", String(repeating: "z", count: i % 37)]
            expected.append(row)
            text += "v\(i),\"q \"\"\(i)\"\", x\r\ny\",\(row[2])\r\n"
        }
        var options = CSVReader.Options()
        options.chunkSize = 1
        let all = try FormatFixtures.readAll(CSVReader(data: Data(text.utf8), name: "chunks.csv", options: options))
        XCTAssertEqual(all.rows, expected)
        XCTAssertEqual(all.lines.prefix(3), [2, 4, 6])
    }

    func testTypedAccessorsAndMatches() throws {
        let text = "n,i,s\n 1.5e3 ,-42,board\n"
        let reader = try CSVReader(data: Data(text.utf8), name: "t.csv")
        let c = try reader.requireColumns(["n", "i", "s"])
        try reader.forEachRow { row in
            XCTAssertEqual(try row.double(c[0]), 1500)
            XCTAssertEqual(try row.int(c[1]), -42)
            XCTAssertTrue(row.matches(c[2], "board"))
            XCTAssertFalse(row.matches(c[2], "boar"))
            XCTAssertEqual(row.optionalString(c[2]), "board")
            XCTAssertThrowsError(try row.int(c[0]))
        }
    }
}

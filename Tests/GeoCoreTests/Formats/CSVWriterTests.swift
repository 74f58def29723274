import Foundation
import GeoCore
import TestSupport
import XCTest

/// The writer against Python's csv reader and cp932 codec, and atomic output.
final class CSVWriterTests: XCTestCase {
    private func randomFields(_ generator: inout SystemRandomNumberGenerator, count: Int) -> [String] {
        let pieces = ["a", ",", "\"", "\n", "\r\n", " ", "長井", "é", "1.5", "", ";"]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
                .joined()
        }
    }

    func testRandomRecordsReadBackByPythonCSV() throws {
        var generator = SystemRandomNumberGenerator()
        let header = ["id", "name", "note", "value"]
        var rows: [[String]] = []
        for _ in 0..<1500 { rows.append(randomFields(&generator, count: 4)) }
        let output = ByteOutput()
        let writer = try CSVWriter(output: output, header: header)
        for row in rows { try writer.writeRow(row) }
        try output.commit()
        let parsed =
            try ReferencePython.json(
                """
                import csv, io, json, sys
                print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode('utf-8'), newline='')))))
                """, packages: [], input: output.data) as? [[String]]
        XCTAssertEqual(parsed, [header] + rows)
        // …and by our own reader.
        let reader = try CSVReader(data: output.data, name: "w.csv")
        var back: [[String]] = []
        try reader.forEachRow { row in back.append((0..<row.fieldCount).map { row.string(at: $0) }) }
        XCTAssertEqual(back, rows)
    }

    func testShiftJISOutputDecodesWithPythonCP932() throws {
        let output = ByteOutput()
        var options = CSVWriter.Options(encoding: .shiftJIS)
        options.lineEnding = "\n"
        let writer = try CSVWriter(output: output, header: ["KEY_CODE", "人口（総数）"], options: options)
        try writer.writeRow(["57403585", "①髙﨑～"])
        XCTAssertThrowsError(try writer.writeRow(["57403586", "😀"])) { error in
            XCTAssertTrue("\(error)".contains("cannot be written in Shift_JIS"), "\(error)")
        }
        try writer.writeRow(["57403587", "\"引用\""])
        try output.commit()
        let text = try ReferencePython.run(
            "import sys; sys.stdout.write(sys.stdin.buffer.read().decode('cp932'))",
            packages: [], input: output.data)
        XCTAssertEqual(
            String(decoding: text, as: UTF8.self),
            "KEY_CODE,人口（総数）\n57403585,①髙﨑～\n57403587,\"\"\"引用\"\"\"\n")
    }

    func testByteOrderMarkAndQuotingRules() throws {
        let output = ByteOutput()
        let writer = try CSVWriter(output: output, header: ["a", "b"], options: .init(byteOrderMark: true))
        try writer.writeRow([" lead", "plain"])
        XCTAssertThrowsError(try writer.writeRow(["only one"]))
        try output.commit()
        XCTAssertEqual(Array(output.data), [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\" lead\",plain\r\n".utf8))
    }

    func testAtomicFileAppearsOnlyOnCommit() throws {
        let folder = try makeTemporaryDirectory("csv-atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.csv")
        try Data("old".utf8).write(to: url)
        do {
            let output = try ByteOutput(atomicallyWritingTo: url)
            let writer = try CSVWriter(output: output, header: ["x"])
            for i in 0..<300_000 { try writer.writeRow(["\(i)"]) }  // several 1 MiB flushes
            XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "old")
            // Dropped without commit: the old file stays and no temporary file is left.
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.csv"])
        let output = try ByteOutput(atomicallyWritingTo: url)
        let writer = try CSVWriter(output: output, header: ["x"], options: .init(lineEnding: "\n"))
        try writer.writeRow(["1"])
        try output.commit()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "x\n1\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.csv"])
        XCTAssertThrowsError(try ByteOutput(atomicallyWritingTo: URL(fileURLWithPath: "/nonexistent/dir/x.csv")))
    }

    /// 5,000 values against Python's `'%.Nf' % x` with zeros trimmed.
    func testNumberTextMatchesPythonFixedFormatting() throws {
        let cases = try XCTUnwrap(
            try ReferencePython.json(
                """
                import json, random, struct
                random.seed(9)
                out = []
                def fmt(x, d):
                    t = '%.*f' % (d, x)
                    if '.' in t: t = t.rstrip('0').rstrip('.')
                    return '0' if t == '-0' else t
                for i in range(5000):
                    d = random.choice([0, 1, 3, 6, 7, 7, 7, 9])
                    k = i % 5
                    if k == 0: x = random.uniform(-180, 180)
                    elif k == 1: x = round(random.uniform(-180, 180), d) + random.choice([0.5, -0.5, 0.49999999, 0.5000001]) * 10 ** -d
                    elif k == 2: x = random.uniform(-1e-6, 1e-6)
                    elif k == 3: x = random.uniform(-1e12, 1e12)
                    else: x = struct.unpack('d', struct.pack('Q', random.getrandbits(64)))[0]
                    if x != x or x in (float('inf'), float('-inf')): x = 1.25
                    out.append([repr(x), d, fmt(x, d)])
                print(json.dumps(out))
                """, packages: []) as? [[Any]])
        for item in cases {
            let value = try XCTUnwrap(Double(try XCTUnwrap(item[0] as? String)))
            let digits = try XCTUnwrap(item[1] as? Int)
            XCTAssertEqual(
                NumberText.decimal(value, maxFractionDigits: digits), item[2] as? String, "\(value) \(digits)")
        }
        XCTAssertNil(NumberText.decimal(.nan))
        XCTAssertEqual(NumberText.decimal(-0.0), "0")
        XCTAssertEqual(NumberText.decimal(1e-8), "0")
        XCTAssertEqual(NumberText.decimal(140.04), "140.04")
    }
}

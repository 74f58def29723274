import Foundation
import GeoCore
import TestSupport
import XCTest

/// The reader against Python's `csv` module, `datetime.fromisoformat` and `float`
/// on generated cases.
final class CSVReaderReferenceTests: XCTestCase {
    /// 2,000 random records full of commas, quotes, CR, LF and non-ASCII text, written
    /// by Python's csv writer (QUOTE_MINIMAL, CRLF), must read back field for field.
    func testRandomRecordsMatchPythonCSV() throws {
        let script = """
            import csv, io, json, random, sys
            random.seed(7)
            alphabet = ['a', 'b', ',', '"', '\\n', '\\r\\n', ' ', '長', 'é', '1', '.', ';']
            rows = [['c%d' % i for i in range(5)]]
            for r in range(2000):
                rows.append([''.join(random.choice(alphabet) for _ in range(random.randint(0, 8))) for _ in range(5)])
            out = io.StringIO(newline='')
            csv.writer(out).writerows(rows)
            sys.stdout.write(json.dumps({'text': out.getvalue(), 'rows': rows}))
            """
        let json = try XCTUnwrap(try ReferencePython.json(script, packages: []) as? [String: Any])
        let text = try XCTUnwrap(json["text"] as? String)
        let expected = try XCTUnwrap(json["rows"] as? [[String]])
        for chunk in [16, 1000, 1 << 20] {
            var options = CSVReader.Options()
            options.chunkSize = chunk
            let reader = try CSVReader(data: Data(text.utf8), name: "random.csv", options: options)
            var rows = [reader.header]
            let report = try reader.forEachRow { row in rows.append((0..<row.fieldCount).map { row.string(at: $0) }) }
            XCTAssertEqual(rows, expected, "chunk \(chunk)")
            XCTAssertEqual(report.rejectedCount, 0)
        }
    }

    /// Physical start lines agree with Python's `csv.reader.line_num` bookkeeping.
    func testStartLinesMatchPython() throws {
        let script = """
            import csv, io, json, random, sys
            random.seed(11)
            rows = [['a', 'b']] + [[random.choice(['x', 'y\\nz', 'p\\n\\nq', '"q"']), str(i)] for i in range(300)]
            out = io.StringIO(newline='')
            csv.writer(out, lineterminator='\\n').writerows(rows)
            text = out.getvalue()
            starts, reader, last = [], csv.reader(io.StringIO(text, newline='')), 0
            for row in reader:
                starts.append(last + 1)
                last = reader.line_num
            sys.stdout.write(json.dumps({'text': text, 'starts': starts[1:]}))
            """
        let json = try XCTUnwrap(try ReferencePython.json(script, packages: []) as? [String: Any])
        let text = try XCTUnwrap(json["text"] as? String)
        let starts = try XCTUnwrap(json["starts"] as? [Int])
        var lines: [Int] = []
        try CSVReader(data: Data(text.utf8), name: "l.csv").forEachRow { lines.append($0.line) }
        XCTAssertEqual(lines, starts)
    }

    /// 1,500 generated timestamps in every accepted form against `datetime.fromisoformat`
    /// (offset-less times taken as Asia/Tokyo through `zoneinfo`).
    func testTimestampsMatchPythonDatetime() throws {
        let script = """
            import json, random, sys
            from datetime import datetime
            from zoneinfo import ZoneInfo
            random.seed(3)
            out = []
            for i in range(1500):
                y, mo = random.randint(1971, 2099), random.randint(1, 12)
                d = random.randint(1, 28 if mo == 2 else 30)
                h, mi, s = random.randint(0, 23), random.randint(0, 59), random.randint(0, 59)
                sep = random.choice(['T', ' '])
                text = '%04d-%02d-%02d%s%02d:%02d' % (y, mo, d, sep, h, mi)
                if random.random() < 0.8:
                    text += ':%02d' % s
                    if random.random() < 0.3:
                        text += '.' + ''.join(random.choice('0123456789') for _ in range(random.choice([1, 3, 6])))
                tz = random.choice(['', 'Z', '+09:00', '-05:30', '+00:00', '+0900'])
                text += tz
                parsed = datetime.fromisoformat(text.replace('Z', '+00:00'))
                if parsed.tzinfo is None:
                    parsed = parsed.replace(tzinfo=ZoneInfo('Asia/Tokyo'))
                out.append([text, parsed.timestamp()])
            out.append(['2020-02-29', datetime(2020, 2, 29, tzinfo=ZoneInfo('Asia/Tokyo')).timestamp()])
            print(json.dumps(out))
            """
        let cases = try XCTUnwrap(try ReferencePython.json(script, packages: []) as? [[Any]])
        XCTAssertEqual(cases.count, 1501)
        for item in cases {
            let text = try XCTUnwrap(item[0] as? String)
            let expected = try XCTUnwrap(item[1] as? Double)
            let parsed = try XCTUnwrap(ISO8601Timestamp.epochSeconds(text), text)
            assertClose(parsed, expected, tolerance: 1e-6, text)
        }
        for bad in [
            "2022-13-01T00:00:00", "2022-02-30", "2021-02-29T00:00", "2022-08-03T24:00:00", "2022-08-03T14:60",
            "2022-08-03T14:10:00+9", "2022-08-03x", "22-08-03", "", "2022-08-03T14:10:00 +09:00",
        ] {
            XCTAssertNil(ISO8601Timestamp.epochSeconds(bad), bad)
        }
        XCTAssertEqual(ISO8601Timestamp.string(epochSeconds: 1_659_503_400), "2022-08-03T14:10:00+09:00")
        XCTAssertEqual(ISO8601Timestamp.string(epochSeconds: 1_659_503_400, offsetSeconds: 0), "2022-08-03T05:10:00Z")
        XCTAssertEqual(ISO8601Timestamp.epochSeconds("1969-12-31T23:59:59Z"), -1)
        XCTAssertEqual(ISO8601Timestamp.string(epochSeconds: -1, offsetSeconds: 0), "1969-12-31T23:59:59Z")
    }

    /// 3,000 generated decimal strings read through a CSV column against Python's `float`.
    func testNumbersMatchPythonFloat() throws {
        let script = """
            import json, random
            random.seed(5)
            out = []
            for i in range(3000):
                kind = i % 6
                if kind == 0: t = '%.7f' % random.uniform(-180, 180)
                elif kind == 1: t = repr(random.uniform(-1e6, 1e6))
                elif kind == 2: t = '%de%d' % (random.randint(-99999, 99999), random.randint(-30, 30))
                elif kind == 3: t = ''.join(random.choice('0123456789') for _ in range(random.randint(1, 25))) + '.' + ''.join(random.choice('0123456789') for _ in range(random.randint(0, 25)))
                elif kind == 4: t = str(random.randint(-10**18, 10**18))
                else: t = '%.17g' % random.lognormvariate(0, 50)
                out.append([t, repr(float(t))])
            print(json.dumps(out))
            """
        let cases = try XCTUnwrap(try ReferencePython.json(script, packages: []) as? [[String]])
        var text = "v\n"
        for item in cases { text += item[0] + "\n" }
        let reader = try CSVReader(data: Data(text.utf8), name: "n.csv")
        let column = try reader.requireColumns(["v"])[0]
        var values: [Double] = []
        try reader.forEachRow { values.append(try $0.double(column)) }
        XCTAssertEqual(values.count, cases.count)
        for (value, item) in zip(values, cases) {
            XCTAssertEqual(value, Double(item[1]), "\(item[0])")  // Python's repr is the shortest round-trip text
        }
    }
}

import Foundation
import GeoCore
import TestSupport
import XCTest

/// Constant memory: a ~200 MB file is read while resident memory is sampled from
/// `/proc/self/statm`; growth must stay far below the file size.
final class CSVReaderStreamingTests: XCTestCase {
    /// Resident set size in bytes (second field of /proc/self/statm, in pages).
    private func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func testTwoHundredMegabyteFileStreamsInConstantMemory() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/proc/self/statm"), "needs Linux /proc")
        let folder = try makeTemporaryDirectory("csv-stream")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("big.csv")
        // One 1 MiB block of rows (with quotes and CRLF) written 200 times.
        var block = ""
        var rowsPerBlock = 0
        while block.utf8.count < 1 << 20 {
            block +=
                "dev\(rowsPerBlock % 97),2022-08-03T14:10:\(String(format: "%02d", rowsPerBlock % 60))+09:00,"
                + "38.\(100_000 + rowsPerBlock),140.\(200_000 + rowsPerBlock),\"note, \"\"quoted\"\" \(rowsPerBlock)\"\r\n"
            rowsPerBlock += 1
        }
        let blocks = 200
        try Data("device_id,timestamp,lat,lon,note\r\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let blockData = Data(block.utf8)
        for _ in 0..<blocks { handle.write(blockData) }
        try handle.close()
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        XCTAssertGreaterThan(size, 200_000_000)

        let before = residentBytes()
        var peak = before
        var rows = 0
        var latSum = 0.0
        let reader = try CSVReader(contentsOf: url)
        let c = try reader.requireColumns(["timestamp", "lat", "note"])
        let report = try reader.forEachRow { row in
            latSum += try row.double(c[1])
            _ = try row.timestamp(c[0])
            rows += 1
            if rows % 50_000 == 0 { peak = max(peak, residentBytes()) }
        }
        peak = max(peak, residentBytes())
        XCTAssertEqual(rows, rowsPerBlock * blocks)
        XCTAssertEqual(report.rejectedCount, 0)
        XCTAssertGreaterThan(latSum, 38 * Double(rows))
        let growth = peak - before
        print("CSV streaming: \(rows) rows, \(size >> 20) MiB file, resident growth \(growth >> 10) KiB")
        XCTAssertLessThan(
            growth, 24 << 20, "resident memory grew by \(growth >> 20) MiB reading a \(size >> 20) MiB file")
    }
}

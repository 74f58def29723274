import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

/// Children's GPS is private: after an ingest no input coordinate (to 5 decimals, as
/// text or as a stored double) and no device id appears in the hub's bytes or in
/// anything the run reported.
final class PrivacyTests: XCTestCase {
    struct Ping {
        var device: String
        var time: String
        var lat: Double
        var lon: Double
    }

    /// 30 devices walking for 40 minutes around Nagai, with distinctive ids.
    static func pings() -> [Ping] {
        var random = SeededRandom(seed: 0x6209)
        var pings: [Ping] = []
        for d in 0..<30 {
            let device = String(format: "dev-%04x-%06x", d, random.int(in: 0...0xFFFFFF))
            var lat = random.double(in: 38.09...38.12)
            var lon = random.double(in: 140.02...140.06)
            for minute in 0..<40 {
                lat += random.double(in: -0.0004...0.0004)
                lon += random.double(in: -0.0005...0.0005)
                pings.append(
                    Ping(
                        device: device, time: String(format: "2022-08-03T07:%02d:%02d+09:00", minute, d), lat: lat,
                        lon: lon))
            }
        }
        return pings
    }

    func testNoCoordinateOrDeviceIdReachesTheHubOrTheOutput() throws {
        let fixture = try HubFixture()
        defer { fixture.remove() }
        try fixture.writeAll()
        let pings = Self.pings()
        var csv = "device_id,timestamp,lat,lon,accuracy_m\n"
        for p in pings {
            csv += "\(p.device),\(p.time),\(String(format: "%.7f", p.lat)),\(String(format: "%.7f", p.lon)),6\n"
        }
        // Bad rows carrying private values: their errors must not repeat them.
        let leaky = pings[7]
        csv +=
            "\(leaky.device),\(leaky.time),\(String(format: "%.7f", leaky.lat))x,\(String(format: "%.7f", leaky.lon)),6\n"
        csv +=
            "\(leaky.device),not-a-time,\(String(format: "%.7f", leaky.lat)),\(String(format: "%.7f", leaky.lon)),6\n"
        csv += "\(leaky.device),\(leaky.time),\"\(String(format: "%.7f", leaky.lat))\"junk,1,6\n"
        csv += "\(leaky.device),\(leaky.time),\(String(format: "%.7f", leaky.lat))\n"
        try fixture.write("data/child_gps.csv", csv)

        var printed: [String] = []
        let project = try fixture.project()
        let report = try Hub.ingest(project: project) { event in
            switch event {
            case .started(let file): printed.append("started \(file.path)")
            case .rows(let file, let n): printed.append("\(file.path) \(n)")
            case .rejected(_, let text): printed.append(text)
            case .finished(let source): printed.append(source.description)
            }
        }
        printed += report.summaryLines + report.rejections.map(\.description)
        printed += [String(describing: report)]
        XCTAssertEqual(report.source("childGPS")?.rejected, 4)
        XCTAssertEqual(report.source("childGPS")?.rows, pings.count)
        let catalogue = try Hub.catalogue(for: project)
        printed += try catalogue.provenance().map { String(describing: $0) }
        printed += try catalogue.rejections(of: "childGPS")
        XCTAssertEqual(try catalogue.rejections(of: "childGPS").count, 4)
        try assertNoLeak(pings: pings, hub: project.hubURL, printed: printed)
        // The aggregates are there all the same.
        let traffic = try XCTUnwrap(try catalogue.childTraffic())
        XCTAssertEqual(traffic.devices, 30)
        XCTAssertEqual(traffic.windows.first?.cells.map(\.pings).reduce(0, +), pings.count)
    }

    /// The example's 325 children, GPS alone: nothing of their file reaches the hub.
    func testTheExampleGPSAloneLeavesNoTrace() throws {
        let (folder, url) = try ExampleIngestTests.copyExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pings = try Self.examplePings(url)
        let project = try Project.load(from: url)
        var printed: [String] = []
        let report = try Hub.ingest(project: project, options: IngestOptions(only: [.childGPS])) {
            printed.append("\($0)")
        }
        XCTAssertEqual(report.sources.map(\.id), ["childGPS"])
        printed += report.summaryLines
        try assertNoLeak(pings: pings, hub: project.hubURL, printed: printed)
    }

    /// The whole example: the children walk on the public roads to public schools and
    /// bus stops, so a ping may share a coordinate with a road vertex or a stop that the
    /// hub rightly stores; values found in the other (public) input files are therefore
    /// not counted as leaks here. Everything printed is checked without exception.
    func testTheWholeExampleLeaksNoCoordinateOrDeviceId() throws {
        let (folder, url) = try ExampleIngestTests.copyExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pings = try Self.examplePings(url)
        var printed: [String] = []
        let project = try Project.load(from: url)
        let report = try Hub.ingest(project: project) { event in
            switch event {
            case .started(let file): printed.append("started \(file.path)")
            case .rows(let file, let n): printed.append("\(file.path) \(n)")
            case .rejected(_, let text): printed.append(text)
            case .finished(let source): printed.append(source.description)
            }
        }
        printed += report.summaryLines + [String(describing: report)]
        printed += try Hub.catalogue(for: project).provenance().map { String(describing: $0) }
        var publicBytes = Data()
        for file in project.sources.files where file.kind != .childGPS {
            if file.kind == .gtfs {
                let archive = try ZipArchive(url: file.url)
                for entry in archive.safeFileEntries { publicBytes.append(try archive.read(entry)) }
            } else if let data = FileManager.default.contents(atPath: file.url.path) {
                publicBytes.append(data)
            }
            publicBytes.append(0x0A)
        }
        try assertNoLeak(pings: pings, hub: project.hubURL, printed: printed, publicInputs: publicBytes)
    }

    /// The scanner itself finds what it looks for (so a passing privacy test means something).
    func testTheScannerFindsPlantedValues() {
        var planted = Data("x,{\"lat\": 38.1071234},140.0381,name".utf8)
        planted.append(contentsOf: withUnsafeBytes(of: (140.0382071).bitPattern.bigEndian) { Array($0) })
        let index = LeakIndex(planted)
        XCTAssertTrue(index.containsNumber("38.10712"))
        XCTAssertTrue(index.containsNumber("38.1071234"))
        XCTAssertFalse(index.containsNumber("38.10713"))
        XCTAssertTrue(index.containsNumber("140.0381"))
        XCTAssertTrue(index.containsDouble(140.0382071))
        XCTAssertFalse(index.containsDouble(140.0382072))
        XCTAssertTrue(index.containsNumberValue(140.0381))
    }

    static func examplePings(_ project: URL) throws -> [Ping] {
        var pings: [Ping] = []
        let reader = try CSVReader(contentsOf: project.appendingPathComponent("data/child_gps.csv"))
        let c = try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])
        try reader.forEachRow { row in
            pings.append(
                Ping(
                    device: row.string(c[0]), time: row.string(c[1]), lat: try row.double(c[2]),
                    lon: try row.double(c[3])))
        }
        XCTAssertGreaterThan(pings.count, 10_000)
        return pings
    }

    /// Scans the hub's bytes (database, WAL and shared memory) and the printed text for
    /// every ping's coordinates, as 5-decimal text (rounded and truncated), 7-decimal
    /// text and stored big-endian doubles, and for every device id.
    private func assertNoLeak(
        pings: [Ping], hub: URL, printed: [String], publicInputs: Data = Data(),
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: hub.path + suffix) { bytes.append(data) }
        }
        XCTAssertGreaterThan(bytes.count, 4096, file: file, line: line)
        let text = Data(printed.joined(separator: "\n").utf8)
        let hubIndex = LeakIndex(bytes)
        let textIndex = LeakIndex(text)
        let publicIndex = LeakIndex(publicInputs)
        var checked = 0
        for p in pings {
            for value in [p.lat, p.lon] {
                for needle in [
                    String(format: "%.5f", value), String(format: "%.7f", value),
                    String(format: "%.5f", (value * 100_000).rounded(.down) / 100_000),
                ] {
                    XCTAssertFalse(
                        hubIndex.containsNumber(needle) && !publicIndex.containsNumber(needle),
                        "coordinate \(needle) found in hub.sqlite", file: file, line: line)
                    XCTAssertFalse(
                        textIndex.containsNumber(needle), "coordinate \(needle) found in the output", file: file,
                        line: line)
                }
                XCTAssertFalse(
                    hubIndex.containsDouble(value) && !publicIndex.containsNumberValue(value),
                    "coordinate \(value) stored as a double", file: file, line: line)
                checked += 1
            }
        }
        for device in Set(pings.map(\.device)) {
            XCTAssertNil(
                bytes.range(of: Data(device.utf8)), "device id \(device) found in hub.sqlite", file: file, line: line)
            XCTAssertNil(
                text.range(of: Data(device.utf8)), "device id \(device) found in the output", file: file, line: line)
        }
        XCTAssertEqual(checked, pings.count * 2, file: file, line: line)
    }
}

/// Every decimal number (as text, with all its shorter-precision prefixes) and every
/// 8-byte window of a byte buffer, for fast "does this value appear anywhere" checks.
struct LeakIndex {
    private var numbers: Set<String> = []
    private var words: Set<UInt64> = []
    private var values: Set<Double> = []

    init(_ data: Data) {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            guard bytes[i].isDigit else {
                i += 1
                continue
            }
            var j = i
            while j < bytes.count, bytes[j].isDigit || bytes[j] == UInt8(ascii: ".") { j += 1 }
            let token = String(decoding: bytes[i..<j], as: UTF8.self)
            if let value = Double(token) { values.insert(value) }
            // Any "d.ddddd…" inside the token, cut at every precision: a coordinate
            // printed with more decimals still contains its 5-decimal text.
            let characters = Array(token)
            for (dot, character) in characters.enumerated() where character == "." {
                for start in max(0, dot - 3)..<dot {
                    var end = dot + 2
                    while end <= characters.count {
                        numbers.insert(String(characters[start..<end]))
                        end += 1
                    }
                }
            }
            i = j
        }
        if bytes.count >= 8 {
            for k in 0...(bytes.count - 8) {
                var word: UInt64 = 0
                for b in bytes[k..<(k + 8)] { word = word << 8 | UInt64(b) }
                words.insert(word)
            }
        }
    }

    func containsNumber(_ text: String) -> Bool { numbers.contains(text) }

    /// Whether some number in the text has exactly this value.
    func containsNumberValue(_ value: Double) -> Bool { values.contains(value) }

    /// Whether the big-endian IEEE bytes of `value` (SQLite's REAL encoding) appear.
    func containsDouble(_ value: Double) -> Bool { words.contains(value.bitPattern) }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}

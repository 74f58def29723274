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
            var lat = random.double(in: 38.09...38.12), lon = random.double(in: 140.02...140.06)
            for minute in 0..<40 {
                lat += random.double(in: -0.0004...0.0004)
                lon += random.double(in: -0.0005...0.0005)
                pings.append(Ping(device: device, time: String(format: "2022-08-03T07:%02d:%02d+09:00", minute, d), lat: lat,
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
        for p in pings { csv += "\(p.device),\(p.time),\(String(format: "%.7f", p.lat)),\(String(format: "%.7f", p.lon)),6\n" }
        // Bad rows carrying private values: their errors must not repeat them.
        let leaky = pings[7]
        csv += "\(leaky.device),\(leaky.time),\(String(format: "%.7f", leaky.lat))x,\(String(format: "%.7f", leaky.lon)),6\n"
        csv += "\(leaky.device),not-a-time,\(String(format: "%.7f", leaky.lat)),\(String(format: "%.7f", leaky.lon)),6\n"
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
        // Make sure the ingest committed and the WAL is folded in, then read every byte.
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: project.hubURL.path + suffix) { bytes.append(data) }
        }
        XCTAssertGreaterThan(bytes.count, 4096)
        let text = printed.joined(separator: "\n")
        var checked = 0
        for p in pings {
            for value in [p.lat, p.lon] {
                for needle in [String(format: "%.5f", value), String(format: "%.7f", value),
                               String(format: "%.5f", (value * 100_000).rounded(.down) / 100_000)] {
                    XCTAssertNil(bytes.range(of: Data(needle.utf8)), "coordinate \(needle) found in hub.sqlite")
                    XCTAssertFalse(text.contains(needle), "coordinate \(needle) found in the output")
                }
                // SQLite stores REAL as a big-endian IEEE double.
                let double = withUnsafeBytes(of: value.bitPattern.bigEndian) { Data($0) }
                XCTAssertNil(bytes.range(of: double), "coordinate \(value) stored as a double")
                checked += 1
            }
            XCTAssertNil(bytes.range(of: Data(p.device.utf8)), "device id \(p.device) found in hub.sqlite")
            XCTAssertFalse(text.contains(p.device), "device id \(p.device) found in the output")
        }
        XCTAssertEqual(checked, pings.count * 2)
        // The aggregates are there all the same.
        let traffic = try XCTUnwrap(try catalogue.childTraffic())
        XCTAssertEqual(traffic.devices, 30)
        XCTAssertEqual(traffic.windows.first?.cells.map(\.pings).reduce(0, +), pings.count)
    }
}

import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

final class GPSAggregatorTests: XCTestCase {
    private func configuration(
        windows: [TimeWindow] = ChildTrafficSettings.defaultWindows,
        cellSize: Double = 50
    ) throws -> GPSAggregator.Configuration {
        GPSAggregator.Configuration(
            crs: try CRS("EPSG:6678"), cellSize: cellSize, windows: windows, maxAccuracy: 50,
            maxSpeed: 40 / 3.6, area: BoundingBox(west: 139.88, south: 38.03, east: 140.13, north: 38.20),
            utcOffsetSeconds: 9 * 3600)
    }

    /// Binning and distinct-device counts agree with pyproj + Python on 20,000 pings
    /// of 60 devices spread over a week (weekdays and a weekend, all hours).
    func testCellsAndDeviceCountsMatchPyproj() throws {
        var random = SeededRandom(seed: 42)
        var lines: [String] = []
        var pings: [(device: Int32, time: Double, lon: Double, lat: Double)] = []
        let start = 1_659_279_600.0  // 2022-08-01T00:00:00+09:00, a Monday
        for i in 0..<20_000 {
            let device = Int32(random.int(in: 0...59))
            // Each device moves slowly; times are unique per device so no speed filter applies.
            let time = start + Double(i) * 30.0
            let lon = 140.03 + Double(device) * 0.0004 + random.double(in: 0...0.0015)
            let lat = 38.10 + Double(device % 7) * 0.0003 + random.double(in: 0...0.0015)
            pings.append((device, time, lon, lat))
            lines.append("\(device),\(time),\(lon),\(lat)")
        }
        let windows = [
            TimeWindow.allDay, .morningCommute, .afternoonCommute,
            TimeWindow(name: "night", start: 22 * 60, end: 6 * 60, days: .weekends),
        ]
        var config = try configuration(windows: windows, cellSize: 50)
        config.maxSpeed = .infinity
        let aggregator = try GPSAggregator(configuration: config)
        for p in pings { try aggregator.add(device: p.device, time: p.time, lon: p.lon, lat: p.lat, accuracy: 5) }
        let result = try aggregator.finish()

        let reference =
            try ReferencePython.json(
                """
                import json, math, sys
                from collections import defaultdict
                from datetime import datetime
                from zoneinfo import ZoneInfo
                from pyproj import Transformer
                t = Transformer.from_crs("EPSG:4326", "EPSG:6678", always_xy=True)
                windows = [("all-day", 0, 1440, "all"), ("morning-commute", 420, 540, "weekdays"),
                           ("afternoon-commute", 840, 1020, "weekdays"), ("night", 1320, 360, "weekends")]
                pings = defaultdict(int); devices = defaultdict(set)
                for line in sys.stdin.read().split():
                    d, ts, lon, lat = line.split(",")
                    x, y = t.transform(float(lon), float(lat))
                    local = datetime.fromtimestamp(float(ts), ZoneInfo("Asia/Tokyo"))
                    minute = local.hour * 60 + local.minute; weekday = local.isoweekday()
                    for name, start, end, days in windows:
                        if days == "weekdays" and weekday > 5: continue
                        if days == "weekends" and weekday < 6: continue
                        inside = start <= minute < end if start < end else (minute >= start or minute < end)
                        if not inside: continue
                        key = f"{name}/{math.floor(x / 50)}/{math.floor(y / 50)}"
                        pings[key] += 1; devices[key].add(d)
                print(json.dumps({k: [pings[k], len(devices[k])] for k in pings}))
                """, packages: ["pyproj"], input: Data(lines.joined(separator: "\n").utf8)) as? [String: [Int]]
        let expected = try XCTUnwrap(reference)
        var ours: [String: [Int]] = [:]
        for window in result.windows {
            for cell in window.cells {
                ours["\(window.window.name)/\(cell.column)/\(cell.row)"] = [cell.pings, cell.devices]
            }
        }
        XCTAssertEqual(ours.count, expected.count)
        XCTAssertEqual(ours, expected)
        XCTAssertEqual(result.pings, 20_000)
        XCTAssertEqual(result.devices, 60)
        XCTAssertGreaterThan(result.window(named: "night")?.pings ?? 0, 0)
    }

    func testCleaningRules() throws {
        let aggregator = try GPSAggregator(configuration: try configuration())
        let t0 = 1_659_477_600.0  // 2022-08-03T07:00:00+09:00, a Wednesday
        // Accuracy: 50 m kept, 50.5 m dropped, none given kept.
        try aggregator.add(device: 1, time: t0, lon: 140.0380, lat: 38.1070, accuracy: 50)
        try aggregator.add(device: 1, time: t0 + 60, lon: 140.0381, lat: 38.1071, accuracy: 50.5)
        try aggregator.add(device: 1, time: t0 + 60, lon: 140.0381, lat: 38.1071, accuracy: nil)
        // Duplicate of the previous kept ping.
        try aggregator.add(device: 1, time: t0 + 60, lon: 140.0381, lat: 38.1071, accuracy: nil)
        // Outside the project bbox.
        try aggregator.add(device: 1, time: t0 + 90, lon: 141.0, lat: 38.1071, accuracy: nil)
        // Jumps: about 1.1 km within 5 to 15 s of the last kept ping (over 260 km/h),
        // three times, all dropped...
        for k in 1...3 {
            try aggregator.add(device: 1, time: t0 + 60 + Double(5 * k), lon: 140.0381, lat: 38.1171, accuracy: nil)
        }
        // ...and the fourth in a row is kept and becomes the reference.
        try aggregator.add(device: 1, time: t0 + 80, lon: 140.0381, lat: 38.1171, accuracy: nil)
        try aggregator.add(device: 1, time: t0 + 140, lon: 140.0382, lat: 38.1172, accuracy: nil)
        // Walking 80 m in a minute (4.8 km/h) is fine for another device.
        try aggregator.add(device: 2, time: t0, lon: 140.0380, lat: 38.1070, accuracy: 10)
        try aggregator.add(device: 2, time: t0 + 60, lon: 140.0380, lat: 38.10772, accuracy: 10)
        let result = try aggregator.finish()
        XCTAssertEqual(result.filtered, ["accuracy": 1, "duplicate": 1, "outsideArea": 1, "speed": 3])
        XCTAssertEqual(result.pings, 6)
        XCTAssertEqual(result.devices, 2)
        XCTAssertEqual(result.window(named: "morning-commute")?.pings, 6)
        XCTAssertEqual(result.window(named: "afternoon-commute")?.pings, 0)
    }

    func testWindowsFollowLocalTimeAndDays() throws {
        let aggregator = try GPSAggregator(configuration: try configuration())
        // 2022-08-06 is a Saturday: 07:30 local is in no commute window.
        let saturday = 1_659_738_600.0  // 2022-08-06T07:30:00+09:00
        try aggregator.add(device: 1, time: saturday, lon: 140.038, lat: 38.107, accuracy: nil)
        // 2022-08-05 (Friday) 22:59Z is Saturday 07:59 in Tokyo.
        try aggregator.add(device: 2, time: 1_659_740_340, lon: 140.038, lat: 38.107, accuracy: nil)
        // 2022-08-04T23:30:00Z is Friday 08:30 in Tokyo: morning commute.
        try aggregator.add(device: 3, time: 1_659_655_800, lon: 140.038, lat: 38.107, accuracy: nil)
        let result = try aggregator.finish()
        XCTAssertEqual(result.windows.map(\.pings), [3, 1, 0])
        XCTAssertEqual(result.window(named: "all-day")?.cells.first?.devices, 3)
    }
}

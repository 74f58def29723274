import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Wildlife zones on hand-made cameras and on the Nagai example, against pyproj +
/// shapely (buffers, union, areas) and counts worked out by hand or in Python.
final class WildlifeBuilderTests: XCTestCase {
    private let tokyo = TimeZone(secondsFromGMT: 9 * 3600) ?? .current  // Asia/Tokyo has no DST

    func testBandsByHand() {
        XCTAssertEqual(
            [0, 5, 6, 11, 12, 17, 18, 23, 24, -1].map { TimeOfDayBand(hour: $0).key },
            ["0-6", "0-6", "6-12", "6-12", "12-18", "12-18", "18-24", "18-24", "0-6", "18-24"])
        XCTAssertEqual(TimeOfDayBand(minuteOfDay: 5 * 60 + 59), .night)
        XCTAssertEqual(TimeOfDayBand(minuteOfDay: 6 * 60), .morning)
    }

    func testWeightHalvesEveryHalfLife() {
        let builder = WildlifeBuilder(crs: CRS.webMercator, timeZone: tokyo)
        assertClose(builder.weight(of: .bear, age: 0), 1, tolerance: 1e-15)
        assertClose(builder.weight(of: .bear, age: 30 * 86_400), 0.5, tolerance: 1e-15)
        assertClose(builder.weight(of: .boar, age: 60 * 86_400), 0.125, tolerance: 1e-15)
        assertClose(builder.weight(of: .other, age: 0), 0.1, tolerance: 1e-15)
    }

    /// Three cameras: A and B 600 m apart (their 500 m discs overlap, one zone), C alone.
    func testHandMadeZonesCountsAndRisks() throws {
        let cameras = try handMadeCameras()
        let asOf = try XCTUnwrap(ISO8601Timestamp.epochSeconds("2022-08-31T12:00:00+09:00")).date
        func detection(_ camera: String, _ time: String, _ species: Species, _ confidence: Double = 0.9) throws
            -> WildlifeDetection
        {
            WildlifeDetection(
                cameraID: camera, time: try XCTUnwrap(ISO8601Timestamp.epochSeconds(time)).date,
                species: species, confidence: confidence)
        }
        let detections = [
            try detection("A", "2022-08-31T04:30:00+09:00", .bear),  // night, age 7.5 h
            try detection("A", "2022-08-01T12:00:00+09:00", .bear),  // afternoon, age 30 d
            try detection("B", "2022-07-31T20:00:00+09:00", .boar),  // evening, July
            try detection("B", "2022-08-30T20:00:00+09:00", .serow, 0.49),  // not confident: ignored
            try detection("C", "2022-08-31T07:00:00+09:00", .other),  // morning
            try detection("C", "2021-08-30T07:00:00+09:00", .bear),  // 366 days old: outside the period
            try detection("X", "2022-08-31T07:00:00+09:00", .bear),  // unknown camera
        ]
        let builder = WildlifeBuilder(crs: try CRS("EPSG:6678"), timeZone: tokyo, asOf: asOf)
        let result = try builder.build(cameras: cameras, detections: detections)
        XCTAssertEqual(result.zones.map(\.id), ["A+B", "C"])
        XCTAssertEqual(result.unknownCameraDetections, 1)
        let ab = result.zones[0]
        let c = result.zones[1]
        XCTAssertEqual(ab.tally.detections, 3)
        XCTAssertEqual(ab.tally.bySpecies, [.bear: 2, .boar: 1])
        XCTAssertEqual(ab.tally.byMonth, ["2022-08": 2, "2022-07": 1])
        XCTAssertEqual(ab.tally.byBand, [.night: 1, .afternoon: 1, .evening: 1])
        let wNight = pow(0.5, 7.5 / 24 / 30)
        let wAfternoon = 0.5
        let wEvening = 0.5 * pow(0.5, (31 * 24 - 8) / 24 / 30.0)
        assertClose(ab.tally.score, wNight + wAfternoon + wEvening, tolerance: 1e-12)
        assertClose(c.tally.score, 0.1 * pow(0.5, 5.0 / 24 / 30), tolerance: 1e-12)
        XCTAssertEqual(c.tally.bySpecies, [.other: 1])
        assertClose(ab.risk, 1, tolerance: 0)
        assertClose(c.risk, c.tally.score / ab.tally.score, tolerance: 1e-15)
        // The busiest band of any zone is A+B's night (the fresh bear).
        assertClose(ab.bandRisk[.night] ?? -1, 1, tolerance: 0)
        assertClose(ab.risk(atMinuteOfDay: 5 * 60), 1, tolerance: 0)
        assertClose(ab.risk(atMinuteOfDay: 13 * 60), wAfternoon / wNight, tolerance: 1e-12)
        assertClose(ab.risk(atMinuteOfDay: 9 * 60), 0, tolerance: 0)
        assertClose(c.risk(atMinuteOfDay: 7 * 60), c.tally.score / wNight, tolerance: 1e-12)
        XCTAssertEqual(result.cameras.map(\.zoneID), ["A+B", "A+B", "C"])

        // Geometry against shapely: the union of 500 m discs (8 segments a quarter).
        let expected = try WildlifeReference.zones(
            cameras: try write(cameras), detections: try write(detections),
            asOf: asOf)
        XCTAssertEqual(expected.map(\.id), ["A+B", "C"])
        for (zone, e) in zip(result.zones, expected) {
            assertRelativelyClose(zone.area, e.area, relative: 1e-9, zone.id)
            XCTAssertEqual(zone.tally.detections, e.detections)
            assertClose(zone.tally.score, e.score, tolerance: 1e-12)
        }
        // Two overlapping discs are smaller than two whole ones but more than one.
        let disc = try XCTUnwrap(expected.last?.area)
        XCTAssertLessThan(ab.area, 2 * disc)
        XCTAssertGreaterThan(ab.area, disc)
    }

    func testLayerFeaturesCarryIDsCountsAndBands() throws {
        let cameras = try handMadeCameras()
        let asOf = Date(timeIntervalSince1970: 1_661_900_000)
        let detections = [
            WildlifeDetection(
                cameraID: "C", time: asOf.addingTimeInterval(-3600), species: .bear,
                confidence: 0.8)
        ]
        let builder = WildlifeBuilder(crs: try CRS("EPSG:6678"), timeZone: tokyo, asOf: asOf)
        let layer = builder.layer(try builder.build(cameras: cameras, detections: detections))
        XCTAssertEqual(layer.name, .wildlife)
        XCTAssertEqual(layer.features.map { $0.properties["kind"] }, ["zone", "camera", "camera", "camera"])
        let zone = layer.features[0]
        XCTAssertEqual(zone.properties["zone_id"], "C")
        XCTAssertEqual(zone.properties["camera_ids"], ["C"])
        XCTAssertEqual(zone.properties["counts_by_species"], ["bear": 1, "boar": 0, "serow": 0, "other": 0])
        XCTAssertEqual(zone.properties["counts_by_band"]?["6-12"], 1, "1661896400 is 2022-08-31 06:53:20 in Tokyo")
        XCTAssertEqual(zone.properties["band_profile"]?["6-12"], 1.0)
        XCTAssertEqual(zone.properties["band_risk"]?["0-6"], 0.0)
        XCTAssertEqual(zone.properties["risk"], 1.0)
        guard case .polygon(let rings) = zone.shape else { return XCTFail("a zone is a polygon") }
        XCTAssertEqual(rings.exterior.count, 33, "32 segments + closing point")
        let camera = layer.features[1]
        XCTAssertEqual(camera.properties["camera_id"], "A")
        XCTAssertEqual(camera.properties["zone_id"], .null)
        XCTAssertEqual(camera.properties["detections"], 0)
        XCTAssertEqual(layer.metadata["zones"], 1)
    }

    func testExampleMatchesShapelyAndPythonCounts() throws {
        let project = try ExampleHub.project()
        let layer = try LayerBuilder.build(.wildlife, catalogue: try ExampleHub.catalogue(), project: project)
        let data = ExampleHub.folder.appendingPathComponent("data")
        let expected = try WildlifeReference.zones(
            cameras: data.appendingPathComponent("wildlife_cameras.csv"),
            detections: data.appendingPathComponent("wildlife_detections.csv"))
        let zones = layer.features.filter { $0.properties["kind"] == "zone" }
        XCTAssertEqual(zones.map { $0.properties["zone_id"]?.stringValue ?? "" }, expected.map(\.id))
        XCTAssertTrue(expected.contains { $0.cameras.count > 1 }, "the example has overlapping cameras")
        for (zone, e) in zip(zones, expected) {
            let p = zone.properties
            assertRelativelyClose(try XCTUnwrap(p["area_m2"]?.doubleValue), e.area, relative: 1e-9, e.id)
            XCTAssertEqual(p["detections"]?.intValue, e.detections, e.id)
            assertClose(try XCTUnwrap(p["score"]?.doubleValue), e.score, tolerance: 1e-9, e.id)
            for species in Species.allCases {
                XCTAssertEqual(p["counts_by_species"]?[species.rawValue]?.intValue, e.species[species.rawValue] ?? 0)
            }
            XCTAssertEqual(p["counts_by_month"], .object(e.months.mapValues(JSONValue.int)), e.id)
            for band in TimeOfDayBand.allCases {
                XCTAssertEqual(p["counts_by_band"]?[band.key]?.intValue, e.bands[band.key] ?? 0, e.id)
                assertClose(
                    try XCTUnwrap(p["band_scores"]?[band.key]?.doubleValue), e.bandScores[band.key] ?? 0,
                    tolerance: 1e-9)
            }
        }
        // The Teraizumi pattern: most bears at CAM01 come between 18:00 and 06:00.
        let teraizumi = try XCTUnwrap(
            zones.first { $0.properties["camera_ids"]?.arrayValue?.contains("CAM01") == true })
        let bands = try XCTUnwrap(teraizumi.properties["band_profile"]?.objectValue)
        XCTAssertGreaterThan(
            (bands["18-24"]?.doubleValue ?? 0) + (bands["0-6"]?.doubleValue ?? 0),
            (bands["6-12"]?.doubleValue ?? 0) + (bands["12-18"]?.doubleValue ?? 0))
    }

    // MARK: Fixtures

    private func handMadeCameras() throws -> [WildlifeCamera] {
        // A at a point near Nagai; B 600 m east of A and C 5 km north, placed in EPSG:6678.
        let toLonLat = try CRSTransform(from: CRS("EPSG:6678"), to: .wgs84)
        let a = Coordinate(x: -69_572.6311, y: -209_836.0053)
        return [
            WildlifeCamera(cameraID: "A", name: "A", location: try toLonLat.transform(a)),
            WildlifeCamera(
                cameraID: "B", name: "B", location: try toLonLat.transform(Coordinate(x: a.x + 600, y: a.y))),
            WildlifeCamera(
                cameraID: "C", name: "C", location: try toLonLat.transform(Coordinate(x: a.x, y: a.y + 5000))),
        ]
    }

    private func write(_ cameras: [WildlifeCamera]) throws -> URL {
        let url = try makeTemporaryDirectory("wildlife").appendingPathComponent("cameras.csv")
        let lines =
            ["camera_id,name,lat,lon"]
            + cameras.map { "\($0.cameraID),\($0.name),\($0.location.lat),\($0.location.lon)" }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url
    }

    private func write(_ detections: [WildlifeDetection]) throws -> URL {
        let url = try makeTemporaryDirectory("wildlife").appendingPathComponent("detections.csv")
        let lines =
            ["camera_id,timestamp,species,confidence"]
            + detections.map {
                "\($0.cameraID),\(ISO8601Timestamp.string(epochSeconds: $0.time.timeIntervalSince1970)),\($0.species.rawValue),\($0.confidence)"
            }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url
    }
}

extension Double {
    /// The instant this many seconds after 1970.
    var date: Date { Date(timeIntervalSince1970: self) }
}

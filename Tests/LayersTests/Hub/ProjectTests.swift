import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

final class ProjectTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try makeTemporaryDirectory("project") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The project file of DESIGN.md, verbatim.
    static let designExample = """
        {
          "name": "Nagai",
          "bbox": [139.88, 38.03, 140.13, 38.20],
          "crs": "EPSG:6678",
          "sources": {
            "childGPS": "data/child_gps.csv",
            "riverSensors": "data/river_sensors.csv",
            "riverLevels": "data/river_levels.csv",
            "rainfall": "data/rainfall.csv",
            "wildlifeCameras": "data/wildlife_cameras.csv",
            "wildlifeDetections": "data/wildlife_detections.csv",
            "census": ["data/census_mesh.csv", {"path": "data/tblT000876Q5740.txt", "year": 2020}],
            "gtfs": "data/gtfs.zip",
            "busBoardings": "data/bus_boardings.csv",
            "boundary": "basemap/boundary.geojson",
            "roads": "basemap/roads.geojson",
            "rivers": "basemap/rivers.geojson",
            "schools": "basemap/schools.geojson"
          },
          "layers": { "child-traffic": { "minDistinctDevices": 5 } }
        }
        """

    private func load(_ text: String) throws -> Project {
        try Data(text.utf8).write(to: folder.appendingPathComponent("geohub.json"))
        return try Project.load(from: folder)
    }

    private func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(text), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    /// A minimal valid project with `extra` spliced into the top-level object.
    private func minimal(_ extra: String = "") -> String {
        #"{"name": "T", "bbox": [139.88, 38.03, 140.13, 38.20], "crs": "EPSG:6678""#
            + (extra.isEmpty ? "" : ", " + extra) + "}"
    }

    func testDesignExampleLoadsWithDefaults() throws {
        let project = try load(Self.designExample)
        XCTAssertEqual(project.name, "Nagai")
        XCTAssertEqual(project.bbox, BoundingBox(west: 139.88, south: 38.03, east: 140.13, north: 38.20))
        XCTAssertEqual(project.crs, try CRS("EPSG:6678"))
        XCTAssertEqual(project.crs.name, "JGD2011 / Japan Plane Rectangular CS X")
        XCTAssertEqual(project.sources.files.count, 14)
        XCTAssertEqual(
            project.sources.file(.riverLevels)?.url.path,
            folder.appendingPathComponent("data/river_levels.csv").standardizedFileURL.path)
        let census = project.sources.files(.census)
        XCTAssertEqual(census.map(\.path), ["data/census_mesh.csv", "data/tblT000876Q5740.txt"])
        XCTAssertEqual(census.map(\.year), [nil, 2020])
        XCTAssertEqual(census.map(\.id), ["census:data/census_mesh.csv", "census:data/tblT000876Q5740.txt"])
        XCTAssertEqual(project.sources.file(.gtfs)?.id, "gtfs")
        // Defaults.
        XCTAssertEqual(project.layers.childTraffic.minDistinctDevices, 5)
        XCTAssertEqual(project.layers.childTraffic.cellSize, 50)
        XCTAssertEqual(
            project.layers.childTraffic.windows.map(\.name), ["all-day", "morning-commute", "afternoon-commute"])
        XCTAssertEqual(project.layers.childTraffic.maxAccuracy, 50)
        XCTAssertFalse(project.layers.isPublic(.childTraffic))
        XCTAssertTrue(project.layers.isPublic(.floodRisk))
        XCTAssertEqual(project.layers.busRoutes.walkingDistance, 300)
        XCTAssertEqual(project.layers.busRoutes.lowUseThreshold, 10)
        XCTAssertEqual(project.layers.wildlife.weight(of: .bear), 1)
        XCTAssertEqual(project.layers.composite.weight(of: .flood), 1)
        XCTAssertEqual(project.timeZone.identifier, "Asia/Tokyo")
        XCTAssertEqual(project.defaultUTCOffsetSeconds, 9 * 3600)
        XCTAssertNil(project.asOf)
        XCTAssertEqual(project.server.port, 8080)
        XCTAssertEqual(project.hubURL.lastPathComponent, "hub.sqlite")
        XCTAssertFalse(project.ingest.strict)
    }

    func testEveryDocumentedSettingIsRead() throws {
        let project = try load(
            minimal(
                """
                "timeZone": "Asia/Tokyo", "asOf": "2022-08-31T23:59:00",
                "sources": {"census": {"path": "/abs/tbl.txt", "year": 2015, "encoding": "cp932"},
                            "riverLevels": {"path": "levels.csv", "encoding": "utf-8"}},
                "layers": {
                  "child-traffic": {"minDistinctDevices": 3, "cellSize": 25, "bandwidth": 200, "public": true,
                                    "windows": [{"name": "night", "start": "22:00", "end": "06:00", "days": "weekends"},
                                                {"name": "all", "start": "00:00", "end": "24:00"}],
                                    "defaultWindow": "all", "maxAccuracy": 30, "maxSpeedKmh": 25},
                  "flood-risk": {"advisoryFraction": 0.7, "riseRateHours": 2, "maxLagHours": 6, "scenarioRain": 50},
                  "wildlife": {"minConfidence": 0.8, "zoneRadius": 800, "periodDays": 90, "halfLifeDays": 14,
                               "speciesWeights": {"bear": 2, "other": 0}},
                  "census-delta": {"fromYear": 2015, "toYear": 2020, "minBasePopulation": 20},
                  "bus-routes": {"walkingDistance": 400, "lowUseThreshold": 5, "periodDays": 28, "maxZoom": 18},
                  "composite": {"cellSize": 200, "weights": {"flood": 2}, "beta": 8, "exposureWindow": "night"},
                  "basemap": {"minZoom": 5, "enabled": false}
                },
                "server": {"host": "0.0.0.0", "port": 9000, "cacheMaxAge": 60, "corsOrigin": "https://city.example",
                           "bearerToken": "0123456789abcdefXYZ", "maxConnections": 10, "connectionTimeout": 5,
                           "maxRequestBytes": 4096},
                "styles": {"flood-risk": {"opacity": 0.5, "color": "#d73027", "ramp": ["#ffffff", "#000000ff"],
                                          "lineWidth": 2, "pointRadius": 6}},
                "ingest": {"strict": true, "maxRejectionsKept": 10, "maxZipMemberMB": 64, "maxZipRatio": 100}
                """))
        XCTAssertEqual(project.asOf?.timeIntervalSince1970, 1_661_957_940)  // 2022-08-31T14:59:00Z
        let census = try XCTUnwrap(project.sources.file(.census))
        XCTAssertEqual(census.url.path, "/abs/tbl.txt")
        XCTAssertEqual(census.encoding, .shiftJIS)
        XCTAssertEqual(census.year, 2015)
        let traffic = project.layers.childTraffic
        XCTAssertEqual(traffic.minDistinctDevices, 3)
        XCTAssertEqual(
            traffic.windows,
            [
                TimeWindow(name: "night", start: 1320, end: 360, days: .weekends),
                TimeWindow(name: "all", start: 0, end: 1440),
            ])
        XCTAssertEqual(traffic.defaultWindow, "all")
        XCTAssertTrue(project.layers.isPublic(.childTraffic))
        XCTAssertEqual(project.layers.floodRisk.scenarioRain, 50)
        XCTAssertEqual(project.layers.wildlife.speciesWeights, [.bear: 2, .boar: 0.5, .serow: 0.25, .other: 0])
        XCTAssertEqual(project.layers.censusDelta.fromYear, 2015)
        XCTAssertEqual(project.layers.busRoutes.periodDays, 28)
        XCTAssertEqual(project.layers.options(for: .busRoutes).maxZoom, 18)
        XCTAssertEqual(project.layers.composite.weights, [.flood: 2, .wildlife: 1])
        XCTAssertEqual(project.layers.composite.exposureWindow, "night")
        XCTAssertFalse(project.layers.options(for: .basemap).enabled)
        XCTAssertEqual(project.server.bearerToken, "0123456789abcdefXYZ")
        XCTAssertEqual(project.styles[.floodRisk]?.ramp, ["#ffffff", "#000000ff"])
        XCTAssertEqual(project.ingest.zipLimits.maxMemberSize, 64 << 20)
        XCTAssertTrue(project.ingest.strict)
    }

    func testBadValuesNameTheirJSONPath() {
        assertError(
            minimal(#""layers": {"child-traffic": {"minDistinctDevices": 0}}"#),
            "geohub.json: layers.child-traffic.minDistinctDevices: expected a positive integer, got 0")
        assertError(
            minimal(#""layers": {"child-traffic": {"minDistinctDevices": 2.5}}"#),
            "geohub.json: layers.child-traffic.minDistinctDevices: expected a positive integer, got 2.5")
        assertError(
            minimal(#""layers": {"child-traffic": {"minDistinctDevices": "5"}}"#),
            #"geohub.json: layers.child-traffic.minDistinctDevices: expected a positive integer, got "5""#)
        assertError(
            minimal(#""layers": {"child-traffic": {"cellSize": -50}}"#),
            "geohub.json: layers.child-traffic.cellSize: expected a positive number of metres of at most 5000, got -50")
        assertError(
            minimal(#""layers": {"child-traffic": {"windows": [{"name": "am", "start": "7:00", "end": "09:00"}]}}"#),
            #"geohub.json: layers.child-traffic.windows[0].start: expected a time HH:MM from 00:00 to 23:59, got "7:00""#
        )
        assertError(
            minimal(#""layers": {"wildlife": {"minConfidence": 1.5}}"#),
            "geohub.json: layers.wildlife.minConfidence: expected a number from 0 to 1, got 1.5")
        assertError(
            minimal(#""layers": {"census-delta": {"fromYear": 2020, "toYear": 2015}}"#),
            "geohub.json: layers.census-delta.toYear: expected a year after fromYear (2020), got 2015")
        assertError(
            minimal(#""sources": {"census": [{"path": "a.txt", "year": "2020"}]}"#),
            #"geohub.json: sources.census[0].year: expected a census year such as 2020, got "2020""#)
        assertError(
            minimal(#""sources": {"rainfall": {"path": "r.csv", "encoding": "latin1"}}"#),
            #"geohub.json: sources.rainfall.encoding: expected "auto", "utf-8" or "shift_jis", got "latin1""#)
        assertError(
            minimal(#""sources": {"rainfall": ["a.csv", "b.csv"]}"#),
            #"geohub.json: sources.rainfall: expected one path or {"path": …}, not an array"#)
        assertError(
            minimal(#""server": {"port": 70000}"#),
            "geohub.json: server.port: expected a port number from 0 to 65535, got 70000")
        assertError(
            minimal(#""styles": {"wildlife": {"color": "red"}}"#),
            ##"geohub.json: styles.wildlife.color: expected a colour such as "#d73027", got "red""##)
        assertError(
            minimal(#""asOf": "yesterday""#),
            #"geohub.json: asOf: expected an ISO 8601 date-time such as "2022-08-31T23:59:00+09:00", got "yesterday""#)
        assertError(
            minimal(#""timeZone": "Mars/Olympus""#),
            #"geohub.json: timeZone: expected an IANA time zone such as "Asia/Tokyo", got "Mars/Olympus""#)
    }

    func testUnknownKeysAreRejectedWithTheAllowedOnes() {
        assertError(
            minimal(#""colour": "red""#),
            "geohub.json: colour: unknown key (allowed here: name, bbox, crs, sources, layers, timeZone, asOf, "
                + "server, styles, ingest)")
        assertError(
            minimal(#""layers": {"child-traffic": {"minDevices": 5}}"#),
            "geohub.json: layers.child-traffic.minDevices: unknown key (allowed here: enabled, public, minZoom, "
                + "maxZoom, minDistinctDevices, cellSize, bandwidth, windows, defaultWindow, maxAccuracy, maxSpeedKmh)")
        assertError(
            minimal(#""layers": {"heatmap": {}}"#),
            "geohub.json: layers.heatmap: unknown layer (the layers are child-traffic, flood-risk, wildlife, "
                + "census-delta, bus-routes, composite, basemap)")
        assertError(
            minimal(#""sources": {"gps": "x.csv"}"#),
            "geohub.json: sources.gps: unknown key (allowed here: childGPS, riverSensors, riverLevels, rainfall, "
                + "wildlifeCameras, wildlifeDetections, census, gtfs, busBoardings, boundary, roads, rivers, schools)")
        assertError(
            minimal(#""layers": {"wildlife": {"speciesWeights": {"deer": 1}}}"#),
            "geohub.json: layers.wildlife.speciesWeights.deer: unknown key (allowed here: bear, boar, serow, other)")
    }

    func testRequiredKeysAndStructure() {
        assertError(#"{"bbox": [0, 0, 1, 1], "crs": "EPSG:6678"}"#, "geohub.json: name: is required (a project name)")
        assertError(
            #"{"name": "x", "crs": "EPSG:6678"}"#,
            "geohub.json: bbox: is required ([west, south, east, north] in degrees)")
        assertError(
            #"{"name": "x", "bbox": [0, 0, 1, 1]}"#,
            #"geohub.json: crs: is required (a projected CRS in metres, such as "EPSG:6678")"#)
        assertError(
            #"{"name": "x", "bbox": [140.13, 38.03, 139.88, 38.20], "crs": "EPSG:6678"}"#,
            "geohub.json: bbox: expected west < east and south < north")
        assertError(
            #"{"name": "x", "bbox": [38.03, 139.88, 38.20, 140.13], "crs": "EPSG:6678"}"#,
            "geohub.json: bbox: expected longitudes in -180…180 and latitudes in -90…90 (lon/lat order)")
        assertError(
            #"{"name": "x", "bbox": [0, 0, 1, "1"], "crs": "EPSG:6678"}"#,
            #"geohub.json: bbox[3]: expected a number, got "1""#)
        assertError(
            #"{"name": "x", "bbox": [0, 0, 1, 1], "crs": "EPSG:4326"}"#,
            "geohub.json: crs: expected a projected CRS in metres, but it is geographic (WGS 84)")
        assertError(
            #"{"name": "x", "bbox": [0, 0, 1, 1], "crs": "EPSG:2230"}"#,
            "geohub.json: crs: expected a projected CRS in metres, but its unit is US survey foot "
                + "(NAD83 / California zone 6 (ftUS))")
        XCTAssertThrowsError(try load(#"{"name": "x", "bbox": [0, 0, 1, 1], "crs": "EPSG:999999"}"#)) { error in
            XCTAssertTrue("\(error)".hasPrefix(#"geohub.json: crs: PROJ cannot use "EPSG:999999" ("#), "\(error)")
        }
        // Any projected EPSG code in metres works, e.g. UTM 54N.
        XCTAssertEqual(try load(#"{"name": "x", "bbox": [0, 0, 1, 1], "crs": "epsg:32654"}"#).crs.epsgCode, 32654)
        assertError("[1, 2]", "geohub.json: expected an object, got an array")
        XCTAssertThrowsError(try load(#"{"name": "x", "bbox": [1, 2"#)) { error in
            XCTAssertTrue("\(error)".hasPrefix("geohub.json: is not valid JSON"), "\(error)")
        }
    }

    func testMissingProjectFileSaysWhatAProjectIs() {
        XCTAssertThrowsError(try Project.load(from: folder.appendingPathComponent("nowhere"))) { error in
            XCTAssertTrue(
                "\(error)".hasSuffix("geohub.json: not found; a project is a folder with a geohub.json file"),
                "\(error)")
        }
    }

    func testTimeWindowMembership() {
        let night = TimeWindow(name: "night", start: 22 * 60, end: 6 * 60)
        XCTAssertTrue(night.contains(minuteOfDay: 23 * 60, weekday: 3))
        XCTAssertTrue(night.contains(minuteOfDay: 0, weekday: 3))
        XCTAssertFalse(night.contains(minuteOfDay: 6 * 60, weekday: 3))
        XCTAssertTrue(TimeWindow.morningCommute.contains(minuteOfDay: 7 * 60, weekday: 5))
        XCTAssertFalse(TimeWindow.morningCommute.contains(minuteOfDay: 7 * 60, weekday: 6))
        XCTAssertFalse(TimeWindow.morningCommute.contains(minuteOfDay: 9 * 60, weekday: 1))
        XCTAssertEqual(TimeWindow.morningCommute.summary, "07:00–09:00 weekdays")
    }

    /// Every key the loader accepts is documented in docs/project-file.md (the allowed
    /// keys are taken from the loader's own "unknown key" errors, so the two cannot drift).
    func testEveryKeyIsDocumented() throws {
        let doc = try String(
            contentsOf: ReferencePython.packageRoot.appendingPathComponent("docs/project-file.md"),
            encoding: .utf8)
        let probes =
            [
                minimal(#""zzz": 1"#),
                minimal(#""sources": {"zzz": "x"}"#),
                minimal(#""sources": {"census": {"path": "x", "zzz": 1}}"#),
                minimal(#""server": {"zzz": 1}"#),
                minimal(#""ingest": {"zzz": 1}"#),
                minimal(#""styles": {"basemap": {"zzz": 1}}"#),
                minimal(
                    #""layers": {"child-traffic": {"windows": [{"name": "a", "start": "01:00", "end": "02:00", "zzz": 1}]}}"#
                ),
                minimal(#""layers": {"wildlife": {"speciesWeights": {"zzz": 1}}}"#),
                minimal(#""layers": {"composite": {"weights": {"zzz": 1}}}"#),
            ] + LayerName.allCases.map { minimal("\"layers\": {\"\($0.rawValue)\": {\"zzz\": 1}}") }
        var documented = 0
        for probe in probes {
            XCTAssertThrowsError(try load(probe)) { error in
                let text = "\(error)"
                guard let range = text.range(of: "(allowed here: ") else { return XCTFail(text) }
                let keys = text[range.upperBound...].dropLast().split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                for key in keys {
                    XCTAssertTrue(doc.contains("`\(key)`"), "\(key) (from \(text)) is not in docs/project-file.md")
                    documented += 1
                }
            }
        }
        XCTAssertGreaterThan(documented, 60)
    }
}

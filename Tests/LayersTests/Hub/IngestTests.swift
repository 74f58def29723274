import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

final class IngestTests: XCTestCase {
    private var fixture: HubFixture!

    override func setUpWithError() throws {
        fixture = try HubFixture()
        try fixture.writeAll()
    }

    override func tearDownWithError() throws { fixture.remove() }

    func testIngestsEverySourceAndTheCatalogueReadsThemBack() throws {
        let project = try fixture.project()
        var events: [String] = []
        let report = try Hub.ingest(project: project) { event in
            if case .finished(let source) = event { events.append(source.id) }
        }
        XCTAssertEqual(report.rejectedCount, 0, "\(report.rejections)")
        XCTAssertEqual(report.sources.map(\.status), Array(repeating: .ingested, count: 14))
        XCTAssertEqual(events.count, 14)
        XCTAssertEqual(report.source("riverLevels")?.rows, 4)
        XCTAssertEqual(report.source("gtfs")?.details["stop_times"], 5)

        let catalogue = try Hub.catalogue(for: project)
        let sensors = try catalogue.riverSensors()
        XCTAssertEqual(sensors.map(\.siteID), ["S01", "S02", "S03"])
        XCTAssertEqual(sensors[1].name, "置賜野川, 上流")
        XCTAssertEqual(sensors[0].location, Coordinate(lon: 140.0520, lat: 38.1040))
        XCTAssertEqual(sensors[0].warningLevel, 3.2)
        // 10:00 without offset is Tokyo time: 01:00Z (epochs from Python's calendar.timegm).
        let levels = try catalogue.riverLevels()
        XCTAssertEqual(levels["S01"]?.times.map(\.timeIntervalSince1970), [1_659_488_400, 1_659_492_000])
        XCTAssertEqual(levels["S01"]?.values, [2.10, 3.40])
        XCTAssertEqual(levels["S02"]?.times.map(\.timeIntervalSince1970), [1_659_488_400, 1_659_492_000])
        XCTAssertEqual(try catalogue.rainfall().values, [12.5, 48])
        let window = DateInterval(start: Date(timeIntervalSince1970: 1_659_490_000), duration: 7200)
        XCTAssertEqual(try catalogue.riverLevels(in: window)["S01"]?.values, [3.40])

        XCTAssertEqual(try catalogue.wildlifeCameras().map(\.name), ["寺泉", "平山"])
        let detections = try catalogue.wildlifeDetections()
        XCTAssertEqual(detections.map(\.species), [.bear, .bear, .boar, .serow, .other])
        XCTAssertEqual(try catalogue.wildlifeDetections(minConfidence: 0.5).count, 4)

        XCTAssertEqual(try catalogue.censusYears(), [2015, 2020])
        let census2015 = try catalogue.censusRows(year: 2015)
        // Mesh-code order: a cell right before the cells inside it.
        XCTAssertEqual(census2015.map(\.meshCode.code), ["57401023", "574010233", "5740102341", "57401024"])
        XCTAssertEqual(census2015.map(\.population), [1210, 260, nil, 830])
        XCTAssertEqual(census2015[2].secrecy, .hidden(mergedInto: nil))
        XCTAssertEqual(census2015[3].households, 301)
        XCTAssertEqual(try catalogue.censusLevels(year: 2015), [.third, .half, .quarter])
        XCTAssertEqual(try catalogue.censusRows(year: 2015, level: .half).map(\.population), [260])
        let census2020 = try catalogue.censusRows(year: 2020)
        XCTAssertEqual(census2020.map(\.population), [1185, 842, nil, 15])
        XCTAssertEqual(census2020.map(\.households), [502, 310, nil, 6])
        XCTAssertEqual(census2020[1].secrecy, .aggregate(includes: [try MeshCode("57401025")]))
        XCTAssertEqual(census2020[2].secrecy, .hidden(mergedInto: try MeshCode("57401024")))

        let feed = try catalogue.gtfsFeed()
        XCTAssertEqual(feed, try GTFSReader().read(fixture.url("data/gtfs.zip")).feed)

        let boardings = try catalogue.busBoardings()
        XCTAssertEqual(boardings.map(\.riderType), [.student, .student, .senior, .adult])
        let counts = try catalogue.boardingCounts()
        XCTAssertEqual(counts.filter { $0.stopID == "0103" && $0.event == .board }.map(\.count).reduce(0, +), 2)
        XCTAssertEqual(counts.first?.stopID, "0101")

        let boundary = try catalogue.basemapFeatures(.boundary)
        XCTAssertEqual(boundary.count, 1)
        XCTAssertEqual(boundary.first?.properties["code"], "06209")
        XCTAssertEqual(try catalogue.basemapFeatures(.roads).first?.properties["highway"], "primary")
        XCTAssertEqual(try catalogue.basemapFeatures(.rivers).first?.shape.typeName, "MultiLineString")
        let schools = try catalogue.basemapFeatures(.schools)
        XCTAssertEqual(schools.map(\.id), ["1", "s2"])
        XCTAssertEqual(schools.first?.shape, .point(Coordinate(lon: 140.037, lat: 38.106)))
        XCTAssertEqual(
            try catalogue.basemapFeatures(
                .schools,
                in: BoundingBox(
                    west: 140.04, south: 38.0, east: 140.1,
                    north: 38.1)
            ).map(\.id), ["s2"])

        let traffic = try XCTUnwrap(try catalogue.childTraffic())
        XCTAssertEqual(traffic.pings, 40)
        XCTAssertEqual(traffic.devices, 4)
        XCTAssertEqual(traffic.filtered, ["accuracy": 1, "speed": 1, "outsideArea": 1, "duplicate": 0])
        XCTAssertEqual(traffic.windows.map(\.window.name), ["all-day", "morning-commute", "afternoon-commute"])
        XCTAssertEqual(traffic.windows.map(\.pings), [40, 40, 0])
        XCTAssertEqual(traffic.windows.map(\.devices), [4, 4, 0])
        XCTAssertEqual(traffic.windows[0].cells.map(\.pings).reduce(0, +), 40)
        XCTAssertEqual(traffic.windows[0].cells, traffic.windows[1].cells)
        XCTAssertEqual(try catalogue.trafficCells(window: "all-day"), traffic.windows[0].cells)

        let provenance = try catalogue.provenance()
        XCTAssertEqual(provenance.count, 14)
        let levelsSource = try XCTUnwrap(provenance.first { $0.id == "riverLevels" })
        XCTAssertEqual(levelsSource.size, Self.fileSize(fixture.url("data/river_levels.csv")))
        XCTAssertEqual(levelsSource.rows, 4)
        XCTAssertEqual(levelsSource.timeRange.map { $0.lowerBound.timeIntervalSince1970 }, 1_659_488_400)
        XCTAssertEqual(levelsSource.crc32, try CRC32.checksum(ofFileAt: fixture.url("data/river_levels.csv")))
        XCTAssertEqual(try catalogue.newestTimestamp(of: [.riverLevels]), Date(timeIntervalSince1970: 1_659_492_000))
        // The newest timestamp over every source: the boarding at 2022-08-05T10:11+09:00.
        XCTAssertEqual(try catalogue.newestTimestamp()?.timeIntervalSince1970, 1_659_661_860)
        XCTAssertEqual(
            try catalogue.referenceTime(for: project, kinds: [.riverLevels])?.timeIntervalSince1970, 1_659_492_000)
        var historical = project
        historical.asOf = Date(timeIntervalSince1970: 1_659_000_000)
        XCTAssertEqual(try catalogue.referenceTime(for: historical), historical.asOf)
        let mode = try SQLiteDatabase(path: project.hubURL.path, mode: .readOnly).scalar("PRAGMA journal_mode")?.string
        XCTAssertEqual(mode, "wal")
    }

    func testUnchangedSourcesAreSkippedAndChangedOnesReplaced() throws {
        let project = try fixture.project()
        try Hub.ingest(project: project)
        let again = try Hub.ingest(project: project)
        XCTAssertEqual(Set(again.sources.map(\.status)), [.unchanged])

        // A changed file is re-read and replaces its rows (not appended).
        try fixture.write("data/river_levels.csv", HubFixture.riverLevels + "3.90,S01,2022-08-03T12:00:00\n")
        let third = try Hub.ingest(project: project)
        XCTAssertEqual(third.source("riverLevels")?.status, .ingested)
        XCTAssertEqual(third.sources.filter { $0.status == .ingested }.count, 1)
        XCTAssertEqual(try Hub.catalogue(for: project).riverLevels()["S01"]?.values, [2.10, 3.40, 3.90])

        // Touched but identical content: the checksum says unchanged.
        let later = Date().addingTimeInterval(60)
        try FileManager.default.setAttributes(
            [.modificationDate: later], ofItemAtPath: fixture.url("data/rainfall.csv").path)
        XCTAssertEqual(try Hub.ingest(project: project).source("rainfall")?.status, .unchanged)

        // Changing an aggregation setting re-ingests the GPS, and only the GPS.
        var coarser = project
        coarser.layers.childTraffic.cellSize = 200
        let fourth = try Hub.ingest(project: coarser)
        XCTAssertEqual(fourth.sources.filter { $0.status == .ingested }.map(\.id), ["childGPS"])
        XCTAssertEqual(try Hub.catalogue(for: project).childTraffic()?.cellSize, 200)

        // force re-reads everything.
        XCTAssertEqual(
            Set(try Hub.ingest(project: coarser, options: IngestOptions(force: true)).sources.map(\.status)),
            [.ingested])
    }

    func testMissingAndRemovedSourcesLeaveTheirLayersOut() throws {
        try Hub.ingest(project: try fixture.project())
        try FileManager.default.removeItem(at: fixture.url("data/rainfall.csv"))
        var json = HubFixture.projectJSON.replacingOccurrences(
            of: "\"busBoardings\": \"data/bus_boardings.csv\",", with: "")
        json = json.replacingOccurrences(
            of: #"["data/census_mesh.csv", {"path": "data/tblT001141Q5740.txt", "year": 2020}]"#,
            with: #""data/census_mesh.csv""#)
        try fixture.write("geohub.json", json)
        let project = try fixture.project()
        let report = try Hub.ingest(project: project)
        XCTAssertEqual(report.source("rainfall")?.status, .missing)
        XCTAssertEqual(report.source("busBoardings")?.status, .removed)
        XCTAssertEqual(report.source("census:data/tblT001141Q5740.txt")?.status, .removed)
        let catalogue = try Hub.catalogue(for: project)
        XCTAssertFalse(try catalogue.has(.rainfall))
        XCTAssertTrue(try catalogue.rainfall().isEmpty)
        XCTAssertFalse(try catalogue.has(.busBoardings))
        XCTAssertTrue(try catalogue.busBoardings().isEmpty)
        XCTAssertEqual(try catalogue.censusYears(), [2015])
        XCTAssertTrue(try catalogue.has(.census))
    }

    func testOnlyIngestsTheRequestedKinds() throws {
        let project = try fixture.project()
        let report = try Hub.ingest(project: project, options: IngestOptions(only: [.riverSensors, .riverLevels]))
        XCTAssertEqual(report.sources.map(\.id), ["riverSensors", "riverLevels"])
        XCTAssertFalse(try Hub.catalogue(for: project).has(.rainfall))
    }

    func testCatalogueWithoutHubSaysToBuild() throws {
        XCTAssertThrowsError(try Hub.catalogue(for: try fixture.project())) { error in
            XCTAssertTrue("\(error)".hasSuffix("hub.sqlite does not exist; run `geohub build` first"), "\(error)")
        }
    }

    func testSummaryLines() throws {
        let report = try Hub.ingest(project: try fixture.project())
        let lines = report.summaryLines
        XCTAssertEqual(lines.count, 15)
        XCTAssertTrue(lines.contains("riverLevels data/river_levels.csv: 4 rows"), "\(lines)")
        XCTAssertTrue(
            lines.contains("childGPS data/child_gps.csv: 40 rows, filtered 1 accuracy, 1 outsideArea, 1 speed"),
            "\(lines)")
        XCTAssertEqual(lines.last, "14 sources: 14 ingested, 0 unchanged; 0 rows rejected")
    }

    static func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? -1
    }
}

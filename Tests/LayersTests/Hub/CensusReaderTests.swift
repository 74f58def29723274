import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

final class CensusReaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try makeTemporaryDirectory("census") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func read(_ text: String, shiftJIS: Bool = true, year: Int? = 2020) throws -> (
        rows: [CensusRow], report: InputReport
    ) {
        let url = folder.appendingPathComponent("tblT000876Q5740.txt")
        try (shiftJIS ? HubFixture.shiftJIS(text) : Data(text.utf8)).write(to: url)
        var rows: [CensusRow] = []
        let report = try CensusReader.read(url, year: year) { row, _ in rows.append(row) }
        return (rows, report)
    }

    func testShiftJISEStatFileWithAHiddenCell() throws {
        let (rows, report) = try read(HubFixture.eStat)
        XCTAssertEqual(report.rejectedCount, 0)
        XCTAssertEqual(report.acceptedCount, 4)
        XCTAssertEqual(rows.map(\.meshCode.code), ["57401023", "57401024", "57401025", "57401033"])
        XCTAssertEqual(rows.map(\.population), [1185, 842, nil, 15])
        XCTAssertEqual(rows.map(\.households), [502, 310, nil, 6])
        XCTAssertEqual(rows.map(\.year), [2020, 2020, 2020, 2020])
        XCTAssertEqual(rows[2].secrecy, .hidden(mergedInto: try MeshCode("57401024")))
        XCTAssertEqual(rows[1].secrecy, .aggregate(includes: [try MeshCode("57401025")]))
        XCTAssertEqual(rows[0].secrecy, .none)
    }

    /// The 2015 layout names the column 人口総数; columns may move; hidden figures
    /// come as `X`, none as `-`; the households column may be absent.
    func testOtherPublishedLayouts() throws {
        let text =
            "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T000847002,T000847001\n"
            + ",,,,人口総数　男,　人口総数\n"
            + "574010233,0,,,33,64\n574010234,1,,,-,-\n574010241,1,,,X,X\n5740102411,0,,,1,2\n"
        let (rows, report) = try read(text)
        XCTAssertEqual(report.rejectedCount, 0)
        XCTAssertEqual(rows.map(\.population), [64, 0, nil, 2])
        XCTAssertEqual(rows.map(\.households), [nil, nil, nil, nil])
        XCTAssertEqual(rows[1].secrecy, .hidden(mergedInto: nil))  // HTKSYORI 1
        XCTAssertEqual(rows[2].secrecy, .hidden(mergedInto: nil))
        XCTAssertEqual(rows.map(\.meshCode.level), [.half, .half, .half, .quarter])
        let halfWidth = "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T1,T2\n,,,,人口(総数),世帯数\n57401023,0,,,10,4\n"
        XCTAssertEqual(try read(halfWidth, shiftJIS: false).rows.first?.households, 4)
    }

    func testEStatFileNeedsAYearAndItsLabelRow() throws {
        XCTAssertThrowsError(try read(HubFixture.eStat, year: nil)) { error in
            XCTAssertEqual(
                "\(error)",
                "tblT000876Q5740.txt:1: is an e-Stat mesh file, which has no year column; "
                    + #"give the census year in geohub.json as {"path": …, "year": 2020}"#)
        }
        XCTAssertThrowsError(try read("KEY_CODE,HTKSYORI,T1\n,,男\n57401023,0,5\n")) { error in
            XCTAssertEqual(
                "\(error)",
                "tblT000876Q5740.txt:2: names no population column "
                    + "(expected 人口（総数） or 人口総数 in the second header row)")
        }
    }

    func testEStatBadRowsKeepTheGoodOnes() throws {
        let text =
            "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001141001,T001141034\n,,,,人口（総数）,世帯総数\n"
            + "57401023,0,,,100,40\n5740102,0,,,5,2\n57401024,0,,,many,2\n57401025,1,9999,,*,*\n57401033,0,,,15,6\n"
        let (rows, report) = try read(text)
        XCTAssertEqual(rows.map(\.meshCode.code), ["57401023", "57401033"])
        XCTAssertEqual(
            report.errors.map(\.description),
            [
                #"tblT000876Q5740.txt:4: KEY_CODE "5740102" is not a mesh code: it has 7 digits; a mesh code has 4 (80 km), 6 (10 km), 8 (1 km), 9 (500 m) or 10 (250 m)"#,
                #"tblT000876Q5740.txt:5: T001141001 "many" is not a count (a whole number, - for none, or * X for a hidden figure)"#,
                #"tblT000876Q5740.txt:6: HTKSAKI "9999" is not a mesh code"#,
            ])
    }

    func testContractFileWithTheYearFromTheProject() throws {
        let url = folder.appendingPathComponent("census_2020.csv")
        try Data("households,mesh_code,population\n502,57401023,1185\n".utf8).write(to: url)
        var rows: [CensusRow] = []
        _ = try CensusReader.read(url, year: 2020) { row, _ in rows.append(row) }
        XCTAssertEqual(
            rows, [CensusRow(meshCode: try MeshCode("57401023"), year: 2020, population: 1185, households: 502)])
        XCTAssertThrowsError(try CensusReader.read(url) { _, _ in }) { error in
            XCTAssertEqual(
                "\(error)",
                "census_2020.csv:1: is missing the required column year "
                    + "(the header has households, mesh_code, population)")
        }
    }
}

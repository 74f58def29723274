import Foundation
import GeoCore
import Layers
import TestSupport

/// A small hand-made project with every source of the input contract and their
/// quirks (BOM, CRLF, Shift_JIS, Japanese species, an e-Stat file with hidden cells,
/// a GTFS-JP zip), written into a temporary folder.
struct HubFixture {
    let folder: URL

    init() throws {
        folder = try makeTemporaryDirectory("hub")
        for sub in ["data", "basemap"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: url(path)) }

    func write(_ path: String, data: Data) throws { try data.write(to: url(path)) }

    /// `text` encoded as CP932 (Shift_JIS) by Python's codec.
    static func shiftJIS(_ text: String) throws -> Data {
        try ReferencePython.run(
            "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode('cp932'))",
            packages: [], input: Data(text.utf8))
    }

    static let projectJSON = """
        {
          "name": "Fixture",
          "bbox": [139.88, 38.03, 140.13, 38.20],
          "crs": "EPSG:6678",
          "sources": {
            "childGPS": "data/child_gps.csv",
            "riverSensors": "data/river_sensors.csv",
            "riverLevels": "data/river_levels.csv",
            "rainfall": "data/rainfall.csv",
            "wildlifeCameras": "data/wildlife_cameras.csv",
            "wildlifeDetections": "data/wildlife_detections.csv",
            "census": ["data/census_mesh.csv", {"path": "data/tblT001141Q5740.txt", "year": 2020}],
            "gtfs": "data/gtfs.zip",
            "busBoardings": "data/bus_boardings.csv",
            "boundary": "basemap/boundary.geojson",
            "roads": "basemap/roads.geojson",
            "rivers": "basemap/rivers.geojson",
            "schools": "basemap/schools.geojson"
          },
          "layers": { "child-traffic": { "minDistinctDevices": 2 } }
        }
        """

    static let riverSensors =
        "\u{FEFF}site_id,name,lat,lon,warning_level_m,danger_level_m,operator\r\n"
        + "S01,最上川 長井橋,38.1040,140.0520,3.2,4.5,MLIT\r\n"
        + "S02,\"置賜野川, 上流\",38.1200,140.0200,1.8,2.6,pref\r\n"
        + "S03,白川,38.0800,140.0100,1.5,2.2,pref\r\n"

    /// Levels with and without offsets, columns in another order.
    static let riverLevels =
        "level_m,site_id,timestamp\n"
        + "2.10,S01,2022-08-03T10:00:00\n"
        + "3.40,S01,2022-08-03T11:00:00+09:00\n"
        + "1.20,S02,2022-08-03T01:00:00Z\n"
        + "1.25,S02,2022-08-03 11:00\n"

    static let rainfall = "timestamp,mm_per_hour\n2022-08-03T10:00:00,12.5\n2022-08-03T11:00:00,48\n"

    static let wildlifeCameras = "camera_id,name,lat,lon\nC01,寺泉,38.1400,139.9900\nC02,平山,38.0700,140.0800\n"

    static let wildlifeDetections =
        "camera_id,timestamp,species,confidence\n"
        + "C01,2022-08-02T19:30:00+09:00,クマ,0.92\n"
        + "C01,2022-08-03T04:10:00+09:00,bear,0.81\n"
        + "C02,2022-08-03T12:00:00+09:00,イノシシ,0.66\n"
        + "C02,2022-08-04T05:00:00+09:00,カモシカ,0.7\n"
        + "C02,2022-08-05T05:00:00+09:00,その他,0.4\n"

    static let censusMesh =
        "mesh_code,year,population,households\n"
        + "57401023,2015,1210,488\n57401024,2015,830,301\n574010233,2015,260,101\n5740102341,2015,*,*\n"

    /// An e-Stat 1 km mesh file as published: codes in row 1, Japanese labels in row 2,
    /// a hidden cell merged into a neighbour, the neighbour listing it.
    static let eStat =
        "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001141001,T001141002,T001141003,T001141034\r\n"
        + ",,,,　人口（総数）,　人口（総数）　男,　人口（総数）　女,　世帯総数\r\n"
        + "57401023,0,,,1185,570,615,502\r\n"
        + "57401024,2,,57401025,842,400,442,310\r\n"
        + "57401025,1,57401024,,*,*,*,*\r\n"
        + "57401033,0,,,15,7,8,6\r\n"

    static let boardings =
        "timestamp,route_id,stop_id,event,rider_type\n"
        + "2022-08-05T07:40:00,01,0101,board,student\n"
        + "2022-08-05T07:52:00,01,0103,alight,student\n"
        + "2022-08-05T10:10:00,01,0103,board,senior\n"
        + "2022-08-05T10:11:00,01,0103,board,adult\n"

    static let boundary = """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "長井市", "code": "06209"},
         "geometry": {"type": "Polygon", "coordinates": [[[139.9, 38.05], [140.1, 38.05], [140.1, 38.18], [139.9, 38.18], [139.9, 38.05]]]}}]}
        """
    static let roads = """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "properties": {"highway": "primary", "name": "国道287号"},
          "geometry": {"type": "LineString", "coordinates": [[140.03, 38.10], [140.04, 38.11], [140.05, 38.12]]}},
         {"type": "Feature", "properties": {},
          "geometry": {"type": "LineString", "coordinates": [[140.0, 38.1], [140.01, 38.1]]}}]}
        """
    static let rivers = """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "最上川"},
         "geometry": {"type": "MultiLineString", "coordinates": [[[140.05, 38.05], [140.06, 38.15]], [[140.06, 38.15], [140.07, 38.19]]]}}]}
        """
    static let schools = """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "id": 1, "properties": {"name": "長井小学校"}, "geometry": {"type": "Point", "coordinates": [140.037, 38.106]}},
         {"type": "Feature", "id": "s2", "properties": {"name": "致芳小学校"}, "geometry": {"type": "Point", "coordinates": [140.05, 38.09]}}]}
        """

    /// Four devices walking near Nagai station on a Wednesday morning, plus one noisy
    /// ping, one jump and one ping outside the project area.
    static let childGPS: String = {
        var lines = ["device_id,timestamp,lat,lon,accuracy_m"]
        for (d, device) in ["kid-A", "kid-B", "kid-C", "kid-D"].enumerated() {
            for minute in 0..<10 {
                let lat = 38.1070 + Double(minute) * 0.0002 + Double(d) * 0.00001
                let lon = 140.0380 + Double(minute) * 0.0001
                lines.append(
                    "\(device),2022-08-03T07:\(minute < 10 ? "0" : "")\(minute):00+09:00,"
                        + String(format: "%.6f,%.6f,%d", lat, lon, 5 + d))
            }
        }
        lines.append("kid-A,2022-08-03T07:10:00+09:00,38.1090,140.0390,120")  // accuracy
        lines.append("kid-B,2022-08-03T07:10:00+09:00,38.1500,140.0900,8")  // jump: ~6.5 km in a minute
        lines.append("kid-C,2022-08-03T07:10:00+09:00,37.5000,140.0390,8")  // outside the bbox
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Writes every source; the wildlife files and the e-Stat file in Shift_JIS.
    func writeAll() throws {
        try write("geohub.json", Self.projectJSON)
        try write("data/river_sensors.csv", Self.riverSensors)
        try write("data/river_levels.csv", Self.riverLevels)
        try write("data/rainfall.csv", Self.rainfall)
        try write("data/wildlife_cameras.csv", data: try Self.shiftJIS(Self.wildlifeCameras))
        try write("data/wildlife_detections.csv", data: try Self.shiftJIS(Self.wildlifeDetections))
        try write("data/census_mesh.csv", Self.censusMesh)
        try write("data/tblT001141Q5740.txt", data: try Self.shiftJIS(Self.eStat))
        try ZipFixtures.write(GTFSReaderTests.quirkyFeed(), to: url("data/gtfs.zip"))
        try write("data/bus_boardings.csv", Self.boardings)
        try write("basemap/boundary.geojson", Self.boundary)
        try write("basemap/roads.geojson", Self.roads)
        try write("basemap/rivers.geojson", Self.rivers)
        try write("basemap/schools.geojson", Self.schools)
        try write("data/child_gps.csv", Self.childGPS)
    }

    func project() throws -> Project { try Project.load(from: folder) }
}

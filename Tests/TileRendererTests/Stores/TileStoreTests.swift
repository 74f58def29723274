import Foundation
import GeoCore
import TestSupport
import XCTest

@testable import TileRenderer

/// Exports read back by tools no one here wrote: Pillow (every PNG), `gdalinfo` and SQL
/// (MBTiles) and the `pmtiles` Python package (PMTiles).
final class TileStoreTests: XCTestCase {
    private var directory: URL!
    private let zooms = 11...13
    /// Wider than the features, so some tiles are empty.
    private let box = BoundingBox(west: 139.95, south: 38.03, east: 140.15, north: 38.17)

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory("tilestores")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func export(_ formats: [TileStoreFormat], scale: TileScale = .standard, into folder: URL? = nil) throws
        -> TileExport.Summary
    {
        try TileExport.run(
            try Fixtures.layer(name: "fixture"), formats: formats, directory: folder ?? directory,
            zooms: zooms, bbox: box, scale: scale, attribution: "© test")
    }

    /// The folder's tiles as (tile, bytes), sorted.
    private func folderTiles(_ root: URL, suffix: String = "") throws -> [(TileID, Data)] {
        var result: [(TileID, Data)] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "png" else { continue }
            let parts = url.path.dropFirst(root.path.count + 1).split(separator: "/")
            let y = parts[2].replacingOccurrences(of: "\(suffix).png", with: "")
            result.append(
                (
                    try TileID(z: Int(parts[0]) ?? -1, x: Int(parts[1]) ?? -1, y: Int(y) ?? -1),
                    try Data(contentsOf: url)
                ))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    func testFolderStoreWritesReadablePNGsAndTileJSON() throws {
        let summary = try export([.tiles])
        let root = directory.appendingPathComponent("fixture")
        let tiles = try folderTiles(root)
        XCTAssertEqual(tiles.count, summary.stored)
        XCTAssertGreaterThan(summary.stored, 10)
        let cover = try TileCover(covering: box, zooms: zooms)
        XCTAssertLessThan(summary.stored, cover.count, "some tiles of the cover are empty and are not written")
        XCTAssertEqual(summary.rendered, cover.count)

        let images = try PillowImage.decode(tiles.map(\.1))
        for image in images {
            XCTAssertEqual(image.format, "PNG")
            XCTAssertEqual(image.width, 256)
            XCTAssertEqual(image.height, 256)
            XCTAssertTrue(["P", "RGBA"].contains(image.mode), image.mode)
            XCTAssertTrue(stride(from: 3, to: image.rgba.count, by: 4).contains { image.rgba[$0] > 0 }, "not empty")
        }

        let json = try JSONValue(contentsOf: root.appendingPathComponent("tilejson.json"))
        XCTAssertEqual(json["tilejson"], "3.0.0")
        XCTAssertEqual(json["name"], "fixture")
        XCTAssertEqual(json["tiles"], ["./{z}/{x}/{y}.png"])
        XCTAssertEqual(json["minzoom"]?.intValue, 11)
        XCTAssertEqual(json["maxzoom"]?.intValue, 13)
        XCTAssertEqual(json["attribution"], "© test")
        XCTAssertEqual(json["bounds"]?.arrayValue?.compactMap(\.doubleValue), [139.95, 38.03, 140.15, 38.17])
        XCTAssertEqual(json["center"]?.arrayValue?.count, 3)
        XCTAssertNotNil(json["legend"]?["title"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files remain")
    }

    func testRetinaTilesAre512PixelsWithSuffix() throws {
        let summary = try export([.tiles], scale: .retina)
        let tiles = try folderTiles(directory.appendingPathComponent("fixture"), suffix: "@2x")
        XCTAssertEqual(tiles.count, summary.stored)
        let image = try PillowImage.decode(try XCTUnwrap(tiles.first?.1))
        XCTAssertEqual(image.width, 512)
        XCTAssertEqual(image.height, 512)
        let json = try JSONValue(contentsOf: directory.appendingPathComponent("fixture/tilejson.json"))
        XCTAssertEqual(json["tiles"], ["./{z}/{x}/{y}@2x.png"])
        XCTAssertEqual(json["tileSize"]?.intValue, 512)
    }

    func testMBTilesReadByGDALAndSQL() throws {
        let summary = try export([.tiles, .mbtiles])
        let file = directory.appendingPathComponent("fixture.mbtiles")
        let info = try Shell.run("/usr/bin/gdalinfo", [file.path])
        let text = String(decoding: info, as: UTF8.self)
        XCTAssertTrue(text.contains("Driver: MBTiles/MBTiles"), text)
        XCTAssertTrue(text.contains("name=fixture"), text)
        XCTAssertTrue(text.contains("ZOOM_LEVEL=13"), text)
        XCTAssertTrue(text.contains("minzoom=11"), text)
        XCTAssertTrue(text.contains("Band 4 Block=256x256 Type=Byte, ColorInterp=Alpha"), text)
        // At zoom 13 a tile spans 360/2^13 degrees over 256 pixels.
        XCTAssertTrue(text.contains("Pixel Size = (19.109257071294"), text)

        let db = try SQLiteDatabase(path: file.path, mode: .readOnly)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM tiles")?.int, summary.stored)
        var metadata: [String: String] = [:]
        for row in try db.rows("SELECT name, value FROM metadata") {
            if let name = row[0].string { metadata[name] = row[1].string }
        }
        XCTAssertEqual(metadata["name"], "fixture")
        XCTAssertEqual(metadata["format"], "png")
        XCTAssertEqual(metadata["minzoom"], "11")
        XCTAssertEqual(metadata["maxzoom"], "13")
        XCTAssertEqual(metadata["bounds"], "139.95,38.03,140.15,38.17")
        XCTAssertEqual(metadata["attribution"], "© test")
        XCTAssertEqual(metadata["center"]?.split(separator: ",").count, 3)
        // Rows are TMS: the folder's y is 2^z - 1 - tile_row, and the bytes are the same.
        for (tile, bytes) in try folderTiles(directory.appendingPathComponent("fixture")) {
            let stored = try db.scalar(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                tile.z, tile.x, (1 << tile.z) - 1 - tile.y)
            XCTAssertEqual(stored?.data, bytes, "tile \(tile)")
        }
    }

    func testPMTilesReadByThePMTilesPackage() throws {
        let summary = try export([.tiles, .pmtiles])
        let folder = try folderTiles(directory.appendingPathComponent("fixture"))
        let file = directory.appendingPathComponent("fixture.pmtiles")
        let sample = folder[folder.count / 2]
        let script = """
            import json, sys
            from pmtiles.reader import Reader, MmapSource, all_tiles
            with open(sys.argv[1], 'rb') as f:
                source = MmapSource(f)
                reader = Reader(source)
                h = reader.header()
                tiles = list(all_tiles(source))
                z, x, y = (int(v) for v in sys.argv[2].split('/'))
                tile = reader.get(z, x, y)
                json.dump({
                    'tile_type': h['tile_type'].value, 'min_zoom': h['min_zoom'], 'max_zoom': h['max_zoom'],
                    'clustered': h['clustered'], 'internal': h['internal_compression'].value,
                    'addressed': h['addressed_tiles_count'], 'contents': h['tile_contents_count'],
                    'min_lon': h['min_lon_e7'], 'max_lat': h['max_lat_e7'], 'count': len(tiles),
                    'zxy': sorted('%d/%d/%d' % t[0] for t in tiles), 'tile': tile.hex(),
                    'metadata': reader.metadata()}, sys.stdout)
            """
        let answer = try XCTUnwrap(
            try ReferencePython.json(
                script, packages: ["pmtiles"],
                arguments: [file.path, sample.0.description]) as? [String: Any])
        XCTAssertEqual(answer["tile_type"] as? Int, 2, "PNG")
        XCTAssertEqual(answer["min_zoom"] as? Int, 11)
        XCTAssertEqual(answer["max_zoom"] as? Int, 13)
        XCTAssertEqual(answer["clustered"] as? Bool, true)
        XCTAssertEqual(answer["internal"] as? Int, 2, "gzip")
        XCTAssertEqual(answer["addressed"] as? Int, summary.stored)
        XCTAssertEqual(answer["count"] as? Int, summary.stored)
        XCTAssertEqual(answer["min_lon"] as? Int, 1_399_500_000)
        XCTAssertEqual(answer["max_lat"] as? Int, 381_700_000)
        XCTAssertEqual(answer["zxy"] as? [String], folder.map { $0.0.description }.sorted())
        XCTAssertEqual(
            answer["tile"] as? String, sample.1.map { String(format: "%02x", $0) }.joined(),
            "the archive's tile bytes equal the folder's")
        let metadata = try XCTUnwrap(answer["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["name"] as? String, "fixture")
        XCTAssertEqual(metadata["attribution"] as? String, "© test")

        // Our own reader agrees.
        let archive = try PMTilesArchive(url: file)
        XCTAssertEqual(try archive.tile(sample.0), sample.1)
        XCTAssertEqual(try archive.tiles(), folder.map(\.0).sorted { PMTilesID.id($0) < PMTilesID.id($1) })
        XCTAssertEqual(try archive.metadata()["name"], "fixture")
    }

    func testPMTilesLeafDirectoriesAndDeduplication() throws {
        // 30,000 tiles (more than a 16 KiB root holds) of which every third repeats one
        // shared blob: leaves are needed and repeated tiles are stored once.
        let metadata = TilesetMetadata(
            name: "many", bounds: BoundingBox(west: -180, south: -85, east: 180, north: 85),
            minZoom: 0, maxZoom: 8)
        let store = try PMTilesStore(directory: directory, metadata: metadata)
        var written: [TileID] = []
        let shared = Data("shared tile".utf8)
        outer: for z in 0...8 {
            for x in 0..<(1 << z) {
                for y in 0..<(1 << z) {
                    let tile = try TileID(z: z, x: x, y: y)
                    let data = written.count % 3 == 0 ? shared : Data("tile \(tile) \(written.count)".utf8)
                    try store.write(RenderedTile(tile: tile, png: data))
                    written.append(tile)
                    if written.count == 30_000 { break outer }
                }
            }
        }
        try store.finish()
        let file = directory.appendingPathComponent("many.pmtiles")
        let script = """
            import json, sys
            from pmtiles.reader import Reader, MmapSource, all_tiles
            from pmtiles.tile import zxy_to_tileid
            with open(sys.argv[1], 'rb') as f:
                source = MmapSource(f)
                h = Reader(source).header()
                tiles = list(all_tiles(source))
                r = Reader(source)
                json.dump({'count': len(tiles), 'leaves': h['leaf_directory_length'], 'root': h['root_length'],
                           'contents': h['tile_contents_count'], 'addressed': h['addressed_tiles_count'],
                           'probe': r.get(8, 10, 20).decode(), 'shared': r.get(0, 0, 0).decode(),
                           'ids': [zxy_to_tileid(z, x, y) for z, x, y in [(0,0,0), (3,5,2), (8,200,17), (12,4000,123), (20,1,1048575)]]},
                          sys.stdout)
            """
        let answer = try XCTUnwrap(
            try ReferencePython.json(script, packages: ["pmtiles"], arguments: [file.path])
                as? [String: Any])
        XCTAssertEqual(answer["count"] as? Int, 30_000)
        XCTAssertEqual(answer["addressed"] as? Int, 30_000)
        XCTAssertEqual(answer["contents"] as? Int, 20_001, "two thirds distinct plus the shared blob")
        XCTAssertGreaterThan(answer["leaves"] as? Int ?? 0, 0, "leaf directories were needed")
        XCTAssertLessThanOrEqual((answer["root"] as? Int ?? .max) + 127, 16_384)
        let probeIndex = try XCTUnwrap(written.firstIndex(of: try TileID(z: 8, x: 10, y: 20)))
        XCTAssertEqual(
            answer["probe"] as? String,
            probeIndex % 3 == 0 ? "shared tile" : "tile 8/10/20 \(probeIndex)")
        XCTAssertEqual(answer["shared"] as? String, "shared tile")
        let ids = try [(0, 0, 0), (3, 5, 2), (8, 200, 17), (12, 4000, 123), (20, 1, 1_048_575)].map {
            PMTilesID.id(try TileID(z: $0.0, x: $0.1, y: $0.2))
        }
        XCTAssertEqual((answer["ids"] as? [Int])?.map(UInt64.init), ids, "Hilbert ids agree with pmtiles")
        for id in ids { XCTAssertEqual(PMTilesID.tile(id).map(PMTilesID.id), id, "id → tile → id round trip") }
    }

    func testExportsAreByteIdenticalAcrossRuns() throws {
        let first = directory.appendingPathComponent("a")
        let second = directory.appendingPathComponent("b")
        _ = try export([.tiles, .mbtiles, .pmtiles], into: first)
        _ = try export([.tiles, .mbtiles, .pmtiles], into: second)
        for name in ["fixture.mbtiles", "fixture.pmtiles", "fixture/tilejson.json"] {
            XCTAssertEqual(
                try Data(contentsOf: first.appendingPathComponent(name)),
                try Data(contentsOf: second.appendingPathComponent(name)), name)
        }
        let a = try folderTiles(first.appendingPathComponent("fixture"))
        let b = try folderTiles(second.appendingPathComponent("fixture"))
        XCTAssertEqual(a.map(\.0), b.map(\.0))
        XCTAssertEqual(a.map(\.1), b.map(\.1))
    }

    func testCancelledStoresLeaveNothingBehind() throws {
        let metadata = TilesetMetadata(name: "cancelled", bounds: Fixtures.nagai, minZoom: 1, maxZoom: 1)
        for format in TileStoreFormat.allCases {
            let store = try format.makeStore(in: directory, metadata: metadata)
            try store.write(RenderedTile(tile: try TileID(z: 1, x: 1, y: 0), png: Data([1, 2, 3])))
            XCTAssertFalse(FileManager.default.fileExists(atPath: store.url.path), "nothing under the final name yet")
            store.cancel()
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }
}

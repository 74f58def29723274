import Foundation
import GeoCore
import TestSupport
import XCTest

/// Validation, TMS rows, paths, coding and the pixel transform.
final class TileIDTests: XCTestCase {
    func testOutOfRangeTilesThrow() {
        for (z, x, y) in [(-1, 0, 0), (31, 0, 0), (0, 1, 0), (0, 0, 1), (3, 8, 0), (3, 0, 8), (3, -1, 2), (14, 0, -5)] {
            XCTAssertThrowsError(try TileID(z: z, x: x, y: y), "\(z)/\(x)/\(y)") { error in
                XCTAssertTrue(error is TileError)
                XCTAssertTrue("\(error)".contains("\(z)"), "\(error)")
            }
        }
        XCTAssertNoThrow(try TileID(z: 30, x: (1 << 30) - 1, y: 0))
        XCTAssertThrowsError(try TileID(containing: Coordinate(lon: .nan, lat: 0), zoom: 3))
        XCTAssertThrowsError(try TileID(containing: Coordinate(lon: 0, lat: 0), zoom: 31))
        XCTAssertThrowsError(try TileRange(zoom: 2, minX: 0, maxX: 4, minY: 0, maxY: 0))
        XCTAssertThrowsError(try TileRange(zoom: 2, minX: 2, maxX: 1, minY: 0, maxY: 0))
        XCTAssertThrowsError(try TileCover(covering: BoundingBox(west: 0, south: 0, east: .infinity, north: 1), zooms: 0...2))
        XCTAssertThrowsError(try TileID(z: 3, x: 1, y: 1).ancestor(atZoom: 4))
        XCTAssertThrowsError(try TileID(z: 3, x: 1, y: 1).descendants(atZoom: 2))
    }

    func testQuadkeyErrors() {
        XCTAssertThrowsError(try TileID(quadkey: "0124")) { XCTAssertTrue("\($0)".contains("digit 4"), "\($0)") }
        XCTAssertThrowsError(try TileID(quadkey: String(repeating: "1", count: 31)))
        XCTAssertEqual(try TileID(quadkey: ""), try TileID(z: 0, x: 0, y: 0))
    }

    func testPathsParseAndPrint() throws {
        let tile = try TileID(path: "14/14553/6345")
        XCTAssertEqual(tile, try TileID(z: 14, x: 14553, y: 6345))
        XCTAssertEqual(tile.description, "14/14553/6345")
        for bad in ["", "1/2", "1/2/3/4", "a/0/0", "1/-1/0", "1/2/0", "+1/0/0", " 1/0/0", "99999999999/0/0"] {
            XCTAssertThrowsError(try TileID(path: bad), bad)
        }
    }

    func testTMSRowsFlip() throws {
        XCTAssertEqual(try TileID(z: 0, x: 0, y: 0).tmsY, 0)
        XCTAssertEqual(try TileID(z: 1, x: 0, y: 0).tmsY, 1)
        var random = SeededRandom(seed: 9)
        for _ in 0..<1_000 {
            let z = random.int(in: 0...22), n = 1 << z
            let tile = try TileID(z: z, x: random.int(in: 0...(n - 1)), y: random.int(in: 0...(n - 1)))
            XCTAssertEqual(tile.tmsY, n - 1 - tile.y)
            XCTAssertEqual(try TileID(z: z, x: tile.x, tmsY: tile.tmsY), tile)
        }
        XCTAssertThrowsError(try TileID(z: 2, x: 0, tmsY: 4))
    }

    func testCodableValidates() throws {
        let tile = try TileID(z: 5, x: 28, y: 12)
        let data = try JSONEncoder().encode(tile)
        XCTAssertEqual(try JSONDecoder().decode(TileID.self, from: data), tile)
        XCTAssertThrowsError(try JSONDecoder().decode(TileID.self, from: Data(#"{"z":1,"x":2,"y":0}"#.utf8)))
    }

    func testRangeIndexingIsColumnMajorAndCountIsArithmetic() throws {
        let range = try TileRange(zoom: 10, minX: 5, maxX: 7, minY: 100, maxY: 101)
        XCTAssertEqual(range.count, 6)
        XCTAssertEqual(Array(range).map(\.description),
                       ["10/5/100", "10/5/101", "10/6/100", "10/6/101", "10/7/100", "10/7/101"])
        // A whole zoom-20 world is counted without materialising a trillion tiles.
        let world = try TileCover(covering: BoundingBox(west: -180, south: -85.06, east: 180, north: 85.06), zooms: 0...20)
        XCTAssertEqual(world.count, (0...20).reduce(0) { $0 + (1 << $1) * (1 << $1) })
        XCTAssertEqual(world.countsByZoom.count, 21)
    }

    func testNagaiPyramidCount() throws {
        // The city's bbox from DESIGN.md at the default export zooms.
        let nagai = BoundingBox(west: 139.88, south: 38.03, east: 140.13, north: 38.20)
        let cover = try TileCover(covering: nagai, zooms: 10...16)
        XCTAssertEqual(cover.count, Array(cover).count)
        XCTAssertEqual(Set(cover).count, cover.count)
        XCTAssertTrue(cover.contains(try TileID(containing: Coordinate(lon: 140.04, lat: 38.107), zoom: 14)))
    }

    func testPixelTransformMapsCornersAndAgreesBetweenPaths() throws {
        var random = SeededRandom(seed: 10)
        for _ in 0..<1_000 {
            let z = random.int(in: 0...22), n = 1 << z
            let tile = try TileID(z: z, x: random.int(in: 0...(n - 1)), y: random.int(in: 0...(n - 1)))
            for size in [256, 512] {
                let transform = tile.pixelTransform(tileSize: size)
                let m = tile.mercatorBounds
                assertClose(transform.pixel(mercator: Coordinate(x: m.minX, y: m.maxY)), Coordinate(x: 0, y: 0),
                            tolerance: 1e-6)
                assertClose(transform.pixel(mercator: Coordinate(x: m.maxX, y: m.minY)),
                            Coordinate(x: Double(size), y: Double(size)), tolerance: 1e-6)
                // A random point inside: the lon/lat path and the metres path agree.
                let inside = Coordinate(x: m.minX + random.double(in: 0...1) * m.width,
                                        y: m.minY + random.double(in: 0...1) * m.height)
                let lonLat = WebMercator.unproject(inside)
                let viaMetres = transform.pixel(mercator: inside)
                assertClose(transform.pixel(lonLat: lonLat), viaMetres, tolerance: 1e-4, "\(tile)")
                assertClose(transform.mercator(pixel: viaMetres), inside, tolerance: 1e-6 + m.width * 1e-12)
                let world = WebMercator.worldPixel(lonLat, zoom: z, tileSize: size)
                assertClose(world.x - Double(tile.x * size), viaMetres.x, tolerance: 1e-4)
            }
        }
    }

    func testShapesProjectWithClampedLatitudes() throws {
        let polygon = Shape.polygon(PolygonRings(exterior: [
            Coordinate(lon: 0, lat: 0), Coordinate(lon: 10, lat: 0), Coordinate(lon: 10, lat: 90), Coordinate(lon: 0, lat: 0),
        ]))
        let metres = WebMercator.project(polygon)
        var all: [Coordinate] = []
        metres.forEachCoordinate { all.append($0) }
        XCTAssertTrue(all.allSatisfy(\.isFinite))
        assertClose(all[2].y, WebMercator.originShift, tolerance: 1e-6)  // the pole lands on the map's top edge
        let tile = try TileID(z: 0, x: 0, y: 0).pixelTransform()
        var pixels: [Coordinate] = []
        tile.pixels(lonLat: polygon).forEachCoordinate { pixels.append($0) }
        assertClose(pixels[0], Coordinate(x: 128, y: 128), tolerance: 1e-9)
        assertClose(pixels[2].y, 0, tolerance: 1e-9)
        var viaMetres: [Coordinate] = []
        tile.pixels(mercator: metres).forEachCoordinate { viaMetres.append($0) }
        for (a, b) in zip(pixels, viaMetres) { assertClose(a, b, tolerance: 1e-6) }
    }
}

import Foundation
import GeoCore
import TestSupport
import XCTest

/// Tile arithmetic checked against mercantile on generated cases.
final class TileReferenceTests: XCTestCase {
    /// Runs `script` with mercantile, `req` holding `payload`; JSON both ways with
    /// the exact Codable coders.
    private func mercantile<T: Decodable>(_ type: T.Type, _ script: String, _ payload: some Encodable) throws -> T {
        try ReferencePython.decode(T.self, "import json, sys, mercantile\nreq = json.load(sys.stdin)\n" + script,
                                   packages: ["mercantile"], sending: payload)
    }

    private struct CoverCase: Encodable {
        var box: [Double]
        var zmin: Int
        var zmax: Int
    }

    private struct Family: Decodable {
        var parent: [Int]
        var children: [[Int]]
        var root: [Int]
    }

    private func randomTiles(_ count: Int, seed: UInt64, zooms: ClosedRange<Int> = 0...22) -> [TileID] {
        var random = SeededRandom(seed: seed)
        return (0..<count).compactMap { _ in
            let z = random.int(in: zooms)
            let n = 1 << z
            return try? TileID(z: z, x: random.int(in: 0...(n - 1)), y: random.int(in: 0...(n - 1)))
        }
    }

    func testTileForPointAtEveryZoomMatchesMercantile() throws {
        var random = SeededRandom(seed: 1)
        var points = (0..<1_000).map { _ in
            Coordinate(lon: random.double(in: -180...180), lat: random.double(in: -85.0511...85.0511))
        }
        points += (0..<50).map { _ in
            Coordinate(lon: random.double(in: -200...200), lat: random.double(in: -89.9...89.9))
        }
        // Exact tile corners: the EPSILON rule decides which tile they belong to.
        for tile in randomTiles(300, seed: 2) {
            points.append(Coordinate(lon: tile.bounds.west, lat: tile.bounds.north))
            points.append(Coordinate(lon: tile.bounds.east, lat: tile.bounds.south))
        }
        let expected = try mercantile([[[Int]]].self, """
            out = [[list(mercantile.tile(p[0], p[1], z)) for z in range(23)] for p in req]
            json.dump(out, sys.stdout)
            """, points.map { [$0.x, $0.y] })
        var checked = 0
        for (point, perZoom) in zip(points, expected) {
            for (z, xyz) in perZoom.enumerated() {
                let tile = try TileID(containing: point, zoom: z)
                XCTAssertEqual([tile.x, tile.y, tile.z], xyz, "\(point) at zoom \(z)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, points.count * 23)
    }

    func testBoundsAndMercatorBoundsMatchMercantile() throws {
        let tiles = randomTiles(1_500, seed: 3)
        let expected = try mercantile([[[Double]]].self, """
            out = [[list(mercantile.bounds(*t)), list(mercantile.xy_bounds(*t))] for t in req]
            json.dump(out, sys.stdout)
            """, tiles.map { [$0.x, $0.y, $0.z] })
        for (tile, want) in zip(tiles, expected) {
            // Same formulas in the same order on the same libm: equal to the last bit.
            XCTAssertEqual(tile.bounds.array, want[0], "bounds \(tile)")
            XCTAssertEqual(tile.mercatorBounds.array, want[1], "xy_bounds \(tile)")
        }
    }

    func testCoveringTilesMatchMercantile() throws {
        var random = SeededRandom(seed: 4)
        var cases: [(BoundingBox, ClosedRange<Int>)] = []
        for i in 0..<1_000 {
            let maxZoom = random.int(in: 0...18)
            let minZoom = random.int(in: max(0, maxZoom - 3)...maxZoom)
            // Keep each case to at most a few hundred tiles: size shrinks with zoom.
            let span = min(360.0, 900.0 / Double(1 << maxZoom)) * random.double(in: 0.05...1)
            let west = random.double(in: -185...180), south = random.double(in: -88...84)
            var box = BoundingBox(west: west, south: south, east: west + span, north: south + span * 0.7)
            if i % 10 == 0, box.east > 180 { box.maxX -= 360 }  // crosses the antimeridian
            if i % 25 == 0 {  // a tile's own bounds must give exactly that tile
                let n = 1 << maxZoom
                box = try TileID(z: maxZoom, x: random.int(in: 0...(n - 1)), y: random.int(in: 0...(n - 1))).bounds
            }
            cases.append((box, minZoom...maxZoom))
        }
        let expected = try mercantile([[[Int]]].self, """
            out = [sorted(list(t) for t in mercantile.tiles(*c["box"], zooms=list(range(c["zmin"], c["zmax"] + 1))))
                   for c in req]
            json.dump(out, sys.stdout)
            """, cases.map { CoverCase(box: $0.0.array, zmin: $0.1.lowerBound, zmax: $0.1.upperBound) })
        var total = 0
        for ((box, zooms), want) in zip(cases, expected) {
            let cover = try TileCover(covering: box, zooms: zooms)
            let got = cover.map { [$0.x, $0.y, $0.z] }.sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(got, want, "\(box) zooms \(zooms)")
            XCTAssertEqual(cover.count, want.count, "\(box) zooms \(zooms)")
            total += want.count
        }
        XCTAssertGreaterThan(total, 5_000)
    }

    func testQuadkeysBothWaysMatchMercantile() throws {
        let tiles = randomTiles(1_500, seed: 5, zooms: 0...30)
        let expected = try mercantile([String].self, """
            json.dump([mercantile.quadkey(*t) for t in req], sys.stdout)
            """, tiles.map { [$0.x, $0.y, $0.z] })
        for (tile, quadkey) in zip(tiles, expected) {
            XCTAssertEqual(tile.quadkey, quadkey)
            XCTAssertEqual(try TileID(quadkey: quadkey), tile)
        }
    }

    func testParentAndChildrenMatchMercantile() throws {
        let tiles = randomTiles(1_000, seed: 6, zooms: 1...22)
        let expected = try mercantile([Family].self, """
            json.dump([{"parent": list(mercantile.parent(*t)), "children": [list(c) for c in mercantile.children(*t)],
                        "root": list(mercantile.parent(*t, zoom=0))} for t in req], sys.stdout)
            """, tiles.map { [$0.x, $0.y, $0.z] })
        for (tile, want) in zip(tiles, expected) {
            let parent = try XCTUnwrap(tile.parent)
            XCTAssertEqual([parent.x, parent.y, parent.z], want.parent)
            XCTAssertEqual(tile.children.map { [$0.x, $0.y, $0.z] }, want.children)
            let root = try tile.ancestor(atZoom: 0)
            XCTAssertEqual([root.x, root.y, root.z], want.root)
            XCTAssertTrue(parent.contains(tile))
            XCTAssertEqual(try parent.descendants(atZoom: tile.z).count, 4)
            XCTAssertTrue(try parent.descendants(atZoom: tile.z).contains(tile))
        }
        XCTAssertNil(try TileID(z: 0, x: 0, y: 0).parent)
    }

    func testWebMercatorMatchesMercantileAndPROJ() throws {
        var random = SeededRandom(seed: 7)
        let points = (0..<1_000).map { _ in
            Coordinate(lon: random.double(in: -180...180), lat: random.double(in: -85.06...85.06))
        }
        let expected = try mercantile([[Double]].self, """
            out = []
            for p in req:
                x, y = mercantile.xy(*p)
                out.append([x, y, *mercantile.lnglat(x, y)])
            json.dump(out, sys.stdout)
            """, points.map { [$0.x, $0.y] })
        let projected = try Transformer(from: .wgs84, to: .webMercator).transformed(points)
        for ((point, want), viaPROJ) in zip(zip(points, expected), projected) {
            let metres = WebMercator.project(point)
            XCTAssertEqual(metres, Coordinate(x: want[0], y: want[1]), "xy \(point)")
            assertClose(metres, viaPROJ, tolerance: 1e-3, "PROJ \(point)")  // 1 mm against the authority
            XCTAssertEqual(WebMercator.unproject(metres), Coordinate(x: want[2], y: want[3]), "lnglat \(point)")
        }
    }
}

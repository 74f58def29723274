import Foundation
import GeoCore
import TestSupport
import XCTest

/// JIS X 0410 mesh codes checked against jismesh on generated cases.
final class MeshCodeReferenceTests: XCTestCase {
    /// Runs `script` with jismesh, `req` holding `payload`; JSON both ways with the
    /// exact Codable coders (corners are compared to the last bit).
    private func jismesh<T: Decodable>(_ type: T.Type, _ script: String, _ payload: some Encodable) throws -> T {
        try ReferencePython.decode(T.self, "import json, sys\nimport jismesh.utils as ju\nreq = json.load(sys.stdin)\n"
                                   + script, packages: ["jismesh"], sending: payload)
    }

    private struct ChildrenCase: Encodable {
        var code: String
        var level: Int
    }

    /// Random valid codes of every level, digit by digit. The first-mesh parts stay
    /// at 10 or more: jismesh builds codes with `str(int)`, so it drops the leading
    /// zero of latitudes under 6.67° and longitudes under 110° (outside Japan); and
    /// under 99, since cells of first mesh 99xx reach past the 66.66° coverage limit.
    private func randomCodes(_ count: Int, seed: UInt64) throws -> [MeshCode] {
        var random = SeededRandom(seed: seed)
        return try (0..<count).map { i in
            let level = MeshLevel.allCases[i % MeshLevel.allCases.count]
            var text = "\(random.int(in: 10...98))\(random.int(in: 10...79))"
            if level >= .second { text += "\(random.int(in: 0...7))\(random.int(in: 0...7))" }
            if level >= .third { text += "\(random.int(in: 0...9))\(random.int(in: 0...9))" }
            if level >= .half { text += "\(random.int(in: 1...4))" }
            if level >= .quarter { text += "\(random.int(in: 1...4))" }
            return try MeshCode(text)
        }
    }

    func testPointToCodeAtEveryLevelMatchesJismesh() throws {
        var random = SeededRandom(seed: 0x0410)
        var points = (0..<1_200).map { _ in Coordinate(lon: random.double(in: 122...154), lat: random.double(in: 20...46)) }
        points += (0..<300).map { _ in Coordinate(lon: random.double(in: 110...179.999), lat: random.double(in: 6.7...66.65)) }
        // Points a hair (1e-9 degree, about 0.1 mm) either side of quarter-mesh edges.
        for _ in 0..<300 {
            let row = Double(random.int(in: 9_600...22_000)), column = Double(random.int(in: 7_000...17_000))
            let side = random.int(in: 0...1) == 0 ? -1e-9 : 1e-9
            points.append(Coordinate(lon: 100 + column / 320 + side, lat: row / 480 - side))
        }
        let expected = try jismesh([[String]].self, """
            json.dump([[ju.to_meshcode(p[1], p[0], level, astype=str) for level in (1, 2, 3, 4, 5)] for p in req],
                      sys.stdout)
            """, points.map { [$0.x, $0.y] })
        XCTAssertEqual(expected.count, points.count)
        for (point, codes) in zip(points, expected) {
            for (level, code) in zip(MeshLevel.allCases, codes) {
                XCTAssertEqual(try MeshCode(containing: point, level: level).code, code, "\(point) at \(level)")
            }
        }
    }

    func testLevelsCornersAndCentresMatchJismesh() throws {
        let codes = try randomCodes(1_500, seed: 1)
        let expected = try jismesh([[Double]].self, """
            out = []
            for c in req:
                out.append([ju.to_meshlevel(c), *ju.to_meshpoint(c, 0, 0), *ju.to_meshpoint(c, 1, 1),
                            *ju.to_meshpoint(c, 0.5, 0.5)])
            json.dump(out, sys.stdout)
            """, codes.map(\.code))
        for (code, want) in zip(codes, expected) {
            XCTAssertEqual(Double(code.level.rawValue), want[0], code.code)
            // Same sums in the same order: equal to the last bit.
            XCTAssertEqual(code.bounds.south, want[1], code.code)
            XCTAssertEqual(code.bounds.west, want[2], code.code)
            XCTAssertEqual(code.bounds.north, want[3], code.code)
            XCTAssertEqual(code.bounds.east, want[4], code.code)
            XCTAssertEqual(code.center, Coordinate(lon: want[6], lat: want[5]), code.code)
        }
    }

    func testPointsOnSouthWestEdgesBelongToTheirCell() throws {
        // jismesh's own corner coordinates: its to_meshcode often puts these in the
        // southern or western neighbour (floating-point remainders); the convention
        // is that they belong to the cell whose corner they are.
        let codes = try randomCodes(1_000, seed: 2)
        let corners = try jismesh([[Double]].self, """
            out = []
            for c in req:
                lat, lon = ju.to_meshpoint(c, 0, 0)
                lat_mid, lon_mid = ju.to_meshpoint(c, 0.5, 0.5)
                out.append([lon, lat, lon_mid, lat_mid])
            json.dump(out, sys.stdout)
            """, codes.map(\.code))
        for (code, p) in zip(codes, corners) {
            XCTAssertEqual(try MeshCode(containing: Coordinate(lon: p[0], lat: p[1]), level: code.level), code)
            XCTAssertEqual(try MeshCode(containing: Coordinate(lon: p[0], lat: p[3]), level: code.level), code,
                           "western edge of \(code)")
            XCTAssertEqual(try MeshCode(containing: Coordinate(lon: p[2], lat: p[1]), level: code.level), code,
                           "southern edge of \(code)")
            // The north-east corner belongs to the diagonal neighbour, never to the cell.
            let ne = code.point(latitudeFraction: 1, longitudeFraction: 1)
            guard ne.lat < MeshCode.coverage.north, ne.lon < MeshCode.coverage.east else { continue }
            let neighbour = try MeshCode(containing: ne, level: code.level)
            XCTAssertNotEqual(neighbour, code)
            assertClose(neighbour.point(latitudeFraction: 0, longitudeFraction: 0), ne, tolerance: 1e-12,
                        "\(code) → \(neighbour)")
        }
    }

    func testChildrenMatchJismeshIntersects() throws {
        let codes = try randomCodes(400, seed: 3).filter { $0.level != .quarter }
        let expected = try jismesh([[String]].self, """
            json.dump([sorted(str(c) for c in ju.to_intersects(c["code"], c["level"] + 1)) for c in req], sys.stdout)
            """, codes.map { ChildrenCase(code: $0.code, level: $0.level.rawValue) })
        for (code, want) in zip(codes, expected) {
            let children = code.children
            XCTAssertEqual(children.map(\.code).sorted(), want, code.code)
            for child in children {
                XCTAssertEqual(child.parent, code)
                XCTAssertTrue(code.contains(child))
                XCTAssertTrue(code.bounds.contains(child.center))
            }
        }
    }
}

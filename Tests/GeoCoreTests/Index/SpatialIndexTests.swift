import Foundation
import GeoCore
import TestSupport
import XCTest

/// The GEOS STRtree wrapper against shapely's STRtree: box queries (1,200 of them)
/// over boxes and geometries, and nearest items.
final class SpatialIndexTests: XCTestCase {
    func testBoxQueriesAndNearestAgreeWithShapely() throws {
        var random = SeededRandom(seed: 0x1DE)
        let area = BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 100)
        let shapes = (0..<500).map { _ in ShapeFixtures.anyShape(&random, in: area, size: 3, collections: false) }
        let queries: [BoundingBox] = (0..<1_200).map { _ in
            let x = random.double(in: -5...100)
            let y = random.double(in: -5...100)
            return BoundingBox(
                minX: x, minY: y, maxX: x + random.double(in: 0...15), maxY: y + random.double(in: 0...15))
        }
        let probes = (0..<300).map { _ in Coordinate(x: random.double(in: -10...110), y: random.double(in: -10...110)) }
        struct Expected: Decodable {
            var hits: [[Int]]
            var nearestDistance: [Double]
        }
        let boxes = queries.map { "[\($0.minX),\($0.minY),\($0.maxX),\($0.maxY)]" }.joined(separator: ",")
        let input =
            "{\"shapes\":\(ShapeFixtures.jsonArray(shapes)),\"boxes\":[\(boxes)],"
            + "\"probes\":\(ShapeFixtures.jsonArray(probes.map(Shape.point)))}"
        let expected = try ReferencePython.decode(
            Expected.self,
            """
            import json, sys
            import numpy as np, shapely
            from shapely.geometry import shape
            data = json.load(sys.stdin)
            tree = shapely.STRtree([shape(g) for g in data["shapes"]])
            hits = [sorted(tree.query(shapely.box(*b)).tolist()) for b in data["boxes"]]
            _, dist = tree.query_nearest([shape(g) for g in data["probes"]], return_distance=True, all_matches=False)
            json.dump({"hits": hits, "nearestDistance": dist.tolist()}, sys.stdout)
            """, packages: ["shapely", "numpy"], input: Data(input.utf8))

        let context = try GEOSContext()
        let geometries = try shapes.map { try Geometry($0, context: context) }
        let byGeometry = try SpatialIndex(geometries: geometries, context: context)
        let byBox = try SpatialIndex(boxes: shapes.compactMap(\.boundingBox), context: context)
        XCTAssertEqual(byGeometry.count, shapes.count)
        var total = 0
        for (i, query) in queries.enumerated() {
            XCTAssertEqual(try byGeometry.query(query), expected.hits[i], "query \(i)")
            XCTAssertEqual(try byBox.query(query), expected.hits[i], "box query \(i)")
            total += expected.hits[i].count
        }
        XCTAssertGreaterThan(total, 1_000)
        for (i, probe) in probes.enumerated() {
            let found = try XCTUnwrap(try byGeometry.nearest(to: Geometry(point: probe, context: context)))
            assertClose(found.distance, expected.nearestDistance[i], tolerance: 1e-12, "nearest \(i)")
            assertClose(
                try geometries[found.index].distance(to: Geometry(point: probe, context: context)),
                found.distance, tolerance: 0, "nearest item \(i)")
        }
        XCTAssertNil(try SpatialIndex(context: context).nearest(to: geometries[0]))
        XCTAssertEqual(try SpatialIndex(context: context).query(area), [])
    }
}

import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Projection and binning of lon/lat points against pyproj and numpy.
final class PointBinnerTests: XCTestCase {
    static let area = BoundingBox(west: 139.95, south: 38.03, east: 140.13, north: 38.18)

    static func points(_ n: Int, seed: UInt64) -> (lons: [Double], lats: [Double]) {
        var random = SeededRandom(seed: seed)
        var lons: [Double] = []
        var lats: [Double] = []
        for _ in 0..<n {
            // Mostly inside the area, some well outside it (to exercise the PROJ fallback).
            lons.append(random.double(in: 139.90...140.18))
            lats.append(random.double(in: 38.00...38.21))
        }
        return (lons, lats)
    }

    private struct Projected: Decodable {
        let x: [Double]
        let y: [Double]
    }

    private struct Histogram: Decodable {
        let counts: [Int]
        let inside: Int
    }

    private struct HistogramInput: Encodable {
        let lons, lats: [Double]
        let originX, originY, cellSize: Double
        let columns, rows: Int
    }

    func testLatticeAgreesWithPyprojWithinAMillimetre() throws {
        let transform = try CRSTransform(from: CRS.wgs84, to: CRS("EPSG:6678"))
        let lattice = try XCTUnwrap(try ProjectionLattice(transform: transform, bounds: Self.area))
        XCTAssertLessThanOrEqual(lattice.measuredError, 0.001)
        let (lons, lats) = Self.points(3000, seed: 11)
        let reference = try ReferencePython.decode(
            Projected.self,
            """
            import json, sys
            from pyproj import Transformer
            d = json.load(sys.stdin)
            t = Transformer.from_crs("EPSG:4326", "EPSG:6678", always_xy=True)
            x, y = t.transform(d[0], d[1])
            print(json.dumps({"x": list(x), "y": list(y)}))
            """, packages: ["pyproj"], sending: [lons, lats])
        var checked = 0
        var worst = 0.0
        for i in lons.indices {
            guard let p = lattice.project(lon: lons[i], lat: lats[i]) else {
                XCTAssertFalse(lattice.bounds.contains(Coordinate(x: lons[i], y: lats[i])), "inside but unprojected")
                continue
            }
            worst = max(worst, p.distance(to: Coordinate(x: reference.x[i], y: reference.y[i])))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1200, "about half the points lie in the area")
        XCTAssertLessThan(worst, 0.001, "metres from pyproj")
    }

    func testCountsMatchNumpyHistogramOfPyprojPositions() throws {
        let frame = try MetricGrid.covering(
            lonLat: Self.area, crs: CRS("EPSG:6678"), cellSize: 250, layer: .childTraffic)
        let (lons, lats) = Self.points(200_000, seed: 5)
        let lattice = try PointBinner(frame: frame).count(lons: lons, lats: lats)
        let exact = try PointBinner(frame: frame, projection: .exact).count(lons: lons, lats: lats)
        let input = HistogramInput(
            lons: lons, lats: lats, originX: frame.originX, originY: frame.originY,
            cellSize: frame.cellSize, columns: frame.columns, rows: frame.rows)
        let reference = try ReferencePython.decode(
            Histogram.self,
            """
            import json, sys
            import numpy as np
            from pyproj import Transformer
            d = json.load(sys.stdin)
            x, y = Transformer.from_crs("EPSG:4326", "EPSG:6678", always_xy=True).transform(d["lons"], d["lats"])
            s, c, r = d["cellSize"], d["columns"], d["rows"]
            h, _, _ = np.histogram2d(np.asarray(y), np.asarray(x),
                                     bins=[d["originY"] + s * np.arange(r + 1), d["originX"] + s * np.arange(c + 1)])
            print(json.dumps({"counts": h.astype(int).ravel().tolist(), "inside": int(h.sum())}))
            """, packages: ["numpy", "pyproj"], sending: input)

        XCTAssertEqual(exact.inside + exact.outside, lons.count)
        XCTAssertGreaterThan(exact.inside, 90_000)
        XCTAssertGreaterThan(exact.outside, 10_000)
        // Only a point within a hair of a cell edge can land differently; with 250 m
        // cells and sub-millimetre agreement, expect none or a handful.
        func moved(_ a: [UInt32], _ b: [Int]) -> Int { zip(a, b).reduce(0) { $0 + abs(Int($1.0) - $1.1) } }
        XCTAssertLessThanOrEqual(moved(exact.counts, reference.counts), 4, "exact PROJ vs pyproj + numpy")
        XCTAssertLessThanOrEqual(moved(lattice.counts, reference.counts), 4, "lattice vs pyproj + numpy")
        XCTAssertLessThanOrEqual(abs(lattice.inside - reference.inside), 2)
    }

    func testEmptyInputAndNonFiniteCoordinates() throws {
        let frame = try MetricGrid.covering(
            lonLat: Self.area, crs: CRS("EPSG:6678"), cellSize: 500, layer: .childTraffic)
        let binner = try PointBinner(frame: frame)
        let empty = binner.count(lons: [], lats: [])
        XCTAssertEqual(empty.inside, 0)
        XCTAssertEqual(empty.counts.count, frame.columns * frame.rows)
        let odd = binner.count(lons: [.nan, 140.04, 200, .infinity], lats: [38.1, 38.107, 95, 38.1])
        XCTAssertEqual(odd.inside, 1)
        XCTAssertEqual(odd.outside, 3)
    }
}

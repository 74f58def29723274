import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// Projection and binning of lon/lat points against pyproj and numpy.
final class PointBinnerTests: XCTestCase {
    static let area = BoundingBox(west: 139.95, south: 38.03, east: 140.13, north: 38.18)

    /// Uniform points over and around `area` (some well outside it).
    static func points(_ n: Int, seed: UInt64) -> (lons: [Double], lats: [Double]) {
        var random = SeededRandom(seed: seed)
        var lons: [Double] = []
        var lats: [Double] = []
        for _ in 0..<n {
            lons.append(random.double(in: 139.90...140.18))
            lats.append(random.double(in: 38.00...38.21))
        }
        return (lons, lats)
    }

    /// Points like the benchmark's: normal around Nagai (sd 0.02°), rounded to 10⁻⁶°.
    static func gaussianPoints(_ n: Int, seed: UInt64) -> (lons: [Double], lats: [Double]) {
        var random = SeededRandom(seed: seed)
        var lons: [Double] = []
        var lats: [Double] = []
        for _ in 0..<n {
            let r = (-2 * log(random.double(in: 1e-12...1))).squareRoot()
            let a = random.double(in: 0...(2 * Double.pi))
            lons.append(((140.04 + 0.02 * r * cos(a)) * 1e6).rounded() / 1e6)
            lats.append(((38.107 + 0.02 * r * sin(a)) * 1e6).rounded() / 1e6)
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
        let crs: String
        let originX, originY, cellSize: Double
        let columns, rows: Int
    }

    /// pyproj positions binned by numpy.histogram2d on the frame's cell edges.
    private func referenceCounts(_ frame: MetricGrid, _ lons: [Double], _ lats: [Double]) throws -> Histogram {
        let input = HistogramInput(
            lons: lons, lats: lats, crs: frame.crs, originX: frame.originX, originY: frame.originY,
            cellSize: frame.cellSize, columns: frame.columns, rows: frame.rows)
        return try ReferencePython.decode(
            Histogram.self,
            """
            import json, sys
            import numpy as np
            from pyproj import Transformer
            d = json.load(sys.stdin)
            t = Transformer.from_crs("EPSG:4326", d["crs"], always_xy=True)
            x, y = t.transform(np.asarray(d["lons"]), np.asarray(d["lats"]))
            s, c, r = d["cellSize"], d["columns"], d["rows"]
            h, _, _ = np.histogram2d(y, x, bins=[d["originY"] + s * np.arange(r + 1), d["originX"] + s * np.arange(c + 1)])
            print(json.dumps({"counts": h.astype(int).ravel().tolist(), "inside": int(h.sum())}))
            """, packages: ["numpy", "pyproj"], sending: input)
    }

    /// Σ |a − b| over cells: twice the number of points counted in another cell.
    private func moved(_ a: [UInt32], _ b: [Int]) -> Int { zip(a, b).reduce(0) { $0 + abs(Int($1.0) - $1.1) } }

    func testFitAgreesWithPyprojWithinAMillimetre() throws {
        let transform = try CRSTransform(from: CRS.wgs84, to: CRS("EPSG:6678"))
        let fit = try XCTUnwrap(try ProjectionFit(transform: transform, bounds: Self.area))
        XCTAssertEqual(fit.degree, 3, "a cubic suffices over a city")
        XCTAssertLessThanOrEqual(fit.measuredError, 0.001)
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
            guard let p = fit.project(lon: lons[i], lat: lats[i]) else {
                XCTAssertFalse(fit.bounds.contains(Coordinate(x: lons[i], y: lats[i])), "inside but unprojected")
                continue
            }
            worst = max(worst, p.distance(to: Coordinate(x: reference.x[i], y: reference.y[i])))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1200, "about half the points lie in the area")
        XCTAssertLessThan(worst, 0.001, "metres from pyproj")
        XCTAssertLessThan(worst, fit.measuredError * 1.5 + 1e-6, "the check grid caught the worst error")
    }

    func testCountsMatchNumpyHistogramOfPyprojPositions() throws {
        let frame = try MetricGrid.covering(
            lonLat: Self.area, crs: CRS("EPSG:6678"), cellSize: 250, layer: .childTraffic)
        let (lons, lats) = Self.points(200_003, seed: 5)  // not a multiple of 4: the tail runs too
        let fitted = try PointBinner(frame: frame).count(lons: lons, lats: lats)
        let exact = try PointBinner(frame: frame, projection: .exact).count(lons: lons, lats: lats)
        let reference = try referenceCounts(frame, lons, lats)

        XCTAssertEqual(exact.inside + exact.outside, lons.count)
        XCTAssertEqual(fitted.inside + fitted.outside, lons.count)
        XCTAssertGreaterThan(exact.inside, 90_000)
        XCTAssertGreaterThan(exact.outside, 10_000)
        // Only a point within a hair of a cell edge can land differently; with 250 m
        // cells and micrometre agreement, expect none or a handful.
        XCTAssertLessThanOrEqual(moved(exact.counts, reference.counts), 4, "exact PROJ vs pyproj + numpy")
        XCTAssertLessThanOrEqual(moved(fitted.counts, reference.counts), 4, "fit vs pyproj + numpy")
        XCTAssertLessThanOrEqual(abs(fitted.inside - reference.inside), 2)
    }

    /// The benchmark's case on a smaller sample: 25 m cells, points crowded in the centre.
    func testTwentyFiveMetreCountsMatchNumpyHistogram() throws {
        let frame = try MetricGrid.covering(
            lonLat: Self.area, crs: CRS("EPSG:6678"), cellSize: 25, layer: .childTraffic)
        let (lons, lats) = Self.gaussianPoints(300_001, seed: 7)
        let binner = try PointBinner(frame: frame)
        let fit = try XCTUnwrap(binner.fit)
        XCTAssertLessThan(fit.measuredError, 1e-4, "well under the 1 mm tolerance")
        let fitted = binner.count(lons: lons, lats: lats)
        let reference = try referenceCounts(frame, lons, lats)
        XCTAssertEqual(fitted.counts.count, reference.counts.count)
        // Expected moves: 4·error/cell of the points, i.e. far below one here.
        XCTAssertLessThanOrEqual(moved(fitted.counts, reference.counts), 2)
        XCTAssertEqual(fitted.inside, reference.inside)
        XCTAssertEqual(fitted.counts.reduce(0) { $0 + Int($1) }, fitted.inside)
    }

    /// A prefecture-sized frame needs a higher degree (the general kernel).
    func testLargeAreaUsesHigherDegreeAndStillMatches() throws {
        let wide = BoundingBox(west: 139.0, south: 37.2, east: 141.0, north: 39.2)
        let frame = try MetricGrid.covering(lonLat: wide, crs: CRS("EPSG:6678"), cellSize: 2000, layer: .childTraffic)
        var random = SeededRandom(seed: 3)
        var lons: [Double] = []
        var lats: [Double] = []
        for _ in 0..<50_001 {
            lons.append(random.double(in: 138.9...141.1))
            lats.append(random.double(in: 37.1...39.3))
        }
        let binner = try PointBinner(frame: frame)
        let fit = try XCTUnwrap(binner.fit)
        XCTAssertGreaterThan(fit.degree, 3)
        XCTAssertLessThanOrEqual(fit.measuredError, 0.001)
        let fitted = binner.count(lons: lons, lats: lats)
        let reference = try referenceCounts(frame, lons, lats)
        XCTAssertLessThanOrEqual(moved(fitted.counts, reference.counts), 2)
        XCTAssertEqual(fitted.inside, reference.inside)
    }

    /// Points 5 cm either side of the frame's edges (near its corners too, where the
    /// lon/lat footprint box is tightest) and of interior cell edges, placed with PROJ's
    /// inverse: the fit must count each on the same side as per-point PROJ.
    func testPointsNearFrameAndCellEdgesMatchExactProj() throws {
        let frame = try MetricGrid.covering(
            lonLat: Self.area, crs: CRS("EPSG:6678"), cellSize: 25, layer: .childTraffic)
        let extent = frame.extent
        var random = SeededRandom(seed: 19)
        var metric: [Coordinate] = []
        for _ in 0..<20_000 {
            let along = random.double(in: 0...1)
            let side = random.double(in: 0...1) < 0.5 ? -0.05 : 0.05
            let x = extent.minX + along * extent.width
            let y = extent.minY + along * extent.height
            switch random.int(in: 0...5) {
            case 0: metric.append(Coordinate(x: extent.minX + side, y: y))
            case 1: metric.append(Coordinate(x: extent.maxX + side, y: y))
            case 2: metric.append(Coordinate(x: x, y: extent.minY + side))
            case 3: metric.append(Coordinate(x: x, y: extent.maxY + side))
            case 4:  // a corner, both coordinates just off it
                let cx = random.double(in: 0...1) < 0.5 ? extent.minX : extent.maxX
                let cy = random.double(in: 0...1) < 0.5 ? extent.minY : extent.maxY
                metric.append(Coordinate(x: cx + side, y: cy + random.double(in: -0.05...0.05)))
            default:  // an interior cell edge
                let column = Double(random.int(in: 1...(frame.columns - 1)))
                metric.append(Coordinate(x: frame.originX + column * frame.cellSize + side, y: y))
            }
        }
        let lonLat = try CRSTransform(from: CRS("EPSG:6678"), to: CRS.wgs84).transformed(metric)
        let lons = lonLat.map(\.x)
        let lats = lonLat.map(\.y)
        let fitted = try PointBinner(frame: frame).count(lons: lons, lats: lats)
        let exact = try PointBinner(frame: frame, projection: .exact).count(lons: lons, lats: lats)
        XCTAssertEqual(fitted.inside, exact.inside)
        XCTAssertGreaterThan(exact.inside, 9_000)
        XCTAssertGreaterThan(exact.outside, 6_000)
        XCTAssertEqual(moved(fitted.counts, exact.counts.map { Int($0) }), 0, "cells counted differently")
    }

    func testEmptyInputAndNonFiniteCoordinates() throws {
        let frame = try MetricGrid.covering(
            lonLat: Self.area, crs: CRS("EPSG:6678"), cellSize: 500, layer: .childTraffic)
        for projection in [PointBinner.Projection.fitted(tolerance: 0.001), .exact] {
            let binner = try PointBinner(frame: frame, projection: projection)
            let empty = binner.count(lons: [], lats: [])
            XCTAssertEqual(empty.inside, 0)
            XCTAssertEqual(empty.counts.count, frame.columns * frame.rows)
            let odd = binner.count(
                lons: [.nan, 140.04, 200, .infinity, -.infinity, 140.05, 0],
                lats: [38.1, 38.107, 95, 38.1, 38.1, .nan, 0])
            XCTAssertEqual(odd.inside, 1, "\(projection)")
            XCTAssertEqual(odd.outside, 6, "\(projection)")
            XCTAssertEqual(odd.counts.reduce(0, +), 1)
        }
    }
}

import Foundation
import GeoCore
import Layers
import TestSupport
import XCTest

@testable import TileRenderer

/// Metric grids warped onto Web Mercator tiles, checked against pyproj's transforms.
final class GridSymbolizerTests: XCTestCase {
    /// A 110 × 110 grid of 100 m cells in EPSG:6678 around central Nagai whose values
    /// are a linear function of easting and northing (bilinear resampling reproduces
    /// a linear function exactly, so any error comes from the warp).
    private static let originX = -75_000.0, originY = -215_000.0

    private static func linear(_ e: Double, _ n: Double) -> Double {
        0.001 * (e - originX) + 0.002 * (n - originY)
    }

    private func grid(holes: Bool = false) -> MetricGrid {
        var grid = MetricGrid(
            crs: "EPSG:6678", originX: Self.originX, originY: Self.originY, cellSize: 100,
            columns: 110, rows: 110)
        for row in 0..<110 {
            for column in 0..<110 {
                let c = grid.center(column: column, row: row)
                grid[column, row] = Float(Self.linear(c.x, c.y))
            }
        }
        if holes {
            for row in 50..<60 { for column in 50..<60 { grid[column, row] = .nan } }
        }
        return grid
    }

    private static let gray = GridStyle(
        ramp: (try? ColorRamp(evenlySpaced: [.black, .white])) ?? .viridis,
        domain: .fixed(lower: 0, upper: 35), opacity: 1)

    private func renderer(grid: MetricGrid, style: GridStyle = gray) throws -> LayerRenderer {
        LayerRenderer(layer: try PreparedLayer(name: "grid", features: [], grid: grid, style: Style(grid: style)))
    }

    /// EPSG:6678 easting/northing of Web Mercator points, by pyproj.
    private func pyprojPlane(_ points: [Coordinate]) throws -> [Coordinate] {
        let input = Data(JSONValue.array(points.map { .array([.double($0.x), .double($0.y)]) }).jsonData())
        let script = """
            import json, sys
            from pyproj import Transformer
            t = Transformer.from_crs('EPSG:3857', 'EPSG:6678', always_xy=True)
            json.dump([list(t.transform(x, y)) for x, y in json.load(sys.stdin)], sys.stdout)
            """
        guard let pairs = try ReferencePython.json(script, packages: ["pyproj"], input: input) as? [[Double]] else {
            throw TestFailure("pyproj answered no list")
        }
        return pairs.map { Coordinate(x: $0[0], y: $0[1]) }
    }

    func testWarpedValuesMatchPyproj() throws {
        let tile = try TileID(containing: Coordinate(lon: 140.04, lat: 38.107), zoom: 14)
        let canvas = try renderer(grid: grid()).render(tile)
        let transform = tile.pixelTransform()
        var pixels: [(Int, Int)] = []
        for y in stride(from: 3, to: 256, by: 23) {
            for x in stride(from: 1, to: 256, by: 29) { pixels.append((x, y)) }
        }
        let plane = try pyprojPlane(
            pixels.map {
                transform.mercator(pixel: Coordinate(x: Double($0.0) + 0.5, y: Double($0.1) + 0.5))
            })
        for (k, (x, y)) in pixels.enumerated() {
            let expected = 255 * Self.linear(plane[k].x, plane[k].y) / 35
            let color = canvas.color(x: x, y: y)
            XCTAssertEqual(color.alpha, 255)
            XCTAssertEqual(Double(color.red), expected, accuracy: 1.01, "pixel \(x),\(y)")
        }
    }

    func testAdjacentTilesShareEdgesWithoutSeams() throws {
        let renderer = try renderer(grid: grid())
        let topLeft = try TileID(z: 15, x: 29131, y: 12627)
        let block = try renderer.renderMetatile(topLeft, span: 2)
        for (qx, qy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            let canvas = try renderer.render(try TileID(z: 15, x: topLeft.x + qx, y: topLeft.y + qy))
            var worst = 0
            for y in 0..<256 {
                for x in 0..<256 {
                    worst = max(worst, abs(Int(canvas[x, y] & 0xFF) - Int(block[qx * 256 + x, qy * 256 + y] & 0xFF)))
                }
            }
            XCTAssertLessThanOrEqual(worst, 1, "tile \(qx),\(qy) against the 2×2 block")
        }
    }

    func testZoomLevelsAgree() throws {
        let renderer = try renderer(grid: grid())
        let parent = try TileID(containing: Coordinate(lon: 140.04, lat: 38.107), zoom: 14)
        let coarse = try renderer.render(parent)
        for child in parent.children {
            let fine = try renderer.render(child)
            let dx = (child.x - 2 * parent.x) * 128
            let dy = (child.y - 2 * parent.y) * 128
            for y in stride(from: 0, to: 128, by: 7) {
                for x in stride(from: 0, to: 128, by: 7) {
                    let mean = [(0, 0), (1, 0), (0, 1), (1, 1)].reduce(0) {
                        $0 + Int(fine[2 * x + $1.0, 2 * y + $1.1] & 0xFF)
                    }
                    XCTAssertEqual(
                        Double(coarse[dx + x, dy + y] & 0xFF), Double(mean) / 4, accuracy: 1.5,
                        "z14 pixel \(dx + x),\(dy + y) vs the mean of its four z15 pixels")
                }
            }
        }
    }

    func testOneGlobalNormalisationForEveryTile() throws {
        // The default grid domain runs from 0 to the grid's maximum: a tile whose own
        // values are small must stay dark, not be stretched to its local maximum.
        var style = Self.gray
        style.domain = .zeroToMaximum
        let grid = grid()
        let maximum = Double(grid.maximum)
        let renderer = try renderer(grid: grid, style: style)
        let southWest = try CRSTransform(from: "EPSG:6678", to: "EPSG:4326")
            .transform(Coordinate(x: Self.originX + 1000, y: Self.originY + 1000))
        let tile = try TileID(containing: southWest, zoom: 16)
        let canvas = try renderer.render(tile)
        let transform = tile.pixelTransform()
        let at = transform.pixel(lonLat: southWest)
        let (x, y) = (Int(at.x), Int(at.y))
        let probe = transform.mercator(pixel: Coordinate(x: Double(x) + 0.5, y: Double(y) + 0.5))
        let plane = try pyprojPlane([probe])[0]
        XCTAssertEqual(Double(canvas[x, y] & 0xFF), 255 * Self.linear(plane.x, plane.y) / maximum, accuracy: 1.01)
        XCTAssertLessThan(canvas[x, y] & 0xFF, 40, "a low corner of the grid stays dark")
    }

    func testCellsWithoutDataStayTransparent() throws {
        let grid = grid(holes: true)
        let renderer = try renderer(grid: grid)
        let hole = try CRSTransform(from: "EPSG:6678", to: "EPSG:4326").transform(grid.center(column: 55, row: 55))
        let tile = try TileID(containing: hole, zoom: 16)
        let canvas = try renderer.render(tile)
        let pixel = tile.pixelTransform().pixel(lonLat: hole)
        XCTAssertEqual(canvas[Int(pixel.x), Int(pixel.y)], 0, "no data → transparent")
        let outside = try CRSTransform(from: "EPSG:6678", to: "EPSG:4326").transform(grid.center(column: 62, row: 55))
        let other = tile.pixelTransform().pixel(lonLat: outside)
        if other.x >= 0 && other.x < 256 {
            XCTAssertEqual(canvas[Int(other.x), Int(other.y)] >> 24, 255, "data → opaque")
        }
        // Outside the grid nothing is drawn.
        let far = try renderer.render(try TileID(containing: Coordinate(lon: 139.5, lat: 37.5), zoom: 12))
        XCTAssertTrue(far.isEmpty)
    }

    func testLegendShowsTheResolvedDomain() throws {
        var style = Self.gray
        style.domain = .zeroToMaximum
        style.unit = "index"
        let layer = try PreparedLayer(
            name: "grid", features: [], grid: grid(), style: Style(title: "Risk", grid: style))
        let legend = layer.legend
        XCTAssertEqual(legend.title, "Risk")
        XCTAssertEqual(legend.ramps.first?.label, "index")
        XCTAssertEqual(legend.ramps.first?.stops.first?.value, 0)
        XCTAssertEqual(legend.ramps.first?.stops.last?.value ?? 0, Double(grid().maximum), accuracy: 1e-4)
    }
}

final class BuiltGridLayerTests: XCTestCase {
    func testBuiltGridLayersUseTheirUnitAndDefaultStyle() throws {
        var grid = MetricGrid(
            crs: "EPSG:6678", originX: -75_000, originY: -215_000, cellSize: 50, columns: 40, rows: 40)
        for row in 0..<40 { for column in 0..<40 { grid[column, row] = Float(column + row) } }
        grid[0, 0] = 0
        let built = BuiltLayer(name: .childTraffic, grid: grid, metadata: ["unit": "pings per hectare"])
        let layer = try PreparedLayer(built)
        XCTAssertEqual(layer.legend.ramps.first?.label, "pings per hectare")
        XCTAssertEqual(layer.domains["grid"], 0...78, "zero to the grid's one maximum")
        let bounds = try XCTUnwrap(layer.bounds)
        let tile = try TileID(containing: bounds.center, zoom: 15)
        let canvas = try LayerRenderer(layer: layer).render(tile)
        XCTAssertFalse(canvas.isEmpty)
        // Zero density is left transparent by the default style.
        let corner = try CRSTransform(from: "EPSG:6678", to: "EPSG:4326").transform(grid.center(column: 0, row: 0))
        let cornerTile = try TileID(containing: corner, zoom: 18)
        let at = cornerTile.pixelTransform().pixel(lonLat: corner)
        let cornerCanvas = try LayerRenderer(layer: layer).render(cornerTile)
        XCTAssertLessThan(
            cornerCanvas[Int(at.x), Int(at.y)] >> 24, 40, "at a zero cell the density ramp is (nearly) clear")
    }
}

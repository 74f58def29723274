import Foundation
import GeoCore
import TestSupport
import XCTest

@testable import TileRenderer

/// Every tile is drawn with a buffer: what crosses a tile edge must look the same in
/// both tiles as in one drawing of the two together.
final class TileEdgeTests: XCTestCase {
    /// Largest channel difference between `tile` and the block's quadrant at (qx, qy).
    private func difference(_ tile: Canvas, _ block: Canvas, qx: Int, qy: Int) -> (Int, Int, Int) {
        var worst = 0
        var wx = 0
        var wy = 0
        for y in 0..<tile.height {
            for x in 0..<tile.width {
                let a = tile[x, y]
                let b = block[qx * tile.width + x, qy * tile.height + y]
                for shift in stride(from: UInt32(0), to: 32, by: 8) {
                    let d = abs(Int((a >> shift) & 0xFF) - Int((b >> shift) & 0xFF))
                    if d > worst { (worst, wx, wy) = (d, x, y) }
                }
            }
        }
        return (worst, wx, wy)
    }

    private func inkedColumns(_ canvas: Canvas, column: Int) -> Int {
        (0..<canvas.height).filter { canvas[column, $0] >> 24 > 0 }.count
    }

    /// A thick line, a polygon outline and markers, all placed across the corner where
    /// tiles 14/14565/6313, 14566/6313, 14565/6314 and 14566/6314 meet.
    private func crossingLayer(scale: TileScale) throws -> (LayerRenderer, TileID) {
        let topLeft = try TileID(z: 14, x: 14565, y: 6313)
        let corner = topLeft.mercatorBounds  // shared corner: (maxX, minY)
        func lonLat(_ dx: Double, _ dy: Double) -> Coordinate {
            WebMercator.unproject(Coordinate(x: corner.maxX + dx, y: corner.minY + dy))
        }
        let features = [
            Feature(shape: .lineString([lonLat(-1500, 700), lonLat(-20, 37), lonLat(30, -10), lonLat(900, -1100)])),
            Feature(
                shape: .polygon(
                    PolygonRings(exterior: [
                        lonLat(-400, -300), lonLat(350, -420), lonLat(280, 390),
                        lonLat(-310, 260), lonLat(-400, -300),
                    ]))),
            Feature(shape: .multiPoint([lonLat(3, 900), lonLat(-700, 2), lonLat(1, -1), lonLat(500, 4)])),
        ]
        let style = Style(
            fill: .color(Color(red: 200, green: 50, blue: 50)), fillOpacity: 0.4,
            outline: .color(Color(red: 20, green: 120, blue: 20)), outlineWidth: 3,
            stroke: .color(Color(red: 20, green: 20, blue: 120)), strokeWidth: 9, lineJoin: .miter,
            lineCap: .square, miterLimit: 6,
            marker: MarkerStyle(shape: .circle, size: 24, stroke: .black, strokeWidth: 2))
        let layer = try PreparedLayer(name: "edges", features: features, style: style)
        return (LayerRenderer(layer: layer, scale: scale), topLeft)
    }

    func testFeaturesCrossingTileEdgesAreContinuous() throws {
        for scale in TileScale.allCases {
            let (renderer, topLeft) = try crossingLayer(scale: scale)
            let block = try renderer.renderMetatile(topLeft, span: 2)
            for (qx, qy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let tile = try TileID(z: 14, x: topLeft.x + qx, y: topLeft.y + qy)
                let canvas = try renderer.render(tile)
                let (worst, x, y) = difference(canvas, block, qx: qx, qy: qy)
                XCTAssertLessThanOrEqual(worst, 1, "\(scale) tile \(tile) differs from the block at pixel \(x),\(y)")
                if worst > 1, ProcessInfo.processInfo.environment["DUMP"] != nil {
                    try PNGEncoder(options: .lossless).encode(canvas).write(
                        to: URL(fileURLWithPath: "/tmp/edge-tile.png"))
                    try PNGEncoder(options: .lossless).encode(block).write(
                        to: URL(fileURLWithPath: "/tmp/edge-block.png"))
                }
                // The edge columns and rows facing the other tiles carry ink: nothing is cut.
                let edge = qx == 0 ? canvas.width - 1 : 0
                XCTAssertGreaterThan(inkedColumns(canvas, column: edge), 10, "\(scale) tile \(tile) edge column")
            }
            // Pixel columns agree across the vertical edge: left tile's last column vs
            // right tile's first neighbour in the block.
            let left = try renderer.render(topLeft)
            let right = try renderer.render(try TileID(z: 14, x: topLeft.x + 1, y: topLeft.y))
            let size = scale.tileSize
            for y in 0..<size {
                XCTAssertEqual(left[size - 1, y] >> 24, block[size - 1, y] >> 24, "alpha at row \(y)")
                XCTAssertEqual(right[0, y] >> 24, block[size, y] >> 24, "alpha at row \(y)")
            }
        }
    }

    func testRetinaTilesDoubleWidthsAndSizes() throws {
        let (standard, tile) = try crossingLayer(scale: .standard)
        let (retina, _) = try crossingLayer(scale: .retina)
        let one = try standard.render(tile)
        let two = try retina.render(tile)
        XCTAssertEqual(two.width, 512)
        // Same area at twice the linear resolution: ink covers about four times the pixels.
        let inkOne = one.pixels.reduce(0) { $0 + Int($1 >> 24) }
        let inkTwo = two.pixels.reduce(0) { $0 + Int($1 >> 24) }
        assertRelativelyClose(Double(inkTwo), 4 * Double(inkOne), relative: 0.03)
    }
}

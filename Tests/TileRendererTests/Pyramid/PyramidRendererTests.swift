import Foundation
import GeoCore
import TestSupport
import XCTest

@testable import TileRenderer

final class PyramidRendererTests: XCTestCase {
    func testParallelOutputEqualsSerialOutputInCoverOrder() throws {
        let layer = try Fixtures.layer()
        let cover = try TileCover(covering: Fixtures.nagai, zooms: 10...14)
        var serial: [RenderedTile] = []
        var parallel: [RenderedTile] = []
        let one = try PyramidRenderer.render(layer, cover: cover, workers: 1, batchSize: 7) { serial.append($0) }
        var reports: [PyramidProgress] = []
        let four = try PyramidRenderer.render(
            layer, cover: cover, workers: 4, batchSize: 16, progress: { reports.append($0) },
            sink: { parallel.append($0) })
        XCTAssertEqual(serial, parallel, "same tiles, same bytes, same order whatever the threads")
        XCTAssertEqual(one.total, cover.count)
        XCTAssertEqual(four.stored, parallel.count)
        XCTAssertEqual(
            parallel.map(\.tile),
            parallel.map(\.tile).sorted { a, b in
                (Array(cover).firstIndex(of: a) ?? 0) < (Array(cover).firstIndex(of: b) ?? 0)
            })
        XCTAssertEqual(reports.last?.rendered, cover.count)
        XCTAssertEqual(reports.last?.fraction, 1)
        XCTAssertEqual(reports.map(\.rendered), reports.map(\.rendered).sorted(), "progress only grows")
    }

    func testEmptyTilesAreNotEncoded() throws {
        let layer = try Fixtures.layer()
        let renderer = LayerRenderer(layer: layer)
        XCTAssertNil(try renderer.renderPNG(try TileID(containing: Coordinate(lon: 10, lat: 50), zoom: 12)))
        XCTAssertNotNil(try renderer.renderPNG(try TileID(containing: Coordinate(lon: 140.04, lat: 38.1), zoom: 10)))
    }

    func testSinkErrorsStopThePyramid() throws {
        struct Stop: Error {}
        let cover = try TileCover(covering: Fixtures.nagai, zooms: 10...12)
        var received = 0
        XCTAssertThrowsError(
            try PyramidRenderer.render(try Fixtures.layer(), cover: cover, batchSize: 2) { _ in
                received += 1
                if received == 3 { throw Stop() }
            }
        ) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(received, 3)
    }
}

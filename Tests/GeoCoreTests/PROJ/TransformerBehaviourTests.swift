import Foundation
import GeoCore
import TestSupport
import XCTest

/// Failures, batches, shapes and threads.
final class TransformerBehaviourTests: XCTestCase {
    func testFailedPointThrowsWithPROJsReason() throws {
        let transformer = try Transformer(from: .wgs84, to: .webMercator)
        XCTAssertThrowsError(try transformer.transform(Coordinate(lon: 0, lat: 91))) { error in
            guard let error = error as? PROJError else { return XCTFail("\(error) is not a PROJError") }
            XCTAssertTrue(error.message.contains("Invalid latitude"), error.message)
            XCTAssertFalse(error.message.contains("91"), "coordinates must not reach messages: \(error.message)")
        }
    }

    func testPROJWritesNothingToStderr() throws {
        // Without a log function PROJ prints "proj_create: crs not found" and
        // "Invalid latitude" to stderr; ours routes them into the errors instead.
        let pipe = Pipe()
        let saved = dup(2)
        XCTAssertGreaterThanOrEqual(saved, 0)
        dup2(pipe.fileHandleForWriting.fileDescriptor, 2)
        XCTAssertThrowsError(try CRS("EPSG:999997"))
        XCTAssertThrowsError(try Transformer(from: .wgs84, to: .webMercator).transform(Coordinate(lon: 0, lat: 91)))
        XCTAssertThrowsError(try CRSTransform(from: "EPSG:4326", to: "+proj=nonsense"))
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        try pipe.fileHandleForWriting.close()
        let written = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(written, "", "PROJ wrote to stderr")
    }

    func testBatchFailurePoliciesCountFailures() throws {
        let transformer = try Transformer(from: .wgs84, to: CRS("EPSG:6678"))
        let good = Coordinate(lon: 140.04, lat: 38.107)
        var points = [good, Coordinate(lon: 0, lat: 95), good, Coordinate(lon: 10, lat: -100)]
        XCTAssertThrowsError(try transformer.transform(&points)) { error in
            let message = (error as? PROJError)?.message ?? ""
            XCTAssertTrue(message.contains("2 of 4 points"), message)
            XCTAssertTrue(message.contains("index 1"), message)
        }
        points = [good, Coordinate(lon: 0, lat: 95), good, Coordinate(lon: 10, lat: -100)]
        XCTAssertEqual(try transformer.transform(&points, policy: .keepNonFinite), 2)
        XCTAssertTrue(points[0].isFinite && points[2].isFinite)
        XCTAssertFalse(points[1].isFinite || points[3].isFinite)
        // A later call on the same transformer is not affected by the earlier failures.
        XCTAssertEqual(try transformer.transform(good), points[0])
    }

    func testParallelArraysMatchCoordinateBatch() throws {
        var random = SeededRandom(seed: 3)
        let points = (0..<500).map { _ in
            Coordinate(lon: random.double(in: 139.8...140.2), lat: random.double(in: 38...38.3))
        }
        let transform = try CRSTransform(from: "EPSG:4326", to: "EPSG:6678")
        let batch = try transform.transformed(points)
        var xs = points.map(\.x), ys = points.map(\.y)
        try transform.withTransformer { try $0.transform(xs: &xs, ys: &ys) }
        for i in points.indices { XCTAssertEqual(Coordinate(x: xs[i], y: ys[i]), batch[i]) }
        var short = [1.0]
        XCTAssertThrowsError(try transform.withTransformer { try $0.transform(xs: &xs, ys: &short) })
    }

    func testShapeTransformKeepsStructureAndMatchesPoints() throws {
        let transform = try CRSTransform(from: .wgs84, to: CRS("EPSG:6678"))
        let ring = [Coordinate(lon: 140, lat: 38), Coordinate(lon: 140.1, lat: 38), Coordinate(lon: 140.1, lat: 38.1),
                    Coordinate(lon: 140, lat: 38)]
        let hole = [Coordinate(lon: 140.02, lat: 38.02), Coordinate(lon: 140.03, lat: 38.02),
                    Coordinate(lon: 140.03, lat: 38.03), Coordinate(lon: 140.02, lat: 38.02)]
        let shape = Shape.geometryCollection([
            .point(ring[0]), .multiPolygon([PolygonRings(exterior: ring, holes: [hole])]), .lineString(hole),
        ])
        let projected = try transform.transform(shape)
        let expected = try shape.mapCoordinates { try transform.transform($0) }
        XCTAssertEqual(projected, expected)
        let back = try transform.inverse.transform(projected)
        var originals: [Coordinate] = [], returned: [Coordinate] = []
        shape.forEachCoordinate { originals.append($0) }
        back.forEachCoordinate { returned.append($0) }
        for (a, b) in zip(originals, returned) { assertClose(a, b, tolerance: 1e-9) }
    }

    func testEightThreadsGiveTheSingleThreadAnswer() throws {
        var random = SeededRandom(seed: 8)
        let chunks: [[Coordinate]] = (0..<8).map { _ in
            (0..<5_000).map { _ in Coordinate(lon: random.double(in: 139...141), lat: random.double(in: 37...39)) }
        }
        let targets = try [CRS("EPSG:6678"), .webMercator, CRS("EPSG:32654")]
        let transforms = try targets.map { target throws(PROJError) in try CRSTransform(from: .wgs84, to: target) }
        let serial = try transforms.map { t in try chunks.map { try t.transformed($0) } }

        let results = ResultSlots(count: chunks.count * transforms.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
            for round in 0..<3 {  // repeated calls reuse the thread's transformers
                for (k, t) in transforms.enumerated() {
                    var chunk = chunks[i]
                    let single = try? t.transform(chunks[i][round])
                    do { try t.transform(&chunk) } catch { return }
                    if single == chunk[round] { results.set(k * chunks.count + i, chunk) }
                }
            }
        }
        for (k, _) in transforms.enumerated() {
            for i in chunks.indices { XCTAssertEqual(results.get(k * chunks.count + i), serial[k][i]) }
        }
    }
}

/// Results written by worker threads, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Coordinate]?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: [Coordinate]) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> [Coordinate]? { lock.withLock { slots[i] } }
}

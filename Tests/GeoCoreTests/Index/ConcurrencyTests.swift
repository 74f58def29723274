import Foundation
import GeoCore
import TestSupport
import XCTest

/// Eight threads doing joins, geometry work and coordinate transforms at once give
/// exactly the answers one thread gives: no GEOS or PROJ state is shared.
final class ConcurrencyTests: XCTestCase {
    /// One thread's whole workload: joins (themselves multi-threaded), geometry in
    /// the thread's own context, and a batch transform.
    private static func work(points: [Coordinate], shapes: [Shape], lonLat: [Coordinate]) throws -> ConcurrencyAnswers {
        let within = try SpatialJoin.pointsInPolygons(points, shapes, threads: 2)
        let near = try SpatialJoin.pointsWithinDistance(points, of: shapes, distance: 0.8, threads: 2)
        let nearest = try SpatialJoin.nearest(points: Array(points.prefix(500)), shapes, threads: 1)
        let context = try GEOSContext.current
        let union = try Geometry.unaryUnion(Array(shapes.prefix(60)), context: context)
        let transformer = try Transformer(from: "EPSG:4326", to: "EPSG:6678")
        let projected = try transformer.transformed(lonLat)
        return ConcurrencyAnswers(
            within: within, near: near, nearest: nearest, unionArea: try union.area, projected: projected)
    }

    func testEightThreadsAgreeWithOne() throws {
        var random = SeededRandom(seed: 0xC0C0)
        let area = BoundingBox(minX: 0, minY: 0, maxX: 30, maxY: 30)
        let shapes = (0..<200).map { _ in ShapeFixtures.polygon(&random, in: area, size: 1...3) }
        let points = (0..<20_000).map { _ in Coordinate(x: random.double(in: 0...30), y: random.double(in: 0...30)) }
        let lonLat = (0..<5_000).map { _ in
            Coordinate(x: random.double(in: 139.8...140.2), y: random.double(in: 38...38.3))
        }

        let reference = try Self.work(points: points, shapes: shapes, lonLat: lonLat)
        XCTAssertGreaterThan(reference.within.count, 1_000)
        XCTAssertGreaterThan(reference.near.count, reference.within.count)

        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                let answers = try Self.work(points: points, shapes: shapes, lonLat: lonLat)
                results.set(i, .success(answers))
            } catch {
                results.set(i, .failure("\(error)"))
            }
        }
        for i in 0..<8 {
            switch results.get(i) {
            case .success(let answers): XCTAssertEqual(answers, reference, "thread \(i)")
            case .failure(let message): XCTFail("thread \(i) failed: \(message)")
            case nil: XCTFail("thread \(i) gave nothing")
            }
        }
    }
}

private struct ConcurrencyAnswers: Equatable, Sendable {
    var within: JoinPairs
    var near: JoinPairs
    var nearest: NearestPairs
    var unionArea: Double
    var projected: [Coordinate]
}

private enum Outcome<T: Sendable>: Sendable {
    case success(T)
    case failure(String)
}

/// Collects each thread's answers under a lock.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Int: Outcome<ConcurrencyAnswers>] = [:]

    func set(_ i: Int, _ outcome: Outcome<ConcurrencyAnswers>) {
        lock.lock()
        outcomes[i] = outcome
        lock.unlock()
    }

    func get(_ i: Int) -> Outcome<ConcurrencyAnswers>? {
        lock.lock()
        defer { lock.unlock() }
        return outcomes[i]
    }
}

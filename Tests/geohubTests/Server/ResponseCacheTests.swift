import Foundation
import Layers
import TestSupport
import XCTest
@testable import geohub

final class ResponseCacheTests: XCTestCase {
    func testLRUEvictsTheLeastRecentlyUsedWithinTheBudget() {
        var store = LRUStore<String, Int>(budget: 100)
        store.insert(1, for: "a", cost: 40)
        store.insert(2, for: "b", cost: 40)
        XCTAssertEqual(store.value(for: "a"), 1, "touching a makes b the oldest")
        store.insert(3, for: "c", cost: 40)
        XCTAssertEqual(store.keysByRecency, ["c", "a"])
        XCTAssertNil(store.value(for: "b"))
        XCTAssertEqual(store.totalCost, 80)
        store.insert(4, for: "a", cost: 10)
        XCTAssertEqual(store.totalCost, 50, "replacing an entry replaces its cost")
        XCTAssertEqual(store.keysByRecency, ["a", "c"])
        store.insert(5, for: "huge", cost: 101)
        XCTAssertFalse(store.contains("huge"), "an entry above the whole budget is not kept")
        XCTAssertEqual(store.count, 2)
        store.removeAll { $0 == "c" }
        XCTAssertEqual(store.keysByRecency, ["a"])
        XCTAssertEqual(store.totalCost, 10)
    }

    /// Against a plain reference model (an array in recency order) on random operations.
    func testLRUAgreesWithAReferenceModel() {
        var store = LRUStore<Int, Int>(budget: 500)
        var model: [(key: Int, value: Int, cost: Int)] = []  // most recent first
        var generator = SystemRandomNumberGenerator()
        for step in 0..<5000 {
            let key = Int.random(in: 0..<40, using: &generator)
            if Bool.random(using: &generator) {
                let cost = Int.random(in: 1...60, using: &generator)
                store.insert(step, for: key, cost: cost)
                model.removeAll { $0.key == key }
                model.insert((key, step, cost), at: 0)
                while model.reduce(0, { $0 + $1.cost }) > 500 { model.removeLast() }
            } else {
                let got = store.value(for: key)
                if let index = model.firstIndex(where: { $0.key == key }) {
                    let entry = model.remove(at: index)
                    model.insert(entry, at: 0)
                    XCTAssertEqual(got, entry.value)
                } else {
                    XCTAssertNil(got)
                }
            }
            XCTAssertEqual(store.keysByRecency, model.map(\.key))
            XCTAssertEqual(store.totalCost, model.reduce(0) { $0 + $1.cost })
        }
    }

    func testCacheStaysWithinItsByteBudget() throws {
        let cache = ResponseCache(budget: 100_000)
        for x in 0..<200 {
            let key = CacheKey(
                layer: .basemap, revision: 1, kind: .tile(z: 12, x: x, y: 0, scale: .standard), scenario: nil)
            _ = try cache.entity(for: key) { Data(repeating: UInt8(x % 256), count: 2000) }
        }
        let stats = cache.statistics
        XCTAssertLessThanOrEqual(stats.bytes, 100_000)
        let entry =
            MemoryFootprint.malloc(2000) + MemoryFootprint.dataStorage + MemoryFootprint.malloc(32 + 34 + 1)
            + MemoryFootprint.fragmentationPerEntry
        XCTAssertEqual(
            entry, 2016 + 96 + 80 + 160, "glibc chunks: 2000 + 8 rounded to 16; Data's storage object; the tag; holes")
        XCTAssertLessThanOrEqual(stats.entries, 100_000 / entry)
        XCTAssertGreaterThanOrEqual(stats.entries, 100_000 / entry - 5, "the tables take little here")
        XCTAssertEqual(stats.renders, 200)
    }

    /// The budget bounds real memory: a cache filled past its budget with tiles of
    /// realistic sizes (a third of them empty) grows the process's resident memory by
    /// about what it reports, and never by much more than its budget.
    func testCacheBytesAreTheMemoryItHolds() throws {
        ProcessMemory.tuneForServing()
        ProcessMemory.releaseFreeMemory()
        let budget = 48 << 20
        let before = try Self.residentBytes()
        let cache = ResponseCache(budget: budget)
        var generator = SeededRandom(seed: 7)
        let scratch = [UInt8](repeating: 0x5A, count: 40_000)
        var x = 0
        while cache.statistics.entries == x {  // until the first eviction
            let key = CacheKey(
                layer: .basemap, revision: 1, kind: .tile(z: 17, x: x, y: 1, scale: .standard), scenario: nil)
            let roll = generator.next() % 3
            let size = 100 + Int(generator.next() % 12_000)
            _ = try cache.entity(for: key) {
                roll == 0 ? nil : Data(scratch[..<size])
            }
            x += 1
        }
        let stats = cache.statistics
        let grown = try Self.residentBytes() - before
        XCTAssertGreaterThan(stats.bytes, budget - 64 << 10, "full: within one entry of the budget")
        XCTAssertLessThanOrEqual(stats.bytes, budget)
        XCTAssertLessThanOrEqual(
            grown, stats.bytes + stats.bytes / 100, "resident growth \(grown) vs \(stats.bytes) reported")
        // Not far below either (a cache that over-counts would hold less than its budget);
        // loose, because pages earlier tests freed but malloc kept resident get reused.
        XCTAssertGreaterThan(
            grown, stats.bytes - stats.bytes / 5, "resident growth \(grown) vs \(stats.bytes) reported")
        withExtendedLifetime(cache) {}
    }

    /// This process's resident set (VmRSS), in bytes.
    private static func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { throw TestRenderError(message: "no VmRSS in /proc/self/status") }
        return kilobytes << 10
    }

    /// With its tables counted, a store of entries that cost nothing themselves (empty
    /// tiles) still stays within its budget, keeps many of them, and rebuilds its tables
    /// smaller (keeping recency) when a few large entries push the small ones out.
    func testTablesCountAgainstTheBudgetAndShrinkWhenSparse() {
        let budget = 256 << 10
        var store = LRUStore<Int, Int>(budget: budget, countsTables: true)
        for key in 0..<50_000 {
            store.insert(key, for: key, cost: 0)
            if store.usedBytes > budget {
                XCTFail("\(store.usedBytes) bytes used after \(key) inserts, budget \(budget)")
                break
            }
        }
        XCTAssertGreaterThan(store.count, 1000, "thousands of free entries fit in the tables")
        XCTAssertEqual(store.keysByRecency, Array((50_000 - store.count)..<50_000).reversed())
        let tablesBefore = store.tableBytes
        store.insert(-1, for: -1, cost: budget / 2)
        store.insert(-2, for: -2, cost: budget / 2 - store.tableBytes - 1000)
        XCTAssertLessThanOrEqual(store.usedBytes, budget)
        XCTAssertLessThan(store.tableBytes, tablesBefore / 2, "rebuilt for the fewer entries left")
        let keys = store.keysByRecency
        XCTAssertEqual(Array(keys.prefix(2)), [-2, -1])
        XCTAssertEqual(Array(keys.dropFirst(2)), Array((50_000 - keys.count + 2)..<50_000).reversed())
        XCTAssertEqual(store.value(for: 49_999), 49_999)
        store.insert(7, for: 123_456, cost: 10)
        XCTAssertEqual(store.keysByRecency.prefix(2), [123_456, 49_999])
    }

    func testErrorsReachEveryWaiterAndAreNotCached() throws {
        let cache = ResponseCache(budget: 1 << 20)
        let key = CacheKey(layer: .wildlife, revision: 1, kind: .geoJSON, scenario: nil)
        let attempts = Locked(0)
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                _ = try cache.entity(for: key) {
                    attempts.withLock { $0 += 1 }
                    Thread.sleep(forTimeInterval: 0.2)
                    throw TestRenderError(message: "no")
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, 8)
        XCTAssertLessThan(attempts.withLock { $0 }, 8, "waiters shared a render")
        XCTAssertEqual(try cache.entity(for: key) { Data("ok".utf8) }.body, Data("ok".utf8), "the error was not cached")
    }

    func testEntityTags() {
        let a = EntityTag.strong(for: Data("tile".utf8))
        XCTAssertEqual(a, EntityTag.strong(for: Data("tile".utf8)))
        XCTAssertNotEqual(a, EntityTag.strong(for: Data("tilf".utf8)))
        XCTAssertNotEqual(EntityTag.strong(for: Data()), EntityTag.strong(for: Data([0])))
        XCTAssertEqual(a.count, 34)
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: a, tag: a))
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: "W/\(a)", tag: a))
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: "\"x\" ,  \(a)", tag: a))
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: "*", tag: a))
        XCTAssertFalse(EntityTag.matches(ifNoneMatch: "\"x\", W/\"y\"", tag: a))
        XCTAssertFalse(EntityTag.matches(ifNoneMatch: "", tag: a))
        // 10 000 distinct small bodies, 10 000 distinct tags.
        let tags = Set((0..<10_000).map { EntityTag.strong(for: withUnsafeBytes(of: $0) { Data($0) }) })
        XCTAssertEqual(tags.count, 10_000)
    }

    func testBearerAuthorization() {
        let auth = BearerAuthorization(token: "abc123")
        XCTAssertTrue(auth.authorises("Bearer abc123"))
        XCTAssertTrue(auth.authorises("bearer   abc123 "))
        for header in [nil, "", "Bearer", "Bearer abc12", "Bearer abc1234", "Bearer ABC123", "Basic abc123", "abc123"] {
            XCTAssertFalse(auth.authorises(header), String(describing: header))
        }
        XCTAssertFalse(BearerAuthorization(token: nil).authorises("Bearer "))
        XCTAssertFalse(BearerAuthorization(token: "").authorises("Bearer "))
        XCTAssertTrue(BearerAuthorization.constantTimeEquals(Array("same".utf8), Array("same".utf8)))
        XCTAssertFalse(BearerAuthorization.constantTimeEquals([], Array("x".utf8)))
        XCTAssertFalse(BearerAuthorization.constantTimeEquals(Array("x\0".utf8), Array("x".utf8)))
    }
}

import Dispatch
import Foundation
import Layers

/// What the cache keeps: rendered tiles and layer GeoJSON, keyed by everything that
/// changes their bytes, including the layer's revision (so a rebuilt layer is never
/// answered from its old entries).
///
/// Stored packed (32 bytes: tile numbers in 32 bits, zoom and scale in one byte), as
/// the cache holds tens of thousands of keys.
struct CacheKey: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case tile(z: Int, x: Int, y: Int, scale: TileScale)
        case geoJSON
    }

    var layer: LayerName
    /// `z << 2 | scale` for a tile, ``geoJSONMark`` for GeoJSON.
    private var zoomAndScale: UInt8
    private var revisionBits: UInt32
    private var x: UInt32
    private var y: UInt32
    /// The canonical scenario (`rain=50`), or nil.
    var scenario: String?

    private static let geoJSONMark: UInt8 = 0xFF

    /// - Parameters:
    ///   - revision: the layer's revision (kept in 32 bits; a server would need four
    ///     billion rebuilds of one layer to wrap it).
    ///   - kind: a tile (zoom ≤ 22, so `x` and `y` fit in 32 bits) or the GeoJSON.
    init(layer: LayerName, revision: Int, kind: Kind, scenario: String?) {
        self.layer = layer
        revisionBits = UInt32(truncatingIfNeeded: revision)
        self.scenario = scenario
        switch kind {
        case .tile(let z, let x, let y, let scale):
            zoomAndScale = UInt8(truncatingIfNeeded: z << 2 | scale.rawValue)
            self.x = UInt32(truncatingIfNeeded: x)
            self.y = UInt32(truncatingIfNeeded: y)
        case .geoJSON:
            zoomAndScale = Self.geoJSONMark
            x = 0
            y = 0
        }
    }

    var revision: Int { Int(revisionBits) }

    var kind: Kind {
        guard zoomAndScale != Self.geoJSONMark, let scale = TileScale(rawValue: Int(zoomAndScale & 3)) else {
            return .geoJSON
        }
        return .tile(z: Int(zoomAndScale >> 2), x: Int(x), y: Int(y), scale: scale)
    }
}

/// A cached body with its strong ETag; `body` nil is an empty tile (204).
struct CachedEntity: Sendable {
    var body: Data?
    var etag: String

    /// The entity of every empty tile: one tag string, shared.
    static let empty = CachedEntity(body: nil, etag: EntityTag.strong(for: Data()))

    init(body: Data?) {
        guard let body else {
            self = Self.empty
            return
        }
        self.body = body
        self.etag = EntityTag.strong(for: body)
    }

    /// An entity whose tag was computed already.
    init(body: Data?, etag: String) {
        self.body = body
        self.etag = etag
    }

    /// What the entity occupies in memory (for a body allocated at its size, as the PNG
    /// encoder's and ``HubMapService``'s are): the body's bytes as malloc holds them plus
    /// the `Data` storage object owning them, the tag's string storage (shared by every
    /// empty tile, so counted for none) and the heap it leaves unusable around it
    /// (``MemoryFootprint/fragmentationPerEntry``). A cache entry adds its key and links in
    /// the cache's tables, which the cache counts as they are (``LRUStore/tableBytes``).
    var cost: Int {
        guard let body else { return MemoryFootprint.fragmentationPerEntry }
        var bytes = MemoryFootprint.fragmentationPerEntry + MemoryFootprint.nativeString(utf8Count: etag.utf8.count)
        if body.count > MemoryFootprint.inlineDataLimit {
            bytes += MemoryFootprint.malloc(body.count) + MemoryFootprint.dataStorage
        }
        return bytes
    }

}

/// The server's in-memory cache of tiles and GeoJSON: LRU within a byte budget,
/// shared by every libmicrohttpd thread, and single-flight: concurrent requests for
/// the same missing entry wait for one render instead of each rendering it.
final class ResponseCache: Sendable {
    /// A render in progress that other requests wait on. `result` is written once,
    /// before `done.leave()`, and read only after `done.wait()`, which orders the
    /// accesses (hence `@unchecked Sendable`).
    private final class Flight: @unchecked Sendable {
        let done = DispatchGroup()
        var result: Result<CachedEntity, any Error>?

        init() { done.enter() }
    }

    private struct State {
        var store: LRUStore<CacheKey, CachedEntity>
        var flights: [CacheKey: Flight] = [:]
        var hits = 0
        var misses = 0
        var renders = 0
    }

    private let state: Locked<State>

    /// A cache holding at most `budget` bytes: its entries' memory
    /// (``CachedEntity/cost``) and its tables' (``LRUStore/tableBytes``) together.
    ///
    /// The tables are made once for as many entries as the budget could hold if every
    /// one were an empty tile (what an entry takes at least), so they never grow.
    init(budget: Int) {
        let smallest = LRUStore<CacheKey, CachedEntity>.bytesPerEntry + MemoryFootprint.fragmentationPerEntry
        state = Locked(
            State(store: LRUStore(budget: budget, countsTables: true, maximumCount: max(16, budget / smallest))))
    }

    /// The cached entity for `key`, or the result of `produce()`, which runs at most
    /// once per key at a time (others asking meanwhile wait for it). Errors are
    /// passed to every waiter and not cached.
    func entity(for key: CacheKey, produce: () throws -> Data?) throws -> CachedEntity {
        enum Step {
            case hit(CachedEntity)
            case wait(Flight)
            case render(Flight)
        }
        let step: Step = state.withLock { state in
            if let entity = state.store.value(for: key) {
                state.hits += 1
                return .hit(entity)
            }
            state.misses += 1
            if let flight = state.flights[key] { return .wait(flight) }
            let flight = Flight()
            state.flights[key] = flight
            state.renders += 1
            return .render(flight)
        }
        switch step {
        case .hit(let entity):
            return entity
        case .wait(let flight):
            flight.done.wait()
            guard let result = flight.result else { throw CacheError.renderAbandoned }
            return try result.get()
        case .render(let flight):
            let result = Result { CachedEntity(body: try produce()) }
            state.withLock { state in
                if case .success(let entity) = result { state.store.insert(entity, for: key, cost: entity.cost) }
                state.flights[key] = nil
            }
            flight.result = result
            flight.done.leave()
            return try result.get()
        }
    }

    /// Drops every entry of `layer` older than `revision` (called when a rebuilt layer
    /// is first seen, to give its memory back at once rather than by ageing out).
    func evict(layer: LayerName, before revision: Int) {
        state.withLock { state in
            state.store.removeAll { $0.layer == layer && $0.revision < revision }
        }
    }

    /// Counters for `/health` and tests.
    struct Statistics: Sendable, Equatable {
        var entries: Int
        var bytes: Int
        var budget: Int
        var hits: Int
        var misses: Int
        var renders: Int
    }

    var statistics: Statistics {
        state.withLock { state in
            Statistics(
                entries: state.store.count, bytes: state.store.usedBytes, budget: state.store.budget,
                hits: state.hits, misses: state.misses, renders: state.renders)
        }
    }
}

/// Internal failures of the cache itself.
enum CacheError: Error, Sendable {
    /// A render another request was waiting on ended without a result.
    case renderAbandoned
}

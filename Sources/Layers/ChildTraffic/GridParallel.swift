import Dispatch
import Foundation

/// Splits `0..<count` into chunks and runs them on every core, returning each
/// chunk's result in chunk order (so results never depend on timing or core count).
///
/// The grid layers use it for row passes of the smoothing, per-thread point binning
/// and per-cell hazard sampling. Each chunk writes only its own result value; the
/// caller combines them. Nothing is shared between threads except the lock-guarded
/// result slots, so no unsafe pointer ever crosses a `@Sendable` boundary.
enum GridParallel {
    /// Worker threads: every active core.
    static var cores: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The chunk ranges `map` uses for `count` items.
    static func ranges(count: Int, minimumChunk: Int, chunksPerCore: Int = 4) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let target = Swift.max(1, cores * chunksPerCore)
        let size = Swift.max(Swift.max(1, minimumChunk), (count + target - 1) / target)
        return stride(from: 0, to: count, by: size).map { $0..<Swift.min(count, $0 + size) }
    }

    /// Runs `body` on every chunk of `0..<count` concurrently.
    ///
    /// - Parameters:
    ///   - count: number of items.
    ///   - minimumChunk: smallest chunk worth a thread hop.
    ///   - chunksPerCore: chunks per core, for load balance.
    ///   - body: the work for one range; called once per chunk.
    /// - Returns: the chunk results in increasing range order.
    static func map<T: Sendable>(
        count: Int, minimumChunk: Int = 1, chunksPerCore: Int = 4,
        _ body: @Sendable (Range<Int>) -> T
    ) -> [T] {
        let chunks = ranges(count: count, minimumChunk: minimumChunk, chunksPerCore: chunksPerCore)
        if chunks.count <= 1 || cores == 1 { return chunks.map(body) }
        let slots = ResultSlots<T>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            slots.store(body(chunks[index]), at: index)
        }
        return slots.values()
    }
}

extension GridParallel {
    /// Runs one worker per core over chunks of `0..<count` handed out in turn, each
    /// worker folding its chunks into its own state (for example its own count grid),
    /// so a descheduled worker never holds back a fixed share of the work.
    ///
    /// Each worker starts from its own copy of `initial` (a copy-on-write array is
    /// copied on the worker's first write, on that worker's thread).
    ///
    /// - Returns: each worker's final state (at most one per core; order not meaningful).
    static func fold<State: Sendable>(
        count: Int, chunkSize: Int, initial: State,
        _ body: @Sendable (inout State, Range<Int>) -> Void
    ) -> [State] {
        let size = Swift.max(1, chunkSize)
        let chunks = (count + size - 1) / size
        let workers = Swift.max(1, Swift.min(cores, chunks))
        let dispenser = ChunkDispenser(chunks: chunks)
        let slots = ResultSlots<State>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state = initial
            while let chunk = dispenser.next() {
                body(&state, (chunk * size)..<Swift.min(count, (chunk + 1) * size))
            }
            slots.store(state, at: worker)
        }
        return slots.values()
    }
}

/// Hands out chunk numbers 0, 1, 2, … to workers, under a lock.
private final class ChunkDispenser: @unchecked Sendable {
    private let lock = NSLock()
    private var nextChunk = 0
    private let chunks: Int

    init(chunks: Int) { self.chunks = chunks }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextChunk < chunks else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }
}

/// The lock-guarded result slots of one `GridParallel.map` run.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: T, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every slot's value; `concurrentPerform` returns only after all iterations ran.
    func values() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

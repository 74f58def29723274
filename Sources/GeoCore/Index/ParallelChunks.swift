import Dispatch
import Foundation

/// Runs `0..<count` in chunks on several threads, each thread with state of its own.
///
/// Every worker thread calls `makeState` once (for joins: a GEOS context and prepared
/// geometries, which must never be shared between threads), then takes chunks in
/// turn until none are left. Results come back in chunk order, so the output does not
/// depend on the number of threads or on timing. The first error stops the work and
/// is rethrown.
enum ParallelChunks {
    /// The number of worker threads to use when the caller does not say: every core.
    static var defaultThreads: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }

    static func run<State, Result: Sendable>(
        count: Int, threads: Int?, minimumChunk: Int = 512,
        makeState: @Sendable () throws(GEOSError) -> State,
        process: @Sendable (State, Range<Int>) throws(GEOSError) -> Result
    ) throws(GEOSError) -> [Result] {
        guard count > 0 else { return [] }
        let workers = Swift.max(1, Swift.min(threads ?? defaultThreads, (count + minimumChunk - 1) / minimumChunk))
        // About 16 chunks per worker balances uneven chunks without much bookkeeping.
        let chunkSize = Swift.max(minimumChunk, (count + workers * 16 - 1) / (workers * 16))
        let chunks = (count + chunkSize - 1) / chunkSize
        @Sendable func range(_ chunk: Int) -> Range<Int> {
            (chunk * chunkSize)..<Swift.min(count, (chunk + 1) * chunkSize)
        }

        if workers == 1 {
            let state = try makeState()
            var results: [Result] = []
            results.reserveCapacity(chunks)
            for chunk in 0..<chunks { results.append(try process(state, range(chunk))) }
            return results
        }

        let board = ChunkBoard<Result>(chunks: chunks)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let state: State
            do throws(GEOSError) {
                state = try makeState()
            } catch {
                board.fail(error)
                return
            }
            while let chunk = board.nextChunk() {
                do throws(GEOSError) {
                    board.store(try process(state, range(chunk)), at: chunk)
                } catch {
                    board.fail(error)
                    return
                }
            }
        }
        return try board.results()
    }
}

/// The shared bookkeeping of one parallel run: which chunk is next, each chunk's
/// result, and the first error. Every access holds the lock.
private final class ChunkBoard<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let chunks: Int
    private var slots: [Result?]
    private var failure: GEOSError?

    init(chunks: Int) {
        self.chunks = chunks
        self.slots = Array(repeating: nil, count: chunks)
    }

    func nextChunk() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next < chunks else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at chunk: Int) {
        lock.lock()
        slots[chunk] = result
        lock.unlock()
    }

    func fail(_ error: GEOSError) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    func results() throws(GEOSError) -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        var out: [Result] = []
        out.reserveCapacity(chunks)
        for slot in slots {
            guard let slot else {
                throw GEOSError(function: "SpatialJoin", message: "a worker finished without a result")
            }
            out.append(slot)
        }
        return out
    }
}

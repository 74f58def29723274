import Foundation

/// A value guarded by a lock, shared across libmicrohttpd's threads.
///
/// `@unchecked Sendable` is sound because the state is only reachable inside
/// `withLock`, which holds the `NSLock` for the whole access.
final class Locked<State>: @unchecked Sendable {
    private var state: State
    private let lock = NSLock()

    init(_ state: State) { self.state = state }

    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}

import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, the signals that ask `geohub serve` to stop.
///
/// The signals' default action (terminate at once) is replaced by dispatch sources,
/// so the server can stop accepting, finish the requests in flight and exit 0.
enum ShutdownSignal {
    /// Blocks the calling thread until SIGINT or SIGTERM arrives; returns its name.
    static func wait() -> String {
        let arrived = DispatchSemaphore(value: 0)
        let name = Locked("")
        var sources: [any DispatchSourceSignal] = []
        for (number, label) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)  // let the dispatch source, not the default action, see it
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                name.withLock { if $0.isEmpty { $0 = label } }
                arrived.signal()
            }
            source.resume()
            sources.append(source)
        }
        arrived.wait()
        for source in sources { source.cancel() }
        return name.withLock { $0 }
    }
}

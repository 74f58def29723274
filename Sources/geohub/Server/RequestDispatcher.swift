import Dispatch
import Foundation

/// What libmicrohttpd's callbacks talk to: the router, the access log, the
/// per-address connection limiter and the count of requests in flight (which
/// graceful shutdown waits on). Shared by every worker
/// thread; immutable apart from the locked counter.
final class RequestDispatcher: Sendable {
    let router: Router
    let log: AccessLog
    let limiter: ConnectionLimiter
    private let inFlight = Locked(0)

    init(router: Router, log: AccessLog, limiter: ConnectionLimiter) {
        self.router = router
        self.log = log
        self.limiter = limiter
    }

    var requestsInFlight: Int { inFlight.withLock { $0 } }

    /// Called when a request's headers are in: counts it as in flight.
    func begin(_ record: RequestRecord) {
        inFlight.withLock { $0 += 1 }
    }

    /// Called when libmicrohttpd is done with a request (sent, failed or timed out).
    func end(_ record: RequestRecord) {
        inFlight.withLock { $0 -= 1 }
        let nanoseconds = DispatchTime.now().uptimeNanoseconds - record.started.uptimeNanoseconds
        log.record(
            AccessLog.Entry(
                time: record.time, method: record.request.method, path: record.request.path, status: record.status,
                bytes: record.bytes, durationMilliseconds: Double(nanoseconds) / 1e6, note: record.note))
    }
}

/// One request's facts for the access log, kept by libmicrohttpd between the access
/// handler and the completion callback of the same connection (never shared).
final class RequestRecord {
    let time = Date()
    let started = DispatchTime.now()
    let request: HTTPRequest
    var answered = false
    var status = 0
    var bytes = 0
    var note: String?

    init(_ request: HTTPRequest) {
        self.request = request
    }
}

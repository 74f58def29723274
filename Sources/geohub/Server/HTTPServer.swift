import Foundation

/// The geohub HTTP server: binds the socket, starts libmicrohttpd with the router,
/// and shuts down gracefully (stop accepting, let requests in flight finish, stop).
///
/// Start and shutdown happen on the thread that owns the server; requests are served
/// on libmicrohttpd's thread pool.
final class HTTPServer {
    /// Where the server listens, e.g. `http://127.0.0.1:41234` (no trailing slash).
    let url: String
    let router: Router
    private let dispatcher: RequestDispatcher
    private let daemon: MHDDaemon
    private var isRunning = true
    private let grace: Double

    /// Binds `configuration.host:configuration.port` and starts serving `service`.
    convenience init(service: any MapService, configuration: ServerConfiguration, log: AccessLog) throws {
        let socket = try ListeningSocket.make(host: configuration.host, port: configuration.port)
        try self.init(socket: socket, service: service, configuration: configuration, log: log)
    }

    /// Starts serving `service` on a socket bound earlier (so `serve` can report a
    /// busy port before it spends time loading the layers). Takes ownership of the
    /// socket, closing it if the start fails.
    init(socket: ListeningSocket, service: any MapService, configuration: ServerConfiguration, log: AccessLog) throws {
        url = socket.url
        router = Router(service: service, configuration: configuration, boundURL: socket.url)
        dispatcher = RequestDispatcher(
            router: router, log: log,
            limiter: ConnectionLimiter(limit: configuration.maxConnectionsPerIP))
        do {
            daemon = try MHDDaemon(socket: socket, configuration: configuration, dispatcher: dispatcher)
        } catch {
            close(socket.descriptor)
            throw error
        }
        grace = configuration.shutdownGrace
    }

    deinit { shutdown() }

    /// Stops accepting, waits up to the grace period for requests in flight, then
    /// closes every connection. Idempotent. Returns the requests still unfinished
    /// when the grace period ran out (0 for a clean shutdown).
    @discardableResult
    func shutdown() -> Int {
        guard isRunning else { return 0 }
        isRunning = false
        // After a successful quiesce the listening socket is ours to close; without
        // one, MHD_stop_daemon closes it.
        if let fd = daemon.quiesce() {
            close(fd)  // new connections are now refused
        }
        let deadline = Date().addingTimeInterval(grace)
        while dispatcher.requestsInFlight > 0, Date() < deadline {
            usleep(10_000)
        }
        let unfinished = dispatcher.requestsInFlight
        daemon.stop()
        return unfinished
    }

    /// Requests being answered right now.
    var requestsInFlight: Int { dispatcher.requestsInFlight }
}

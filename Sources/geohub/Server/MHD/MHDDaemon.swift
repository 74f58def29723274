internal import CMicroHTTPD
import Foundation

/// Owns one libmicrohttpd daemon: starts it on a listening socket with geohub's
/// limits and callbacks, quiesces and stops it. Used from the thread that runs the
/// server (start, stop); requests are handled on MHD's own threads through the
/// ``RequestDispatcher``.
final class MHDDaemon {
    private var daemon: OpaquePointer?
    private let dispatcher: Unmanaged<RequestDispatcher>

    /// Starts the daemon. Wraps the shim's `geohub_mhd_start` (MHD_start_daemon
    /// with an MHD_OPTION_ARRAY), which returns NULL when MHD refuses the settings.
    ///
    /// MHD runs strict about the protocol (`MHD_OPTION_STRICT_FOR_CLIENT` 1: an
    /// HTTP/1.1 request without Host, or with spaces in the target, is a 400).
    init(socket: ListeningSocket, configuration: ServerConfiguration, dispatcher: RequestDispatcher) throws {
        // The daemon holds an unretained pointer; this object keeps the dispatcher alive until stop().
        self.dispatcher = Unmanaged.passRetained(dispatcher)
        var settings = geohub_mhd_settings(
            listen_fd: socket.descriptor,
            thread_pool_size: UInt32(clamping: max(1, configuration.threads)),
            connection_limit: UInt32(clamping: max(1, configuration.maxConnections)),
            connection_timeout_seconds: UInt32(clamping: max(0, configuration.connectionTimeout)),
            connection_memory_limit: max(4096, configuration.maxRequestBytes),
            strict_for_client: 1,
            context: self.dispatcher.toOpaque(),
            handler: mhdAccessHandler,
            completed: mhdRequestCompleted,
            accept_policy: mhdAcceptPolicy,
            notify_connection: mhdConnectionNotification,
            unescape: mhdUnescape)
        guard let started = geohub_mhd_start(&settings) else {
            self.dispatcher.release()
            throw ServerError(
                "libmicrohttpd refused to start (threads \(configuration.threads), "
                    + "connections \(configuration.maxConnections)); check the server options")
        }
        daemon = started
    }

    deinit { stop() }

    /// Stops accepting connections; requests already accepted go on. Returns the
    /// listening socket, which the caller now closes.
    ///
    /// Wraps `MHD_quiesce_daemon` (the listen socket, or MHD_INVALID_SOCKET (-1) when
    /// the daemon cannot quiesce).
    func quiesce() -> Int32? {
        guard let daemon else { return nil }
        let fd = MHD_quiesce_daemon(daemon)
        return fd >= 0 ? fd : nil
    }

    /// Open connections, or nil when MHD cannot say (shim over `MHD_get_daemon_info`).
    var currentConnections: Int? {
        guard let daemon else { return nil }
        let count = geohub_mhd_current_connections(daemon)
        return count >= 0 ? count : nil
    }

    /// Closes every connection and joins MHD's threads (`MHD_stop_daemon`, no result).
    func stop() {
        guard let daemon else { return }
        self.daemon = nil
        MHD_stop_daemon(daemon)
        dispatcher.release()
    }
}

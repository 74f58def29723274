import Foundation

/// A TCP socket bound and listening, made before libmicrohttpd starts and handed to
/// it (`MHD_OPTION_LISTEN_SOCKET`): port 0 gets an ephemeral port without a race,
/// and the bound address is known for the URL printed on start.
struct ListeningSocket: Sendable {
    let descriptor: Int32
    /// The numeric address bound (`127.0.0.1`, `::1`).
    let address: String
    let port: Int

    /// `http://127.0.0.1:8080` (IPv6 in brackets), no trailing slash.
    var url: String { address.contains(":") ? "http://[\(address)]:\(port)" : "http://\(address):\(port)" }

    /// Resolves `host` (numeric or a name, via `getaddrinfo`), binds the first address
    /// that accepts, and listens. Throws ``ServerError`` with the system's reason.
    static func make(host: String, port: Int, backlog: Int32 = 511) throws -> ListeningSocket {
        guard (0...65535).contains(port) else { throw ServerError("port \(port) is outside 0–65535") }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        // getaddrinfo: 0 on success, an EAI_* code otherwise (text from gai_strerror).
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw ServerError("cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            switch bindAndListen(info.pointee, backlog: backlog) {
            case .success(let socket): return socket
            case .failure(let error): lastError = error.message
            }
        }
        throw ServerError(
            "cannot listen on \(host):\(port): \(lastError)"
                + (port != 0 ? " (is another server using the port? --port 0 picks a free one)" : ""))
    }

    private static func bindAndListen(_ info: addrinfo, backlog: Int32) -> Result<ListeningSocket, ServerError> {
        // socket/setsockopt/bind/listen: -1 with errno on failure.
        let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
        guard fd >= 0 else { return .failure(ServerError(systemError("socket"))) }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if info.ai_family == AF_INET6 {
            _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        guard bind(fd, info.ai_addr, info.ai_addrlen) == 0, listen(fd, backlog) == 0 else {
            let message = systemError("bind/listen")
            close(fd)
            return .failure(ServerError(message))
        }
        // fcntl: -1 on failure; MHD wants a non-blocking listen socket.
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        guard let (address, port) = boundAddress(fd) else {
            close(fd)
            return .failure(ServerError(systemError("getsockname")))
        }
        return .success(ListeningSocket(descriptor: fd, address: address, port: port))
    }

    /// The numeric host and port a socket is bound to (`getsockname` + `getnameinfo`).
    private static func boundAddress(_ fd: Int32) -> (String, Int)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let resolved = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo(
                    $0, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                    NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard resolved == 0, let port = Int(cText(service)) else { return nil }
        return (cText(host), port)
    }

    /// The text of a NUL-terminated buffer filled by C.
    private static func cText(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func systemError(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}

/// A failure of the server itself: cannot bind, libmicrohttpd refused to start.
struct ServerError: Error, Sendable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

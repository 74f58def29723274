import Foundation
import XCTest

/// A deliberately dumb HTTP/1.1 client over a plain TCP socket, for the requests a
/// real client would refuse to send: malformed lines, traversal paths sent verbatim,
/// oversize headers, a client that stalls. Every request asks for `Connection: close`
/// and the answer is read to end of stream.
enum RawHTTP {
    struct Response: CustomStringConvertible {
        var status: Int
        var reason: String
        /// Header values by lower-cased name (the last value of a repeated header).
        var headers: [String: String]
        var body: Data

        func header(_ name: String) -> String? { headers[name.lowercased()] }
        var text: String { String(decoding: body, as: UTF8.self) }
        var description: String { "\(status) \(reason) \(headers) \(text.prefix(200))" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A connected TCP socket to 127.0.0.1:`port` with a receive timeout.
    static func connect(port: Int, receiveTimeout: Double = 10) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: "connect to port \(port): \(String(cString: strerror(code)))")
        }
        var timeout = timeval(
            tv_sec: Int(receiveTimeout), tv_usec: Int(receiveTimeout.truncatingRemainder(dividingBy: 1) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    /// Sends all of `bytes`; false when the peer closed the connection.
    @discardableResult
    static func send(_ fd: Int32, _ bytes: Data) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Reads until the peer closes (or the receive timeout passes, which throws).
    static func readToEnd(_ fd: Int32) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno == ECONNRESET {
                return data
            } else if errno == EINTR {
                continue
            } else {
                throw Failure(
                    description: "read timed out with \(data.count) bytes: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Opens `held` keep-alive connections that each ask for `/health`, then one more,
    /// and returns what that extra connection was answered: nil when the server
    /// refused it (closed with no response), as a per-address limit of `held` should.
    static func answerBeyond(held: Int, port: Int) throws -> Response? {
        var open: [Int32] = []
        defer { for fd in open { close(fd) } }
        for _ in 0..<held {
            let fd = try connect(port: port, receiveTimeout: 2)
            send(fd, Data("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            open.append(fd)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let extra = try connect(port: port, receiveTimeout: 2)
        defer { close(extra) }
        send(extra, Data("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
        return parse(try readToEnd(extra))
    }

    /// Sends `bytes` verbatim on a fresh connection and returns everything answered.
    static func exchange(port: Int, _ bytes: Data, receiveTimeout: Double = 10) throws -> Data {
        let fd = try connect(port: port, receiveTimeout: receiveTimeout)
        defer { close(fd) }
        send(fd, bytes)
        return try readToEnd(fd)
    }

    /// One request with `Connection: close`; `target` is sent exactly as given.
    static func request(
        port: Int, method: String = "GET", _ target: String, headers: [String: String] = [:],
        body: Data = Data()
    ) throws -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        let raw = try exchange(port: port, Data((head + "\r\n").utf8) + body)
        guard let response = parse(raw, headRequest: method == "HEAD") else {
            throw Failure(
                description:
                    "no HTTP response to \(method) \(target): \(String(decoding: raw.prefix(200), as: UTF8.self))")
        }
        return response
    }

    /// Splits a whole answer into status, headers and body (nil if it is not HTTP).
    static func parse(_ raw: Data, headRequest: Bool = false) -> Response? {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
            return nil
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(raw[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), body.count > length { body = body.prefix(length) }
        if headRequest { body = Data() }
        return Response(status: status, reason: statusLine.count > 2 ? statusLine[2] : "", headers: headers, body: body)
    }
}

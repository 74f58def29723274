internal import CMicroHTTPD
import Foundation

/// libmicrohttpd's access handler, called when a request's headers are in, for
/// each piece of body, and once more when the request is complete.
///
/// The first call records the request (a retained ``RequestRecord`` in `*con_cls`,
/// released by the completion callback) and answers at once only what needs no
/// body read: a method other than GET/HEAD (405) or a malformed request (400);
/// MHD then discards any body and closes the connection. Anything else is answered
/// on the last call, when the request is complete, so keep-alive connections stay
/// open. Returns MHD_NO (close the connection) only when MHD would not take the
/// response.
let mhdAccessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, _, uploadSize, requestContext in
    guard let cls, let connection, let requestContext else { return .NO }
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue()
    guard let pointer = requestContext.pointee else {
        let request = HTTPRequest(
            method: method.map { String(cString: $0) } ?? "",
            path: url.map { String(cString: $0) } ?? "",
            query: MHDConnectionValues.collect(connection, kind: .GET_ARGUMENT_KIND, lowercasingKeys: false),
            headers: MHDConnectionValues.collect(connection, kind: .HEADER_KIND, lowercasingKeys: true))
        let record = RequestRecord(request)
        requestContext.pointee = Unmanaged.passRetained(record).toOpaque()
        dispatcher.begin(record)
        guard let early = dispatcher.router.earlyAnswer(to: request) else { return .YES }
        return answer(early, record, connection)
    }
    let record = Unmanaged<RequestRecord>.fromOpaque(pointer).takeUnretainedValue()
    if let uploadSize, uploadSize.pointee > 0 {
        uploadSize.pointee = 0  // a body nobody asked for: read and dropped
        return .YES
    }
    guard !record.answered else { return .YES }
    return answer(dispatcher.router.respond(to: record.request), record, connection)
}

/// Records the answer for the access log and queues it.
private func answer(_ response: HTTPResponse, _ record: RequestRecord, _ connection: OpaquePointer) -> MHD_Result {
    record.answered = true
    record.status = response.status
    record.note = response.logNote
    let sendsBody = !record.request.isHead && response.status != 204 && response.status != 304
    record.bytes = sendsBody ? response.body.count : 0
    return MHDResponse.queue(response, on: connection) ? .YES : .NO
}

/// libmicrohttpd's request-completed callback: logs the request and releases its
/// ``RequestRecord``. Called once per request the access handler saw.
let mhdRequestCompleted: MHD_RequestCompletedCallback = { cls, _, requestContext, _ in
    guard let cls, let requestContext, let pointer = requestContext.pointee else { return }
    requestContext.pointee = nil
    let record = Unmanaged<RequestRecord>.fromOpaque(pointer).takeRetainedValue()
    Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue().end(record)
}

/// Reads a connection's headers or query arguments.
enum MHDConnectionValues {
    private final class Collector {
        var values: [String: String] = [:]
        let lowercasingKeys: Bool
        init(lowercasingKeys: Bool) { self.lowercasingKeys = lowercasingKeys }
    }

    /// Wraps `MHD_get_connection_values` (returns the number of pairs, or -1 on error;
    /// the iterator returns MHD_YES to go on). The first value of a repeated key wins.
    static func collect(_ connection: OpaquePointer, kind: MHD_ValueKind, lowercasingKeys: Bool) -> [String: String] {
        let collector = Collector(lowercasingKeys: lowercasingKeys)
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(
                connection, kind,
                { cls, _, key, value in
                    guard let cls, let key else { return .YES }
                    let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
                    var name = String(cString: key)
                    if collector.lowercasingKeys { name = HTTPHeaderName.lowercased(name) }
                    if collector.values[name] == nil {
                        collector.values[name] = value.map { String(cString: $0) } ?? ""
                    }
                    return .YES
                }, Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.values
    }
}

/// Turns an ``HTTPResponse`` into an MHD response and queues it.
enum MHDResponse {
    /// Wraps `MHD_create_response_from_buffer` (NULL on failure, MUST_COPY so the
    /// Swift buffer need not outlive the call), `MHD_add_response_header` (MHD_NO
    /// for a header MHD refuses) and `MHD_queue_response` (MHD_NO when it cannot queue).
    static func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> Bool {
        let created = response.body.withUnsafeBytes { buffer in
            MHD_create_response_from_buffer(
                buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                .RESPMEM_MUST_COPY)
        }
        guard let created else { return false }
        defer { MHD_destroy_response(created) }
        for header in response.headers {
            _ = MHD_add_response_header(created, header.name, header.value)
        }
        return MHD_queue_response(connection, UInt32(clamping: response.status), created) == .YES
    }
}

/// libmicrohttpd's accept policy: refuses a connection (MHD_NO) when its address
/// already has the most connections allowed.
let mhdAcceptPolicy: MHD_AcceptPolicyCallback = { cls, socketAddress, length in
    guard let cls, let socketAddress,
        let address = ConnectionLimiter.address(of: socketAddress, length: Int(length))
    else { return .YES }
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue()
    return dispatcher.limiter.admits(address) ? .YES : .NO
}

/// libmicrohttpd's connection notifications: counts a connection for its address
/// when it starts (keeping the address, retained, in `*socket_context`) and
/// uncounts it when it closes.
let mhdConnectionNotification: MHD_NotifyConnectionCallback = { cls, connection, socketContext, code in
    guard let cls, let socketContext else { return }
    let limiter = Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue().limiter
    switch code {
    case .CONNECTION_NOTIFY_STARTED:
        // geohub_mhd_client_address: the client's sockaddr, or NULL when MHD cannot say.
        guard let connection, let socketAddress = geohub_mhd_client_address(connection) else { return }
        let length =
            Int32(socketAddress.pointee.sa_family) == AF_INET6
            ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
        guard let address = ConnectionLimiter.address(of: socketAddress, length: length) else { return }
        limiter.opened(address)
        socketContext.pointee = Unmanaged.passRetained(AddressBox(address)).toOpaque()
    case .CONNECTION_NOTIFY_CLOSED:
        guard let pointer = socketContext.pointee else { return }
        socketContext.pointee = nil
        limiter.closed(Unmanaged<AddressBox>.fromOpaque(pointer).takeRetainedValue().address)
    @unknown default:
        return
    }
}

/// A client address kept in a connection's socket context.
final class AddressBox {
    let address: ConnectionLimiter.Address
    init(_ address: ConnectionLimiter.Address) { self.address = address }
}

/// libmicrohttpd's unescape callback for paths and query values: MHD's own
/// `MHD_http_unescape` (returns the decoded length), then every NUL byte the
/// decoding produced (`%00`) becomes DEL (0x7F), so a C string cannot be cut short
/// (`leaflet.js%00.png`) and the router rejects the control character with 400.
let mhdUnescape: geohub_mhd_unescape_callback = { _, _, text in
    guard let text else { return 0 }
    let length = MHD_http_unescape(text)
    for index in 0..<length where text[index] == 0 { text[index] = 0x7F }
    return length
}

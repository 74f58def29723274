internal import CMicroHTTPD
import Foundation

/// libmicrohttpd's access handler: called when a request's headers are in.
///
/// geohub answers at once, on this first call: its endpoints take no body, and an
/// answer queued before a body is read makes MHD discard the body and close the
/// connection afterwards. `*con_cls` carries the ``RequestRecord`` (retained) to the
/// completion callback. Returns MHD_NO (close the connection) only when MHD would not
/// take the response.
let mhdAccessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, _, uploadSize, requestContext in
    guard let cls, let connection, let requestContext else { return .NO }
    if requestContext.pointee != nil {
        // Only reached if MHD calls again for an answered request: drop any body.
        uploadSize?.pointee = 0
        return .YES
    }
    let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls).takeUnretainedValue()
    let request = HTTPRequest(
        method: method.map { String(cString: $0) } ?? "",
        path: url.map { String(cString: $0) } ?? "",
        query: MHDConnectionValues.collect(connection, kind: .GET_ARGUMENT_KIND, lowercasingKeys: false),
        headers: MHDConnectionValues.collect(connection, kind: .HEADER_KIND, lowercasingKeys: true))
    let record = RequestRecord(method: request.method, path: request.path)
    requestContext.pointee = Unmanaged.passRetained(record).toOpaque()
    let response = dispatcher.begin(request)
    record.status = response.status
    record.note = response.logNote
    let sendsBody = !request.isHead && response.status != 204 && response.status != 304
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
            _ = MHD_get_connection_values(connection, kind, { cls, _, key, value in
                guard let cls, let key else { return .YES }
                let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
                var name = String(cString: key)
                if collector.lowercasingKeys { name = name.lowercased() }
                if collector.values[name] == nil { collector.values[name] = value.map { String(cString: $0) } ?? "" }
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
            MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
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

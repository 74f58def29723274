import Foundation
import GeoCore

/// One request as libmicrohttpd parsed it: method, percent-decoded path, query
/// arguments and headers (names lower-cased). The server never parses HTTP itself.
struct HTTPRequest: Sendable {
    var method: String
    /// The decoded path, without the query (`/tiles/basemap/12/3637/1594.png`).
    var path: String
    /// Query arguments; for a repeated key the first value. A key without `=` maps to "".
    var query: [String: String]
    /// Header values by lower-cased name; for a repeated header the first value.
    var headers: [String: String]

    init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    func header(_ name: String) -> String? { headers[HTTPHeaderName.lowercased(name)] }

    var isHead: Bool { method == "HEAD" }
}

/// One answer: status, headers in order, and the body (omitted on the wire for HEAD,
/// 204 and 304 by libmicrohttpd).
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data
    /// Why a 5xx happened, for the access log only (never sent to the client).
    var logNote: String?

    init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data(), logNote: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.logNote = logNote
    }

    func header(_ name: String) -> String? {
        headers.first { HTTPHeaderName.equal($0.name, name) }?.value
    }

    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { HTTPHeaderName.equal($0.name, name) }
        headers.append((name, value))
    }

    /// A JSON body with its content type.
    static func json(_ status: Int, _ body: Data) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }

    /// `{"error": message}` with the status: what every 4xx/5xx answer looks like.
    static func error(_ status: Int, _ message: String) -> HTTPResponse {
        json(status, JSONValue.object(["error": .string(message), "status": .int(status)]).jsonData())
    }
}

/// Header names compare without regard to ASCII case (RFC 9110 §5.1). These helpers
/// do it without allocating, since every request and response uses them.
enum HTTPHeaderName {
    /// Whether `a` and `b` are the same header name, ignoring ASCII case.
    static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { folded($0) == folded($1) }
    }

    /// `name` in lower case; `name` itself when it has no upper-case ASCII letter.
    static func lowercased(_ name: String) -> String {
        name.utf8.contains { (65...90).contains($0) } ? name.lowercased() : name
    }

    private static func folded(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte | 0x20 : byte }
}

/// The project file's `server` object: how `geohub serve` listens, limits and caches.
///
/// This is the one place the server's defaults and allowed ranges are written down:
/// `geohub serve` starts from these values (the project's, else the defaults here),
/// each of its options overrides one of them and is checked against the same range,
/// and `docs/project-file.md` lists the same numbers.
public struct ServerSettings: Sendable, Hashable {
    /// Address to listen on (default 127.0.0.1; `--host` overrides).
    public var host: String
    /// Port to listen on; 0 picks a free one (default 8080; `--port` overrides).
    public var port: Int
    /// libmicrohttpd worker threads; nil means one per core (default nil; `--threads`).
    public var threads: Int?
    /// Byte budget of the in-memory tile and GeoJSON cache, in MiB (default 256; `--cache-mb`).
    public var cacheMegabytes: Int
    /// `Cache-Control: max-age` of tiles and layers, in seconds (default 300, short
    /// enough for river readings that change every 10 minutes; `--max-age`).
    public var cacheMaxAge: Int
    /// `Access-Control-Allow-Origin` value for the city site; empty sends no CORS
    /// header (default `*`; `--cors-origin`).
    public var corsOrigin: String
    /// The bearer token private layers require; nil means private layers always
    /// answer 401 (default nil; `--token-file` and `GEOHUB_TOKEN` override).
    public var bearerToken: String?
    /// Connections open at once, in total (default 1024; `--max-connections`).
    public var maxConnections: Int
    /// Connections open at once from one address; 0 means no limit (default 128;
    /// `--max-connections-per-ip`).
    public var maxConnectionsPerIP: Int
    /// Seconds a connection may stay idle or stalled before it is closed (default 10; `--timeout`).
    public var connectionTimeout: Int
    /// Memory per connection, in bytes; the request line and headers must fit
    /// (default 32768; `--max-request-bytes`).
    public var maxRequestBytes: Int
    /// The URL clients reach the server at, for TileJSON `tiles`; nil uses the
    /// request's Host header (default nil; `--public-url`).
    public var publicURL: String?
    /// Seconds between checks of the source files for live rebuilds; 0 turns watching
    /// off (default 10; `--watch-interval`).
    public var watchInterval: Double

    // The ranges each value must fall in, shared with the command line's checks.
    public static let portRange = 0...65_535
    public static let threadsRange = 1...256
    public static let cacheMegabytesRange = 1...1_048_576
    public static let cacheMaxAgeRange = 0...31_536_000
    public static let maxConnectionsRange = 1...10_000
    public static let maxConnectionsPerIPRange = 0...10_000
    public static let connectionTimeoutRange = 1...3600
    public static let maxRequestBytesRange = 4096...1_048_576
    public static let watchIntervalRange = 0.0...86_400.0

    public init(
        host: String = "127.0.0.1", port: Int = 8080, threads: Int? = nil, cacheMegabytes: Int = 256,
        cacheMaxAge: Int = 300, corsOrigin: String = "*", bearerToken: String? = nil, maxConnections: Int = 1024,
        maxConnectionsPerIP: Int = 128, connectionTimeout: Int = 10, maxRequestBytes: Int = 32_768,
        publicURL: String? = nil, watchInterval: Double = 10
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.cacheMegabytes = cacheMegabytes
        self.cacheMaxAge = cacheMaxAge
        self.corsOrigin = corsOrigin
        self.bearerToken = bearerToken
        self.maxConnections = maxConnections
        self.maxConnectionsPerIP = maxConnectionsPerIP
        self.connectionTimeout = connectionTimeout
        self.maxRequestBytes = maxRequestBytes
        self.publicURL = publicURL
        self.watchInterval = watchInterval
    }

    /// Whether `text` can be a CORS origin: one value, no line breaks (empty sends none).
    public static func isValidCORSOrigin(_ text: String) -> Bool {
        !text.contains(where: \.isNewline)
    }

    /// Whether `text` can be the public URL: an absolute http:// or https:// URL.
    public static func isValidPublicURL(_ text: String) -> Bool {
        (text.hasPrefix("http://") || text.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
    }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        host = try object.nonEmptyString("host", default: host)
        port = try object.integer(
            "port", default: port, in: Self.portRange, expectation: "a port number from 0 to 65535")
        threads = try object.optionalInteger(
            "threads", in: Self.threadsRange, expectation: "a number of threads from 1 to 256")
        cacheMegabytes = try object.integer(
            "cacheMB", default: cacheMegabytes, in: Self.cacheMegabytesRange,
            expectation: "a number of MiB from 1 to 1048576")
        cacheMaxAge = try object.integer(
            "cacheMaxAge", default: cacheMaxAge, in: Self.cacheMaxAgeRange,
            expectation: "a number of seconds from 0 to 31536000")
        if let origin = try object.string("corsOrigin") {
            guard Self.isValidCORSOrigin(origin) else {
                throw object.error("corsOrigin", "expected one origin or \"*\" without line breaks")
            }
            corsOrigin = origin
        }
        if let token = try object.string("bearerToken") {
            guard token.count >= 16, token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw object.error("bearerToken", "expected at least 16 printable ASCII characters without spaces")
            }
            bearerToken = token
        }
        maxConnections = try object.integer(
            "maxConnections", default: maxConnections, in: Self.maxConnectionsRange,
            expectation: "a number of connections from 1 to 10000")
        maxConnectionsPerIP = try object.integer(
            "maxConnectionsPerIP", default: maxConnectionsPerIP, in: Self.maxConnectionsPerIPRange,
            expectation: "a number of connections from 0 (no limit) to 10000")
        connectionTimeout = try object.integer(
            "connectionTimeout", default: connectionTimeout, in: Self.connectionTimeoutRange,
            expectation: "a number of seconds from 1 to 3600")
        maxRequestBytes = try object.integer(
            "maxRequestBytes", default: maxRequestBytes, in: Self.maxRequestBytesRange,
            expectation: "a number of bytes from 4096 to 1048576")
        if let url = try object.string("publicURL") {
            guard Self.isValidPublicURL(url) else {
                throw object.error("publicURL", "expected an http:// or https:// URL, got \"\(url)\"")
            }
            publicURL = url
        }
        watchInterval = try object.number(
            "watchInterval", default: watchInterval, in: Self.watchIntervalRange,
            expectation: "a number of seconds from 0 (off) to 86400")
        try object.finish()
    }
}

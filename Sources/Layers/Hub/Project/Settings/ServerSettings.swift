/// The project file's `server` object: how `geohub serve` listens and caches.
public struct ServerSettings: Sendable, Hashable {
    /// Address to listen on (default 127.0.0.1; `--host` overrides).
    public var host: String
    /// Port to listen on (default 8080; `--port` overrides).
    public var port: Int
    /// `Cache-Control: max-age` of tiles and layers, in seconds (default 300).
    public var cacheMaxAge: Int
    /// `Access-Control-Allow-Origin` value for the city site (default `*`).
    public var corsOrigin: String
    /// The bearer token private layers require; nil means private layers always
    /// answer 401 (default nil).
    public var bearerToken: String?
    /// Concurrent connections accepted (default 64).
    public var maxConnections: Int
    /// Seconds an idle connection is kept (default 15).
    public var connectionTimeout: Int
    /// Largest request accepted, in bytes (default 16384).
    public var maxRequestBytes: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, cacheMaxAge: Int = 300, corsOrigin: String = "*",
        bearerToken: String? = nil, maxConnections: Int = 64, connectionTimeout: Int = 15,
        maxRequestBytes: Int = 16_384
    ) {
        self.host = host
        self.port = port
        self.cacheMaxAge = cacheMaxAge
        self.corsOrigin = corsOrigin
        self.bearerToken = bearerToken
        self.maxConnections = maxConnections
        self.connectionTimeout = connectionTimeout
        self.maxRequestBytes = maxRequestBytes
    }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        host = try object.nonEmptyString("host", default: host)
        port = try object.integer("port", default: port, in: 0...65_535, expectation: "a port number from 0 to 65535")
        cacheMaxAge = try object.integer(
            "cacheMaxAge", default: cacheMaxAge, in: 0...31_536_000,
            expectation: "a number of seconds from 0 to 31536000")
        corsOrigin = try object.nonEmptyString("corsOrigin", default: corsOrigin)
        if let token = try object.string("bearerToken") {
            guard token.count >= 16, token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw object.error("bearerToken", "expected at least 16 printable ASCII characters without spaces")
            }
            bearerToken = token
        }
        maxConnections = try object.integer(
            "maxConnections", default: maxConnections, in: 1...10_000,
            expectation: "a number of connections from 1 to 10000")
        connectionTimeout = try object.integer(
            "connectionTimeout", default: connectionTimeout, in: 1...3600,
            expectation: "a number of seconds from 1 to 3600")
        maxRequestBytes = try object.integer(
            "maxRequestBytes", default: maxRequestBytes, in: 1024...1_048_576,
            expectation: "a number of bytes from 1024 to 1048576")
        try object.finish()
    }
}

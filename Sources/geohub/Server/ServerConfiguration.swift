import Foundation
import Layers

/// How `geohub serve` listens, limits and caches.
///
/// The defaults are the project file's (``ServerSettings``, documented in
/// docs/project-file.md): `geohub serve` starts from the project's `server` object
/// and its options override single values, so the documented defaults, the
/// project's values and `--help` cannot disagree.
struct ServerConfiguration: Sendable {
    /// The address to bind (`127.0.0.1`, `0.0.0.0`, `::1`, a host name).
    var host: String
    /// The TCP port; 0 picks a free one (printed on start).
    var port: Int
    /// libmicrohttpd worker threads; default the number of cores.
    var threads: Int
    /// The in-memory tile and GeoJSON cache's byte budget.
    var cacheBytes: Int
    /// `Cache-Control: max-age` in seconds for tiles, TileJSON and layers.
    var maxAge: Int
    /// `Access-Control-Allow-Origin`; empty sends no CORS header.
    var corsOrigin: String
    /// The bearer token that opens private layers; nil keeps them closed to everyone.
    var token: String?
    /// Seconds of inactivity after which a connection is closed (a stalled client is cut off).
    var connectionTimeout: Int
    /// Connections open at once, in total.
    var maxConnections: Int
    /// Connections open at once from one IP address; 0 means no limit.
    var maxConnectionsPerIP: Int
    /// Memory per connection; the request line and headers must fit (larger: 414/431).
    var maxRequestBytes: Int
    /// How long a graceful shutdown waits for requests in flight, in seconds.
    var shutdownGrace = 10.0
    /// Where Leaflet is installed (Debian's libjs-leaflet).
    var leafletDirectory = URL(fileURLWithPath: "/usr/share/javascript/leaflet")
    /// The URL clients reach the server at, for TileJSON `tiles`; nil uses the
    /// request's Host header (when well-formed), else the bound address.
    var publicURL: String?

    /// The configuration a project's `server` settings describe (every default when
    /// none are given).
    init(_ settings: ServerSettings = ServerSettings()) {
        host = settings.host
        port = settings.port
        threads = settings.threads ?? Self.coreCount
        cacheBytes = settings.cacheMegabytes << 20
        maxAge = settings.cacheMaxAge
        corsOrigin = settings.corsOrigin
        token = settings.bearerToken
        connectionTimeout = settings.connectionTimeout
        maxConnections = settings.maxConnections
        maxConnectionsPerIP = settings.maxConnectionsPerIP
        maxRequestBytes = settings.maxRequestBytes
        publicURL = settings.publicURL
    }

    /// The default thread count: one per core.
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

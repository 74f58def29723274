import Foundation

/// How `geohub serve` listens, limits and caches. Every value has a documented
/// default; `geohub serve --help` lists the options that set them.
struct ServerConfiguration: Sendable {
    /// The address to bind (`127.0.0.1`, `0.0.0.0`, `::1`, a host name).
    var host = "127.0.0.1"
    /// The TCP port; 0 picks a free one (printed on start).
    var port = 8080
    /// libmicrohttpd worker threads; default the number of cores.
    var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The in-memory tile and GeoJSON cache's byte budget.
    var cacheBytes = 256 << 20
    /// `Cache-Control: max-age` in seconds for tiles, TileJSON and layers.
    var maxAge = 3600
    /// `Access-Control-Allow-Origin`; empty sends no CORS header.
    var corsOrigin = "*"
    /// The bearer token that opens private layers; nil keeps them closed to everyone.
    var token: String?
    /// Seconds of inactivity after which a connection is closed (a stalled client is cut off).
    var connectionTimeout = 10
    /// Connections open at once, in total.
    var maxConnections = 1024
    /// Connections open at once from one IP address.
    var maxConnectionsPerIP = 128
    /// Memory per connection; the request line and headers must fit (larger: 414/431).
    var maxRequestBytes = 32 * 1024
    /// How long a graceful shutdown waits for requests in flight, in seconds.
    var shutdownGrace = 10.0
    /// Where Leaflet is installed (Debian's libjs-leaflet).
    var leafletDirectory = URL(fileURLWithPath: "/usr/share/javascript/leaflet")
    /// The URL clients reach the server at, for TileJSON `tiles`; nil uses the
    /// request's Host header (when well-formed), else the bound address.
    var publicURL: String?
}

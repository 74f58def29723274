import Foundation
import Layers

/// The server defaults `--help` shows: the project file's (see ``ServerSettings``).
private let serveDefaults = ServerSettings()

/// `geohub serve PROJECT [--host 127.0.0.1] [--port 8080] …`: the tile server and
/// its map page, until SIGINT or SIGTERM.
struct ServeCommand: Command {
    static let configuration = CommandConfiguration(
        name: "serve",
        abstract: "Serve the map page, tiles, GeoJSON, TileJSON and routes over HTTP.",
        discussion: """
            Prints 'geohub: serving NAME at URL' on standard output once listening. Private layers \
            (child-traffic unless the project says otherwise) need 'Authorization: Bearer TOKEN'; the \
            token comes from --token-file, else the GEOHUB_TOKEN environment variable, else the project's \
            server.bearerToken, never the command line. The defaults below are the project file's: a value \
            in geohub.json's server object (host, port, threads, cacheMB, cacheMaxAge, corsOrigin, \
            connectionTimeout, maxConnections, maxConnectionsPerIP, maxRequestBytes, publicURL, \
            watchInterval) replaces the default, and an option given here replaces both. SIGINT or SIGTERM \
            stops accepting, lets requests in flight finish and exits 0.
            """)

    @Argument(help: "The project folder (the one with geohub.json).", valueName: "PROJECT")
    var project: ProjectFolder
    @Option(
        name: "host", help: "The address to listen on (0.0.0.0 for every interface).", valueName: "ADDRESS",
        defaultDescription: serveDefaults.host)
    var host: String?
    @Option(
        name: "port", help: "The TCP port; 0 picks a free one.", valueName: "PORT",
        defaultDescription: String(serveDefaults.port))
    var port: Int?
    @Option(name: "threads", help: "Worker threads.", defaultDescription: "the number of cores")
    var threads: Int?
    @Option(
        name: "cache-mb", help: "Memory budget of the tile and GeoJSON cache, in MiB.", valueName: "MB",
        defaultDescription: String(serveDefaults.cacheMegabytes))
    var cacheMegabytes: Int?
    @Option(
        name: "max-age", help: "Cache-Control max-age of tiles and layers, in seconds.", valueName: "SECONDS",
        defaultDescription: String(serveDefaults.cacheMaxAge))
    var maxAge: Int?
    @Option(
        name: "cors-origin", help: "Access-Control-Allow-Origin value; an empty string sends none.",
        defaultDescription: serveDefaults.corsOrigin)
    var corsOrigin: CORSOrigin?
    @Option(
        name: "token-file", help: "A file holding the bearer token for private layers (else $GEOHUB_TOKEN).",
        valueName: "FILE")
    var tokenFile: String?
    @Option(
        name: "timeout", help: "Seconds a connection may stay idle or stalled before it is closed.",
        valueName: "SECONDS", defaultDescription: String(serveDefaults.connectionTimeout))
    var timeout: Int?
    @Option(
        name: "max-connections", help: "Connections open at once.",
        defaultDescription: String(serveDefaults.maxConnections))
    var maxConnections: Int?
    @Option(
        name: "max-connections-per-ip", help: "Connections open at once from one address; 0 means no limit.",
        defaultDescription: String(serveDefaults.maxConnectionsPerIP))
    var maxConnectionsPerIP: Int?
    @Option(
        name: "max-request-bytes", help: "Memory per connection; the request line and headers must fit.",
        valueName: "BYTES", defaultDescription: String(serveDefaults.maxRequestBytes))
    var maxRequestBytes: Int?
    @Option(
        name: "access-log", help: "Where the JSON access log goes: a file, '-' for standard error, or 'off'.",
        valueName: "FILE")
    var accessLog = "-"
    @Option(
        name: "public-url", help: "The URL clients use to reach the server, for TileJSON.", valueName: "URL",
        defaultDescription: "from the Host header")
    var publicURL: String?
    @Option(
        name: "watch-interval",
        help: "Seconds between checks of the source files for live rebuilds; 0 turns watching off.",
        valueName: "SECONDS", defaultDescription: serveDefaults.watchInterval.argumentDescription)
    var watchInterval: Double?
    @Flag(name: "quiet", help: "Print only the serving line and errors.")
    var quiet: Bool

    func validate() throws {
        typealias Limits = ServerSettings
        if let port { try Self.check("--port", port, in: Limits.portRange, "0 picks a free port") }
        if let threads { try Self.check("--threads", threads, in: Limits.threadsRange, "the default is one per core") }
        if let cacheMegabytes {
            try Self.check("--cache-mb", cacheMegabytes, in: Limits.cacheMegabytesRange, "MiB")
        }
        if let maxAge { try Self.check("--max-age", maxAge, in: Limits.cacheMaxAgeRange, "seconds, at most a year") }
        if let timeout { try Self.check("--timeout", timeout, in: Limits.connectionTimeoutRange, "seconds") }
        if let maxConnections {
            try Self.check("--max-connections", maxConnections, in: Limits.maxConnectionsRange, "")
        }
        if let maxConnectionsPerIP {
            try Self.check(
                "--max-connections-per-ip", maxConnectionsPerIP, in: Limits.maxConnectionsPerIPRange,
                "0 means no limit")
        }
        if let maxRequestBytes {
            try Self.check("--max-request-bytes", maxRequestBytes, in: Limits.maxRequestBytesRange, "bytes")
        }
        if let watchInterval, !Limits.watchIntervalRange.contains(watchInterval) {
            throw UsageError.invalidValue(
                "--watch-interval", expected: "seconds from 0 (off) to 86400", got: "\(watchInterval)")
        }
        if let publicURL, !Limits.isValidPublicURL(publicURL) {
            throw UsageError.invalidValue("--public-url", expected: "an http:// or https:// URL", got: publicURL)
        }
    }

    private static func check(_ option: String, _ value: Int, in range: ClosedRange<Int>, _ note: String) throws {
        guard range.contains(value) else {
            let suffix = note.isEmpty ? "" : " (\(note))"
            throw UsageError.invalidValue(
                option, expected: "\(range.lowerBound)–\(range.upperBound)\(suffix)",
                got: String(value))
        }
    }

    /// The server settings: the project's `server` object (`settings`, every default
    /// where it is silent) with each option given on the command line in its place.
    /// The token here is the project's; `run()` puts `--token-file`'s or `GEOHUB_TOKEN` in its place.
    func serverConfiguration(project settings: ServerSettings) -> ServerConfiguration {
        var configuration = ServerConfiguration(settings)
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let threads { configuration.threads = threads }
        if let cacheMegabytes { configuration.cacheBytes = cacheMegabytes << 20 }
        if let maxAge { configuration.maxAge = maxAge }
        if let corsOrigin { configuration.corsOrigin = corsOrigin.value }
        if let timeout { configuration.connectionTimeout = timeout }
        if let maxConnections { configuration.maxConnections = maxConnections }
        if let maxConnectionsPerIP { configuration.maxConnectionsPerIP = maxConnectionsPerIP }
        if let maxRequestBytes { configuration.maxRequestBytes = maxRequestBytes }
        if let publicURL { configuration.publicURL = publicURL }
        return configuration
    }

    /// Seconds between checks for changed sources: `--watch-interval`, else the project's.
    func effectiveWatchInterval(project settings: ServerSettings) -> Double {
        watchInterval ?? settings.watchInterval
    }

    func run() throws {
        // Before any thread starts: a server lives long, so malloc keeps little it does not use.
        ProcessMemory.tuneForServing()
        let library = try LibraryWiring.library()
        let settings = try library.serverSettings(project: project.url)
        var configuration = serverConfiguration(project: settings)
        if let token = try readToken() { configuration.token = token }
        let destination: AccessLog.Destination =
            switch accessLog {
            case "-": .standardError
            case "off": .none
            default: .file(URL(fileURLWithPath: accessLog))
            }
        let log = try AccessLog(destination)
        // Bind first: a busy port is reported before the layers are loaded.
        let socket = try ListeningSocket.make(host: configuration.host, port: configuration.port)
        let service: any MapService
        do {
            let reporter = ProgressReporter.standardError(quiet: quiet)
            service = try library.openMapService(project: project.url, progress: reporter.handler)
            // Clears the progress bar before the serving line goes to standard output.
            reporter.finish("geohub: \(service.layers().count) layers of \(service.name) ready")
            // Rejected rows are printed as `geohub build` prints them, even with --quiet.
            for line in service.startupReport { reporter.warn(line) }
            // The build's temporary arrays are freed: give their pages back before serving.
            ProcessMemory.releaseFreeMemory()
        } catch {
            close(socket.descriptor)
            throw error
        }
        let server = try HTTPServer(socket: socket, service: service, configuration: configuration, log: log)
        Self.serve(
            server, service: service, configuration: configuration,
            watchInterval: effectiveWatchInterval(project: settings), quiet: quiet)
    }

    /// Serves until SIGINT/SIGTERM (watching `service`'s sources for live rebuilds),
    /// then shuts down gracefully.
    static func serve(
        _ server: HTTPServer, service: any MapService, configuration: ServerConfiguration, watchInterval: Double,
        quiet: Bool
    ) {
        StandardStreams.out("geohub: serving \(service.name) at \(server.url)/\n")
        if !quiet {
            StandardStreams.err("geohub: map page at \(server.url)/ (Ctrl-C stops)\n")
            if configuration.token == nil {
                StandardStreams.err(
                    "geohub: no token set (--token-file, GEOHUB_TOKEN or server.bearerToken in geohub.json): "
                        + "private layers answer 401\n")
            }
        }
        let watcher = SourceWatcher(service: service, interval: watchInterval) { StandardStreams.err($0 + "\n") }
        watcher.start()
        let signal = ShutdownSignal.wait()
        if !quiet { StandardStreams.err("geohub: \(signal) received, finishing requests in flight\n") }
        watcher.stop()
        let unfinished = server.shutdown()
        StandardStreams.err("geohub: stopped" + (unfinished > 0 ? ", \(unfinished) request(s) cut off" : "") + "\n")
    }

    /// The token from `--token-file` (first line, trimmed) or `GEOHUB_TOKEN`, or nil.
    private func readToken() throws -> String? {
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw RuntimeError("cannot read the token file \(tokenFile); check the path and its permissions")
            }
            let token =
                String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard !token.isEmpty else { throw RuntimeError("the token file \(tokenFile) is empty") }
            return token
        }
        let environment = ProcessInfo.processInfo.environment["GEOHUB_TOKEN"]?.trimmingCharacters(in: .whitespaces)
        return environment?.isEmpty == false ? environment : nil
    }
}

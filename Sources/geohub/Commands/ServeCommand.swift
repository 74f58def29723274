import Foundation

/// `geohub serve PROJECT [--host 127.0.0.1] [--port 8080] …`: the tile server and
/// its map page, until SIGINT or SIGTERM.
struct ServeCommand: Command {
    static let configuration = CommandConfiguration(
        name: "serve",
        abstract: "Serve the map page, tiles, GeoJSON, TileJSON and routes over HTTP.",
        discussion: """
            Prints 'geohub: serving NAME at URL' on standard output once listening. Private layers \
            (child-traffic unless the project says otherwise) need 'Authorization: Bearer TOKEN'; the \
            token comes from --token-file or the GEOHUB_TOKEN environment variable, never the command \
            line. SIGINT or SIGTERM stops accepting, lets requests in flight finish and exits 0.
            """)

    @Argument(help: "The project folder (the one with geohub.json).", valueName: "PROJECT")
    var project: ProjectFolder
    @Option(name: "host", help: "The address to listen on (0.0.0.0 for every interface).", valueName: "ADDRESS")
    var host = "127.0.0.1"
    @Option(name: "port", help: "The TCP port; 0 picks a free one.", valueName: "PORT")
    var port = 8080
    @Option(name: "threads", help: "Worker threads (default: the number of cores).")
    var threads: Int?
    @Option(name: "cache-mb", help: "Memory budget of the tile and GeoJSON cache, in MiB.", valueName: "MB")
    var cacheMegabytes = 256
    @Option(name: "max-age", help: "Cache-Control max-age of tiles and layers, in seconds.", valueName: "SECONDS")
    var maxAge = 3600
    @Option(
        name: "cors-origin", help: "Access-Control-Allow-Origin value; an empty string sends none.", valueName: "ORIGIN"
    )
    var corsOrigin = "*"
    @Option(
        name: "token-file", help: "A file holding the bearer token for private layers (else $GEOHUB_TOKEN).",
        valueName: "FILE")
    var tokenFile: String?
    @Option(
        name: "timeout", help: "Seconds a connection may stay idle or stalled before it is closed.",
        valueName: "SECONDS")
    var timeout = 10
    @Option(name: "max-connections", help: "Connections open at once.")
    var maxConnections = 1024
    @Option(name: "max-connections-per-ip", help: "Connections open at once from one address.")
    var maxConnectionsPerIP = 128
    @Option(
        name: "max-request-bytes", help: "Memory per connection; the request line and headers must fit.",
        valueName: "BYTES")
    var maxRequestBytes = 32 * 1024
    @Option(
        name: "access-log", help: "Where the JSON access log goes: a file, '-' for standard error, or 'off'.",
        valueName: "FILE")
    var accessLog = "-"
    @Option(
        name: "public-url",
        help: "The URL clients use to reach the server, for TileJSON (default: from the Host header).", valueName: "URL"
    )
    var publicURL: String?
    @Option(
        name: "watch-interval",
        help: "Seconds between checks of the source files for live rebuilds; 0 turns watching off.",
        valueName: "SECONDS")
    var watchInterval = 10.0
    @Flag(name: "quiet", help: "Print only the serving line and errors.")
    var quiet: Bool

    func validate() throws {
        try Self.check("--port", port, in: 0...65535, "0 picks a free port")
        if let threads { try Self.check("--threads", threads, in: 1...256, "the default is the number of cores") }
        try Self.check("--cache-mb", cacheMegabytes, in: 1...1 << 20, "the cache needs at least 1 MiB")
        try Self.check("--max-age", maxAge, in: 0...31_536_000, "seconds, at most a year")
        try Self.check("--timeout", timeout, in: 1...3600, "seconds")
        try Self.check("--max-connections", maxConnections, in: 1...100_000, "")
        try Self.check("--max-connections-per-ip", maxConnectionsPerIP, in: 0...100_000, "0 means no limit")
        try Self.check("--max-request-bytes", maxRequestBytes, in: 4096...1 << 20, "4096 to 1048576")
        if !(0...86_400).contains(watchInterval) {
            throw UsageError.invalidValue(
                "--watch-interval", expected: "seconds from 0 (off) to 86400", got: "\(watchInterval)")
        }
        if corsOrigin.contains(where: { $0.isNewline }) {
            throw UsageError("--cors-origin: give one origin or '*', without line breaks")
        }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
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

    /// The server settings these options describe (the token is read in `run()`).
    var serverConfiguration: ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        if let threads { configuration.threads = threads }
        configuration.cacheBytes = cacheMegabytes << 20
        configuration.maxAge = maxAge
        configuration.corsOrigin = corsOrigin
        configuration.connectionTimeout = timeout
        configuration.maxConnections = maxConnections
        configuration.maxConnectionsPerIP = maxConnectionsPerIP
        configuration.maxRequestBytes = maxRequestBytes
        configuration.publicURL = publicURL
        return configuration
    }

    func run() throws {
        var configuration = serverConfiguration
        configuration.token = try readToken()
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
            service = try LibraryWiring.library().openMapService(project: project.url, progress: reporter.handler)
            // Clears the progress bar before the serving line goes to standard output.
            reporter.finish("geohub: \(service.layers().count) layers of \(service.name) ready")
        } catch {
            close(socket.descriptor)
            throw error
        }
        let server = try HTTPServer(socket: socket, service: service, configuration: configuration, log: log)
        Self.serve(server, service: service, configuration: configuration, watchInterval: watchInterval, quiet: quiet)
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
                StandardStreams.err("geohub: no token set (--token-file or GEOHUB_TOKEN): private layers answer 401\n")
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

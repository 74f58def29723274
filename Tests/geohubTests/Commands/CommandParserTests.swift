import GeoCore
import Layers
import XCTest
@testable import geohub

/// Parsing command lines into command values, in process.
final class CommandParserTests: XCTestCase {
    private var project: URL?

    override func setUpWithError() throws { project = try GeohubBinary.makeProject() }

    override func tearDown() {
        if let project { try? FileManager.default.removeItem(at: project) }
    }

    private func parse<C: Command>(_ type: C.Type, _ arguments: [String]) throws -> C {
        switch try CommandParser<C>(arguments: arguments).parse() {
        case .run(let command): return command
        case .help: throw UsageError("asked for help")
        }
    }

    private func usageMessage<C: Command>(_ type: C.Type, _ arguments: [String]) -> String? {
        do {
            _ = try CommandParser<C>(arguments: arguments).parse()
            return nil
        } catch let error as UsageError {
            XCTAssertEqual(error.command, C.configuration.name)
            return error.message
        } catch {
            XCTFail("\(error)")
            return nil
        }
    }

    func testExportWithEveryOption() throws {
        let path = try XCTUnwrap(project).path
        let export = try parse(
            ExportCommand.self,
            [
                path, "--out", "/tmp/out", "--format", "tiles,geojson", "--format=pmtiles", "--format", "tiles",
                "--layers", "flood-risk, wildlife", "--zoom", "10-16", "--bbox", "-10,20,30,40", "--scale", "2",
                "--scenario", "rain=50", "--strict", "--quiet",
            ])
        XCTAssertEqual(export.project.url.path, URL(fileURLWithPath: path).standardizedFileURL.path)
        XCTAssertEqual(export.out, "/tmp/out")
        XCTAssertEqual(export.formats, [.tiles, .geojson, .pmtiles], "repeatable, comma-separated, duplicates dropped")
        XCTAssertEqual(export.layers, [.floodRisk, .wildlife])
        XCTAssertEqual(export.zoom, ZoomRange(minZoom: 10, maxZoom: 16))
        XCTAssertEqual(
            export.bbox, BoundingBox(west: -10, south: 20, east: 30, north: 40), "a value may start with '-'")
        XCTAssertEqual(export.scale, .retina)
        XCTAssertEqual(export.scenario, RainScenario(millimetresPerHour: 50))
        XCTAssertTrue(export.strict)
        XCTAssertTrue(export.quiet)
    }

    func testExportDefaults() throws {
        let export = try parse(ExportCommand.self, [try XCTUnwrap(project).path, "--out", "o"])
        XCTAssertEqual(export.formats, [.tiles])
        XCTAssertEqual(export.layers, [])
        XCTAssertNil(export.zoom)
        XCTAssertNil(export.bbox)
        XCTAssertEqual(export.scale, .standard)
        XCTAssertNil(export.scenario)
        XCTAssertFalse(export.strict)
    }

    func testUsageErrorsSayWhatToDo() throws {
        let path = try XCTUnwrap(project).path
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path, "--out", "o", "--zoom", "18-12"]),
            "--zoom: expected Z or Z1-Z2 with 0 ≤ Z ≤ 22 and Z1 ≤ Z2 (did you mean 12-18?), got '18-12'")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path]),
            "missing --out DIR, the folder to write into (created if missing).")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path, "--out", "--format", "tiles"]),
            "--out needs a value (DIR): The folder to write into (created if missing).")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path, "--out", "o", "--zom", "3"]),
            "unknown option '--zom'; did you mean --zoom?")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path, "--out", "o", "-z", "3"]),
            "unknown option '-z'; options are long (--name), see --help")
        XCTAssertEqual(usageMessage(ExportCommand.self, [path, "extra", "--out", "o"]), "unexpected argument 'extra'")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path, "--out", "o", "--zoom", "3", "--zoom", "4"]),
            "--zoom was given 2 times; give it once")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, [path, "--out", "o", "--strict=yes"]), "--strict takes no value")
        XCTAssertEqual(
            usageMessage(ExportCommand.self, ["/nonexistent/folder", "--out", "o"]),
            "PROJECT: '/nonexistent/folder' is not a folder; give the project folder that holds geohub.json")
        XCTAssertEqual(
            usageMessage(RouteCommand.self, [path, "--from", "140.0,38.1", "--to", "140.0,38.1"]),
            "--from and --to are the same point; give two different points")
        XCTAssertEqual(
            usageMessage(RouteCommand.self, [path, "--from", "140.0,38.1"]),
            "missing --to LON,LAT, destination, longitude first, in degrees.")
        XCTAssertEqual(
            usageMessage(ServeCommand.self, [path, "--port", "70000"]),
            "--port: expected 0–65535 (0 picks a free port), got '70000'")
        XCTAssertEqual(
            usageMessage(InspectCommand.self, ["/nonexistent.mbtiles"]),
            "FILE: '/nonexistent.mbtiles' does not exist; give a source CSV, hub.sqlite, .mbtiles, "
                + ".pmtiles or .geojson file")
    }

    func testOptionsEndAtDoubleDash() throws {
        let project = try XCTUnwrap(project)
        let dashed = project.deletingLastPathComponent().appendingPathComponent("--odd-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: project, to: dashed)
        defer { try? FileManager.default.removeItem(at: dashed) }
        let build = try parse(BuildCommand.self, ["--strict", "--", dashed.path])
        XCTAssertEqual(build.project.url.lastPathComponent, dashed.lastPathComponent)
        XCTAssertTrue(build.strict)
    }

    func testServeOptionsBecomeTheServerConfiguration() throws {
        let serve = try parse(
            ServeCommand.self,
            [
                try XCTUnwrap(project).path, "--host", "0.0.0.0", "--port", "0", "--threads", "3", "--cache-mb", "64",
                "--max-age", "60", "--cors-origin", "https://city.example", "--timeout", "5", "--max-connections",
                "100",
                "--max-connections-per-ip", "10", "--max-request-bytes", "8192", "--public-url",
                "https://tiles.example", "--watch-interval", "2.5",
            ])
        let configuration = serve.serverConfiguration(project: ServerSettings())
        XCTAssertEqual(configuration.host, "0.0.0.0")
        XCTAssertEqual(configuration.port, 0)
        XCTAssertEqual(configuration.threads, 3)
        XCTAssertEqual(configuration.cacheBytes, 64 << 20)
        XCTAssertEqual(configuration.maxAge, 60)
        XCTAssertEqual(configuration.corsOrigin, "https://city.example")
        XCTAssertEqual(configuration.connectionTimeout, 5)
        XCTAssertEqual(configuration.maxConnections, 100)
        XCTAssertEqual(configuration.maxConnectionsPerIP, 10)
        XCTAssertEqual(configuration.maxRequestBytes, 8192)
        XCTAssertEqual(configuration.publicURL, "https://tiles.example")
        XCTAssertEqual(serve.effectiveWatchInterval(project: ServerSettings()), 2.5)
        XCTAssertNil(configuration.token, "the token never comes from the command line")
        let defaults = try parse(ServeCommand.self, [try XCTUnwrap(project).path])
            .serverConfiguration(project: ServerSettings())
        XCTAssertEqual(defaults.host, "127.0.0.1")
        XCTAssertEqual(defaults.port, 8080)
        XCTAssertEqual(defaults.threads, ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertEqual(defaults.maxAge, 300)
        XCTAssertEqual(defaults.cacheBytes, 256 << 20)
        let noCORS = try parse(ServeCommand.self, [try XCTUnwrap(project).path, "--cors-origin", ""])
        XCTAssertEqual(noCORS.serverConfiguration(project: ServerSettings()).corsOrigin, "", "'' sends no CORS header")
    }

    /// The project's `server` object replaces the defaults; an option given on the
    /// command line replaces the project's value, one by one.
    func testProjectServerSettingsAreTheDefaultsOptionsOverride() throws {
        let project = ServerSettings(
            host: "0.0.0.0", port: 9000, threads: 5, cacheMegabytes: 32, cacheMaxAge: 42,
            corsOrigin: "https://city.example", bearerToken: "project-token-0123456789", maxConnections: 50,
            maxConnectionsPerIP: 7, connectionTimeout: 4, maxRequestBytes: 16_384,
            publicURL: "https://tiles.city.example", watchInterval: 30)
        let plain = try parse(ServeCommand.self, [try XCTUnwrap(self.project).path])
        let fromProject = plain.serverConfiguration(project: project)
        XCTAssertEqual(fromProject.host, "0.0.0.0")
        XCTAssertEqual(fromProject.port, 9000)
        XCTAssertEqual(fromProject.threads, 5)
        XCTAssertEqual(fromProject.cacheBytes, 32 << 20)
        XCTAssertEqual(fromProject.maxAge, 42)
        XCTAssertEqual(fromProject.corsOrigin, "https://city.example")
        XCTAssertEqual(fromProject.token, "project-token-0123456789")
        XCTAssertEqual(fromProject.maxConnections, 50)
        XCTAssertEqual(fromProject.maxConnectionsPerIP, 7)
        XCTAssertEqual(fromProject.connectionTimeout, 4)
        XCTAssertEqual(fromProject.maxRequestBytes, 16_384)
        XCTAssertEqual(fromProject.publicURL, "https://tiles.city.example")
        XCTAssertEqual(plain.effectiveWatchInterval(project: project), 30)

        let overridden = try parse(
            ServeCommand.self,
            [
                try XCTUnwrap(self.project).path, "--port", "0", "--max-age", "7", "--cors-origin", "",
                "--watch-interval", "0",
            ])
        let configuration = overridden.serverConfiguration(project: project)
        XCTAssertEqual(configuration.port, 0)
        XCTAssertEqual(configuration.maxAge, 7)
        XCTAssertEqual(configuration.corsOrigin, "")
        XCTAssertEqual(overridden.effectiveWatchInterval(project: project), 0)
        XCTAssertEqual(configuration.host, "0.0.0.0", "what the command line leaves alone stays the project's")
        XCTAssertEqual(configuration.cacheBytes, 32 << 20)
    }

    /// `geohub serve --help` shows the project file's defaults (ServerSettings), and the
    /// options check values against the same ranges the project file does.
    func testServeHelpAndLimitsAreTheProjectFiles() throws {
        let declared = Dictionary(
            uniqueKeysWithValues: ServeCommand().declaredSlots.map { ($0.declaration.name, $0.declaration) })
        let help = HelpGenerator.help(for: ServeCommand.self).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        let defaults = ServerSettings()
        for (option, value) in [
            ("port", "\(defaults.port)"), ("cache-mb", "\(defaults.cacheMegabytes)"),
            ("max-age", "\(defaults.cacheMaxAge)"), ("timeout", "\(defaults.connectionTimeout)"),
            ("max-connections", "\(defaults.maxConnections)"),
            ("max-connections-per-ip", "\(defaults.maxConnectionsPerIP)"),
            ("max-request-bytes", "\(defaults.maxRequestBytes)"), ("watch-interval", "10"),
            ("host", defaults.host), ("cors-origin", defaults.corsOrigin),
        ] {
            let declaration = try XCTUnwrap(declared[option], option)
            XCTAssertEqual(declaration.defaultDescription, value, option)
            let helpText = declaration.help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(help.contains("\(helpText) (default: \(value))"), option)
        }
        let path = try XCTUnwrap(project).path
        XCTAssertEqual(
            usageMessage(ServeCommand.self, [path, "--max-request-bytes", "1024"]),
            "--max-request-bytes: expected 4096–1048576 (bytes), got '1024'")
        XCTAssertEqual(
            usageMessage(ServeCommand.self, [path, "--max-connections", "20000"]),
            "--max-connections: expected 1–10000, got '20000'")
        XCTAssertNotNil(usageMessage(ServeCommand.self, [path, "--cors-origin", "a\nb"]))
        XCTAssertNotNil(usageMessage(ServeCommand.self, [path, "--public-url", "tiles.example"]))
    }

    func testHelpIsGeneratedFromTheDeclarations() throws {
        for type in Geohub.commands {
            func check<C: Command>(_ type: C.Type) throws {
                let help = HelpGenerator.help(for: type)
                XCTAssertTrue(help.hasPrefix("OVERVIEW: \(C.configuration.abstract)"))
                let usage = HelpGenerator.usage(for: type)
                for declaration in C().declaredSlots.map(\.declaration) {
                    XCTAssertTrue(
                        help.contains(declaration.help.split(separator: " ").prefix(4).joined(separator: " ")),
                        "\(C.configuration.name): help of \(declaration.displayName)")
                    XCTAssertTrue(
                        usage.contains(declaration.displayName), "\(C.configuration.name): \(declaration.displayName)")
                }
                XCTAssertEqual(try CommandParser<C>(arguments: ["--help"]).parse().isHelp, true)
            }
            try check(type)
        }
        XCTAssertEqual(
            HelpGenerator.usage(for: ExportCommand.self),
            "geohub export PROJECT --out DIR [--format FORMAT ...] [--layers NAME,...] [--zoom Z1-Z2] "
                + "[--bbox W,S,E,N] [--scale 1|2] [--scenario rain=MM] [--strict] [--quiet]")
    }
}

extension CommandParser.Outcome {
    var isHelp: Bool { if case .help = self { true } else { false } }
}

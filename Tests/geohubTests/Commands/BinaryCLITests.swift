import Foundation
import TestSupport
import XCTest
@testable import geohub

/// The built `geohub` binary: help, version, exit codes and messages.
final class BinaryCLITests: XCTestCase {
    func testRootHelpAndVersion() throws {
        let help = try GeohubBinary.run(["--help"])
        XCTAssertEqual(help.status, 0)
        for command in ["build", "export", "serve", "route", "inspect"] {
            XCTAssertTrue(help.stdoutText.contains("\n  \(command) "), command)
        }
        XCTAssertTrue(
            help.stdoutText.contains("0 success, 1 runtime failure, 2 usage error, 3 input rejected under --strict"))
        let version = try GeohubBinary.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.stdoutText, "geohub \(Geohub.version)\n")
        let bare = try GeohubBinary.run([])
        XCTAssertEqual(bare.status, 2)
        XCTAssertTrue(bare.stderrText.hasPrefix("OVERVIEW:"))
    }

    func testEveryCommandHasHelpFromItsDeclarations() throws {
        for type in Geohub.commands {
            func expected<C: Command>(_ type: C.Type) -> String { HelpGenerator.help(for: type) }
            let name = type.configuration.name
            for spelling in [[name, "--help"], [name, "-h"], ["help", name], [name, "--zoom", "99", "--help"]] {
                let result = try GeohubBinary.run(spelling)
                XCTAssertEqual(result.status, 0, "\(spelling)")
                XCTAssertEqual(result.stdoutText, expected(type), "\(spelling)")
            }
        }
    }

    func testUsageErrorsExitTwoAndPointAtHelp() throws {
        let project = try GeohubBinary.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let cases: [([String], String)] = [
            (
                ["export", project.path, "--out", "o", "--zoom", "18-12"],
                "geohub export: --zoom: expected Z or Z1-Z2 with 0 ≤ Z ≤ 22 and Z1 ≤ Z2 (did you mean 12-18?), got '18-12'"
            ),
            (
                ["export", project.path, "--out", "o", "--layers", "floods"],
                "geohub export: --layers: expected layer names from child-traffic, flood-risk, wildlife, census-delta, "
                    + "bus-routes, composite, basemap, got 'floods'"
            ),
            (
                ["export", project.path, "--out", "o", "--bbox", "140.13,38.03,139.88,38.2"],
                "geohub export: --bbox: expected"
            ),
            (["export", project.path, "--out", "o", "--scale", "3"], "geohub export: --scale: expected 1"),
            (
                ["export", project.path, "--out", "o", "--format", "tiles,shp"],
                "geohub export: --format: expected one of"
            ),
            (
                ["export", project.path, "--out", "o", "--scenario", "rain=much"],
                "geohub export: --scenario: expected rain=MM"
            ),
            (
                ["route", project.path, "--from", "38.1,140.0", "--to", "140.0,38.1"],
                "(latitude first? the order is LON,LAT)"
            ),
            (
                ["route", project.path, "--from", "140.0,38.1", "--to", "140.01,38.1", "--at", "25:00"],
                "geohub route: --at: expected HH:MM"
            ),
            (["serve", project.path, "--port", "http"], "geohub serve: --port: expected an integer, got 'http'"),
            (["inspect"], "geohub inspect: missing FILE"),
            (["bild", project.path], "geohub: unknown command 'bild' (did you mean 'build'?)"),
            (["build", project.path, "--strcit"], "geohub build: unknown option '--strcit'; did you mean --strict?"),
        ]
        for (arguments, expected) in cases {
            let result = try GeohubBinary.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains(expected), "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("--help' for usage."), "\(arguments)")
            XCTAssertEqual(result.stdoutText, "", "usage errors print nothing on stdout")
        }
    }

    /// A valid command line gets past parsing: it either runs (wired) or fails at run
    /// time (exit 1), never with a usage error.
    func testValidCommandLinesAreNotUsageErrors() throws {
        let project = try GeohubBinary.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let out = project.appendingPathComponent("out")
        for arguments in [
            ["build", project.path, "--quiet"],
            ["export", project.path, "--out", out.path, "--format", "geojson", "--zoom", "12", "--quiet"],
            ["route", project.path, "--from", "140.0,38.1", "--to", "140.05,38.12", "--quiet"],
            ["inspect", project.appendingPathComponent("geohub.json").path],
        ] {
            let result = try GeohubBinary.run(arguments)
            XCTAssertNotEqual(result.status, 2, "\(arguments): \(result.stderrText)")
            if result.status == 1 {
                XCTAssertTrue(result.stderrText.hasPrefix("geohub: error: "), result.stderrText)
            }
        }
    }
}

import Foundation
import TestSupport
import XCTest

/// Runs the `nagai-example` generator and locates the committed reference project.
enum NagaiExample {
    /// The committed project and basemap folders.
    static var project: URL { ReferencePython.packageRoot.appendingPathComponent("examples/nagai") }
    static var basemap: URL { ReferencePython.packageRoot.appendingPathComponent("basemap") }

    static func data(_ name: String) -> String { project.appendingPathComponent("data/\(name)").path }

    /// The built generator: beside the test bundle, or in `.build/debug`.
    static func executable() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("nagai-example"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("nagai-example"),
            ReferencePython.packageRoot.appendingPathComponent(".build/debug/nagai-example"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("nagai-example is not built; run `swift build --build-tests` (it builds every product)")
        }
        return found
    }

    /// Runs the generator with `arguments`; returns the process result.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Shell.Result {
        try Shell.capture(try executable().path, arguments)
    }

    /// Generates into `root/examples/nagai` and `root/basemap` (the repository's layout).
    static func generate(into root: URL, scale: Int = 1) throws {
        var arguments = [
            "--out", root.appendingPathComponent("examples/nagai").path,
            "--basemap", root.appendingPathComponent("basemap").path,
        ]
        if scale != 1 { arguments += ["--scale", String(scale)] }
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, result.stderrText)
    }

    /// Relative paths of the regular files under `folder`, sorted.
    static func files(under folder: URL) -> [String] {
        let base = folder.standardizedFileURL.path
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            out.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return out.sorted()
    }

    /// Runs a Python check script against the committed example and decodes its JSON answer.
    static func check(_ script: String, packages: [String] = []) throws -> [String: Any] {
        let answer = try ReferencePython.json(
            script, packages: packages,
            arguments: [project.path, basemap.path])
        guard let object = answer as? [String: Any] else {
            XCTFail("the check script did not print a JSON object")
            return [:]
        }
        return object
    }
}

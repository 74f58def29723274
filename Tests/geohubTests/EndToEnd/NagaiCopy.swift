import Foundation
import TestSupport
import XCTest
@testable import geohub

/// A throwaway copy of the reference project in the repository's layout
/// (`ROOT/examples/nagai` and `ROOT/basemap`, which `geohub.json` reaches as
/// `../../basemap`), so the binary writes its hub and outputs there and never into
/// the repository's example.
final class NagaiCopy: @unchecked Sendable {
    let root: URL

    var project: URL { root.appendingPathComponent("examples/nagai") }
    var data: URL { project.appendingPathComponent("data") }

    /// Copies the committed example (without any hub built in it).
    init() throws {
        guard let source = GeohubBinary.nagaiProject else {
            throw XCTSkip("examples/nagai is not generated yet (swift run nagai-example)")
        }
        root = try makeTemporaryDirectory("geohub-e2e")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try manager.copyItem(at: source, to: project)
        try manager.copyItem(at: NagaiExample.basemap, to: root.appendingPathComponent("basemap"))
        for name in try manager.contentsOfDirectory(atPath: project.path) where name.hasPrefix("hub.sqlite") {
            try manager.removeItem(at: project.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Runs `geohub arguments…` with the copy's root as the working folder.
    func geohub(_ arguments: [String]) throws -> Shell.Result {
        try GeohubBinary.run(arguments, currentDirectory: root)
    }

    /// Runs `geohub arguments…` and fails the test unless it exits 0.
    @discardableResult
    func succeed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Shell.Result {
        let result = try geohub(arguments)
        XCTAssertEqual(
            result.status, 0, "geohub \(arguments.joined(separator: " ")): \(result.stderrText)",
            file: file, line: line)
        return result
    }

    /// A folder under the copy's root (created).
    func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The shared copy of a test class, built once (`geohub build`) on first use.
    static func built(_ slot: Locked<NagaiCopy?>) throws -> NagaiCopy {
        if let copy = slot.withLock({ $0 }) { return copy }
        let copy = try NagaiCopy()
        try copy.succeed(["build", copy.project.path, "--quiet"])
        slot.withLock { $0 = copy }
        return copy
    }
}

/// Files under a folder, by relative path, for byte-for-byte comparisons.
enum FolderContents {
    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }
}

/// A built copy with every layer exported in every format at zooms 10–12, shared by the
/// tests of one export test class (each class releases it when it ends).
enum SharedExport {
    static let zooms = "10-12"
    private static let copy = Locked<NagaiCopy?>(nil)
    private static let out = Locked<URL?>(nil)

    static func get() throws -> (copy: NagaiCopy, out: URL) {
        let built = try NagaiCopy.built(copy)
        if let folder = out.withLock({ $0 }) { return (built, folder) }
        let folder = built.root.appendingPathComponent("out")
        let result = try built.succeed([
            "export", built.project.path, "--out", folder.path, "--format", "tiles,mbtiles,pmtiles,geojson,gpkg",
            "--zoom", zooms,
        ])
        XCTAssertTrue(result.stderrText.contains("exported 31 files and "), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("composite: "), result.stderrText)
        out.withLock { $0 = folder }
        return (built, folder)
    }

    static func release() {
        copy.withLock { $0 = nil }
        out.withLock { $0 = nil }
    }
}

import Foundation
import TestSupport
import XCTest

/// The built `geohub` executable, run as a user would run it.
enum GeohubBinary {
    /// The folder SwiftPM builds products into (the test bundle's folder on Linux).
    static var productsDirectory: URL {
        #if os(macOS)
            for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
                return bundle.bundleURL.deletingLastPathComponent()
            }
        #endif
        return Bundle.main.bundleURL
    }

    static var url: URL { productsDirectory.appendingPathComponent("geohub") }

    /// Runs `geohub arguments…` to the end and returns status and output.
    static func run(
        _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> Shell.Result {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("\(url.path) is not built; run swift build first")
        }
        return try Shell.capture(url.path, arguments, environment: environment, currentDirectory: currentDirectory)
    }

    /// `examples/nagai` in the package, or nil when it has not been generated.
    static var nagaiProject: URL? {
        let url = ReferencePython.packageRoot.appendingPathComponent("examples/nagai")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("geohub.json").path) ? url : nil
    }

    /// A throwaway project folder with a minimal geohub.json.
    static func makeProject() throws -> URL {
        let folder = try makeTemporaryDirectory("geohub-project")
        try Data(#"{"name": "Test", "bbox": [139.88, 38.03, 140.13, 38.20], "crs": "EPSG:6678", "sources": {}}"#.utf8)
            .write(to: folder.appendingPathComponent("geohub.json"))
        return folder
    }
}

import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The Nagai reference project (`examples/nagai`) ingested once per test process into
/// a hub in a temporary folder, for tests that build layers from the real example.
enum ExampleHub {
    /// The example's folder in the repository.
    static var folder: URL { ReferencePython.packageRoot.appendingPathComponent("examples/nagai") }

    private static let shared = Result { () throws -> Project in
        var project = try Project.load(from: folder)
        project.folder = try makeTemporaryDirectory("example-hub")  // the hub goes here, sources stay put
        // Every source but children's GPS, which no vector layer reads.
        try Hub.ingest(
            project: project, options: IngestOptions(only: Set(SourceKind.allCases).subtracting([.childGPS])))
        return project
    }

    /// The example project, its hub already ingested (in a temporary folder).
    static func project() throws -> Project { try shared.get() }

    /// A catalogue on the example hub for the calling thread.
    static func catalogue() throws -> Catalogue { try Hub.catalogue(for: project()) }
}

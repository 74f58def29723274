import Foundation
import GeoCore

/// The data hub: ingests a project's sources into `PROJECT/hub.sqlite` and opens the
/// ``Catalogue`` that layer builders read.
///
/// ```swift
/// let project = try Project.load(from: folder)
/// let report = try Hub.ingest(project: project, options: IngestOptions(strict: true)) { event in … }
/// let catalogue = try Hub.catalogue(for: project)
/// ```
public enum Hub {
    /// Opens the project's hub for reading.
    ///
    /// - Throws: ``HubError/noHub(_:)`` when the project has not been built yet, or
    ///   ``HubError/database(_:)`` when the file cannot be opened.
    public static func catalogue(for project: Project) throws(HubError) -> Catalogue {
        try Catalogue(url: project.hubURL)
    }
}

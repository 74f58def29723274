import Foundation
import GeoCore
import Layers

/// Loading a project and bringing its hub up to date, shared by `build`, `export`,
/// `route` and `serve`.
enum ProjectIngest {
    /// What an ingest left behind for the summary.
    struct Outcome: Sendable {
        var report: IngestReport
        /// Whether `--strict` rolled sources back (the command exits 3).
        var rejectedUnderStrict: Bool

        /// Every kept rejection, `file:line: reason`, in source order.
        var rejections: [String] { report.rejections.map(\.description) }

        /// One line per source whose rejections were more than the hub keeps in full.
        var unlistedRejections: [String] {
            report.sources.compactMap { source in
                let unlisted = source.rejected - source.rejections.count
                guard unlisted > 0 else { return nil }
                return "\(source.path): \(unlisted) more rejected rows not listed "
                    + "(raise ingest.maxRejectionsKept in geohub.json to see them)"
            }
        }
    }

    /// Loads `folder/geohub.json`.
    ///
    /// - Throws: ``RuntimeError`` naming the file, the JSON path and what was expected.
    static func load(_ folder: URL) throws -> Project {
        do {
            return try Project.load(from: folder)
        } catch {
            throw RuntimeError(
                "\(folder.appendingPathComponent(Project.fileName).path): \(error.reason)"
                    + (error.path.isEmpty ? "" : " (at \(error.path))"))
        }
    }

    /// Ingests the project's changed sources into its hub (unchanged ones are skipped).
    ///
    /// Under `strict` a source with a rejected row is rolled back and the outcome says
    /// so instead of throwing, so the caller can still print every rejection.
    ///
    /// - Parameter progress: `(sources done, sources, "reading FILE")`.
    /// - Throws: ``RuntimeError`` when the hub cannot be written.
    static func run(_ project: Project, strict: Bool, progress: ProgressHandler?) throws -> Outcome {
        let count = project.sources.files.count
        let done = Locked(0)
        let handler: (IngestProgress) -> Void = { event in
            switch event {
            case .started(let file):
                progress?(done.withLock { $0 }, count, "reading \(file.displayName)")
            case .rows(let file, let rows):
                progress?(done.withLock { $0 }, count, "reading \(file.displayName) (\(rows) rows)")
            case .rejected:
                break
            case .finished(let report):
                let finished = done.withLock { value -> Int in
                    value += 1
                    return value
                }
                progress?(min(finished, count), count, "read \(report.path)")
            }
        }
        do {
            let report = try Hub.ingest(project: project, options: IngestOptions(strict: strict), progress: handler)
            return Outcome(report: report, rejectedUnderStrict: false)
        } catch {
            switch error {
            case .rejected(let report):
                return Outcome(report: report, rejectedUnderStrict: true)
            case .database, .noHub, .projection:
                throw RuntimeError(String(describing: error))
            }
        }
    }

    /// Ingests only when the project has no hub yet (for commands that read layers).
    static func ensureHub(_ project: Project, progress: ProgressHandler?) throws {
        guard !FileManager.default.fileExists(atPath: project.hubURL.path) else { return }
        _ = try run(project, strict: false, progress: progress)
    }

    /// Re-ingests the sources of `kinds` (for a live refresh) and returns the kinds whose
    /// data in the hub changed (re-read, gone missing or removed) and the rows it
    /// rejected (`file:line: reason`). Unchanged files and files that could not be read
    /// (the hub keeps their previous data) change nothing.
    ///
    /// - Throws: ``RuntimeError`` when the hub cannot be written.
    static func refresh(_ project: Project, kinds: Set<SourceKind>) throws -> (
        changed: Set<SourceKind>, rejections: [String]
    ) {
        let report: IngestReport
        do {
            report = try Hub.ingest(project: project, options: IngestOptions(strict: false, only: kinds))
        } catch {
            throw RuntimeError(String(describing: error))
        }
        let outcome = Outcome(report: report, rejectedUnderStrict: false)
        let changed = Set(
            report.sources.filter { [.ingested, .missing, .removed].contains($0.status) }.map(\.kind))
        return (changed, outcome.rejections + outcome.unlistedRejections)
    }
}

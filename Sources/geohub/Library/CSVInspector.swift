import Foundation
import GeoCore
import Layers

/// `geohub inspect` on a source CSV (or an e-Stat `.txt`): its encoding, columns and
/// records, then the rows the hub's own reader accepts and rejects.
///
/// The rejections come from the very reader `geohub build` uses: the file is ingested
/// alone into a throwaway hub in a temporary folder (never the project's hub), with the
/// settings of the project that names it, or with defaults when no project does. So
/// `inspect` and `build` always agree on `file:line: reason`.
enum CSVInspector {
    /// Rejected rows listed in full (the count covers all of them).
    static let listedRejections = 20

    static func inspect(_ file: URL) throws -> InspectReport {
        let located = ProjectLocator.source(for: file)
        let encoding = located?.file.encoding ?? .automatic
        var report = InspectReport("\(file.lastPathComponent): CSV")
        let structure: InputReport
        let reader: CSVReader
        do {
            reader = try CSVReader(contentsOf: file, options: CSVReader.Options(encoding: encoding))
            structure = try reader.forEachRow { _ in }
        } catch {
            throw RuntimeError("\(file.path) cannot be read as CSV: \(error)")
        }
        report.add("encoding", describe(reader.detectedEncoding, requested: encoding))
        report.add("columns", reader.header.joined(separator: ", ") + " (\(reader.header.count))")
        report.add(
            "records", "\(structure.acceptedCount + structure.rejectedCount) (\(structure.rejectedCount) malformed)")
        let kind = located?.file.kind ?? detectKind(reader.header)
        guard let kind else {
            report.add("source", "unknown: the columns match no geohub source (see DESIGN.md \"Inputs\")")
            return report
        }
        if let located {
            report.add("source", "\(kind) of project \(located.project.name) (\(located.file.path))")
        } else {
            report.add("source", "\(kind) by its columns (no geohub.json above it names the file)")
        }
        guard let validation = try validate(file, kind: kind, located: located) else {
            report.add(
                "validated", "no: children's GPS is only checked inside its project (it needs the project's area)")
            return report
        }
        report.add("accepted rows", String(validation.rows))
        report.add("rejected rows", String(validation.rejected))
        let filtered = validation.filtered.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        if !filtered.isEmpty {
            report.add("filtered", filtered.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        if !validation.details.isEmpty {
            report.add(
                "details",
                validation.details.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if let range = validation.timeRange {
            report.add(
                "time range", "\(InspectReport.time(range.lowerBound)) to \(InspectReport.time(range.upperBound))")
        }
        if validation.status == .failed, let first = validation.rejections.first {
            report.add("unreadable", first.description)
        }
        for rejection in validation.rejections.prefix(listedRejections) { report.item(rejection.description) }
        if validation.rejected > listedRejections {
            report.item("… and \(validation.rejected - listedRejections) more")
        }
        return report
    }

    /// `UTF-8`, `Shift_JIS (CP932)`, or `ASCII` when nothing told them apart.
    static func describe(_ detected: TextEncoding?, requested: TextEncoding) -> String {
        switch detected ?? (requested == .automatic ? nil : requested) {
        case .utf8: return "UTF-8"
        case .shiftJIS: return "Shift_JIS (CP932)"
        case .automatic, nil: return "ASCII (reads the same as UTF-8 and Shift_JIS)"
        }
    }

    /// The source kind whose required columns the header has.
    static func detectKind(_ header: [String]) -> SourceKind? {
        let columns = Set(header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        let signatures: [(SourceKind, [String])] = [
            (.childGPS, ["device_id", "timestamp", "lat", "lon"]),
            (.riverSensors, ["site_id", "name", "lat", "lon", "warning_level_m", "danger_level_m"]),
            (.riverLevels, ["site_id", "timestamp", "level_m"]),
            (.rainfall, ["timestamp", "mm_per_hour"]),
            (.wildlifeCameras, ["camera_id", "name", "lat", "lon"]),
            (.wildlifeDetections, ["camera_id", "timestamp", "species", "confidence"]),
            (.census, ["mesh_code", "year", "population", "households"]),
            (.census, ["key_code"]),
            (.busBoardings, ["timestamp", "route_id", "stop_id", "event", "rider_type"]),
        ]
        return signatures.first { $0.1.allSatisfy(columns.contains) }?.0
    }

    /// Ingests the file alone into a throwaway hub and returns its report; nil for
    /// children's GPS outside a project.
    private static func validate(_ file: URL, kind: SourceKind, located: ProjectLocator.Located?) throws
        -> SourceReport?
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "geohub-inspect-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError("cannot create a temporary folder to check \(file.lastPathComponent): \(error)")
        }
        var project: Project
        let source: SourceFile
        if let located {
            project = located.project
            source = located.file
        } else {
            guard kind != .childGPS else { return nil }
            do {
                project = Project(
                    folder: folder, name: "inspect", bbox: BoundingBox(west: -180, south: -85, east: 180, north: 85),
                    crs: try CRS("EPSG:3857"))
            } catch {
                throw RuntimeError("cannot set up a check of \(file.lastPathComponent): \(error)")
            }
            source = SourceFile(kind: kind, path: file.lastPathComponent, url: file)
        }
        project.folder = folder
        project.sources = ProjectSources(files: [source])
        do {
            let report = try Hub.ingest(project: project, options: IngestOptions(strict: false, force: true))
            return report.sources.first { $0.id == source.id }
        } catch {
            throw RuntimeError("cannot check \(file.lastPathComponent): \(error)")
        }
    }
}

/// Finds the project that names a file among its sources.
enum ProjectLocator {
    struct Located {
        var project: Project
        var file: SourceFile
    }

    /// The nearest `geohub.json` in the file's folder or up to four folders above it
    /// that lists the file (a project's sources may live in `data/` or beside it).
    static func source(for file: URL) -> Located? {
        let target = file.standardizedFileURL.resolvingSymlinksInPath().path
        var folder = file.standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<5 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(Project.fileName).path),
                let project = try? Project.load(from: folder),
                let match = project.sources.files.first(where: {
                    $0.url.standardizedFileURL.resolvingSymlinksInPath().path == target
                })
            {
                return Located(project: project, file: match)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }
}

import Foundation
import GeoCore
import Layers

extension HubLibrary {
    /// `geohub inspect FILE`: what the file is and what is in it, by its name and content.
    ///
    /// | file | report |
    /// |---|---|
    /// | source `.csv` / e-Stat `.txt` | encoding, columns, rows, rejected rows (``CSVInspector``) |
    /// | `hub.sqlite` | provenance of every source (``HubInspector``) |
    /// | `.mbtiles` | metadata, tiles per zoom (``ArchiveInspector``) |
    /// | `.pmtiles` | header, metadata, tiles per zoom (``ArchiveInspector``) |
    /// | `.geojson` | features, geometry types, bbox, properties (``FeatureFileInspector``) |
    /// | `.gpkg` | tables with their counts, types and extents (``FeatureFileInspector``) |
    /// | `geohub.json` | the project: area, CRS, sources present or missing (``HubInspector``) |
    func inspect(_ file: URL) throws -> String {
        let report: InspectReport
        switch Self.kind(of: file) {
        case .csv: report = try CSVInspector.inspect(file)
        case .hub: report = try HubInspector.inspect(hub: file)
        case .project: report = try HubInspector.inspect(project: file)
        case .mbtiles: report = try ArchiveInspector.inspect(mbtiles: file)
        case .pmtiles: report = try ArchiveInspector.inspect(pmtiles: file)
        case .geojson: report = try FeatureFileInspector.inspect(geojson: file)
        case .gpkg: report = try FeatureFileInspector.inspect(gpkg: file)
        case .folder:
            throw RuntimeError(
                "\(file.path) is a folder; give a file (a source CSV, hub.sqlite, .mbtiles, .pmtiles, .geojson or .gpkg)"
            )
        case .unknown:
            throw RuntimeError(
                "cannot tell what \(file.lastPathComponent) is; inspect reads source CSVs (.csv, e-Stat .txt), "
                    + "hub.sqlite, .mbtiles, .pmtiles, .geojson, .gpkg and geohub.json")
        }
        return report.text
    }

    enum FileKind {
        case csv, hub, project, mbtiles, pmtiles, geojson, gpkg, folder, unknown
    }

    /// The kind of `file`, by its extension, then by its first bytes.
    static func kind(of file: URL) -> FileKind {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .folder
        }
        if file.lastPathComponent == Project.fileName { return .project }
        switch file.pathExtension.lowercased() {
        case "csv", "txt", "tsv": return .csv
        case "mbtiles": return .mbtiles
        case "pmtiles": return .pmtiles
        case "geojson": return .geojson
        case "gpkg": return .gpkg
        case "sqlite", "db": return .hub
        case "json": return .geojson
        default: break
        }
        guard let handle = try? FileHandle(forReadingFrom: file) else { return .unknown }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.starts(with: Data("PMTiles".utf8)) { return .pmtiles }
        if head.starts(with: Data("SQLite format 3".utf8)) { return .hub }
        return .unknown
    }
}

/// An inspect report: a title line, then `key: value` lines and indented details.
struct InspectReport {
    private var lines: [String]

    init(_ title: String) { lines = [title] }

    mutating func add(_ key: String, _ value: String) { lines.append("\(key): \(value)") }

    mutating func line(_ text: String) { lines.append(text) }

    mutating func item(_ text: String) { lines.append("  " + text) }

    var text: String { lines.joined(separator: "\n") + "\n" }

    /// `[139.88, 38.03, 140.13, 38.2]` with at most 7 decimals.
    static func bbox(_ box: BoundingBox?) -> String {
        guard let box else { return "none" }
        return "[" + box.array.map { number($0) }.joined(separator: ", ") + "]"
    }

    static func number(_ value: Double, digits: Int = 7) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// `1.2 MB`.
    static func bytes(_ count: Int) -> String {
        ByteCountFormatter.string(fromByteCount: Int64(count), countStyle: .file)
    }

    /// ISO 8601 in UTC.
    static func time(_ date: Date) -> String { date.formatted(.iso8601) }
}

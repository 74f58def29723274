import Foundation
import GeoCore

/// One input file (or GTFS folder) named by the project file.
public struct SourceFile: Sendable, Hashable {
    public var kind: SourceKind
    /// The path as written in `geohub.json`.
    public var path: String
    /// The path resolved against the project folder.
    public var url: URL
    /// The text encoding to read CSV files with (`auto` detects UTF-8 or Shift_JIS).
    public var encoding: TextEncoding
    /// For census files without a year column (e-Stat downloads): the census year.
    public var year: Int?

    public init(kind: SourceKind, path: String, url: URL, encoding: TextEncoding = .automatic, year: Int? = nil) {
        self.kind = kind
        self.path = path
        self.url = url
        self.encoding = encoding
        self.year = year
    }

    /// The key the hub stores this source under: the kind, plus the path for kinds
    /// that allow several files (`census:data/census_mesh.csv`).
    public var id: String { kind.allowsSeveralFiles ? "\(kind.rawValue):\(path)" : kind.rawValue }

    /// The file name shown in messages (`river_levels.csv`).
    public var displayName: String { url.lastPathComponent }

    /// Whether the file or folder exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: url.path) }
}

/// The inputs a project names, resolved against its folder.
public struct ProjectSources: Sendable, Hashable {
    /// Every named file, in the order of ``SourceKind`` (census files in project order).
    public var files: [SourceFile]

    public init(files: [SourceFile] = []) { self.files = files }

    /// The file of a single-file kind, if the project names one.
    public func file(_ kind: SourceKind) -> SourceFile? { files.first { $0.kind == kind } }

    /// Every file of a kind (several for census).
    public func files(_ kind: SourceKind) -> [SourceFile] { files.filter { $0.kind == kind } }
}

extension ProjectSources {
    /// Reads the `sources` object: each kind maps to a path, or to an object with
    /// `path` and optional `encoding` (and `year` for census); census may also be an
    /// array of those.
    init(_ value: JSONValue?, folder: URL) throws(ProjectError) {
        guard let value else {
            self.init()
            return
        }
        let object = try SettingsObject(value, path: "sources")
        var files: [SourceFile] = []
        for kind in SourceKind.allCases {
            guard let entry = object.value(kind.rawValue) else { continue }
            let path = object.path(kind.rawValue)
            if case .array(let items) = entry {
                guard kind.allowsSeveralFiles else {
                    throw ProjectError(path: path, reason: "expected one path or {\"path\": …}, not an array")
                }
                for (index, item) in items.enumerated() {
                    files.append(try Self.file(kind, item, path: "\(path)[\(index)]", folder: folder))
                }
            } else {
                files.append(try Self.file(kind, entry, path: path, folder: folder))
            }
        }
        try object.finish()
        var seen: Set<String> = []
        for file in files where !seen.insert(file.id).inserted {
            throw ProjectError(path: "sources.\(file.kind.rawValue)", reason: "lists \(file.path) twice")
        }
        self.init(files: files)
    }

    private static func file(
        _ kind: SourceKind, _ value: JSONValue, path: String,
        folder: URL
    ) throws(ProjectError) -> SourceFile {
        switch value {
        case .string(let text):
            return try SourceFile(kind: kind, path: validPath(text, at: path), url: resolve(text, in: folder))
        case .object:
            let object = try SettingsObject(value, path: path)
            guard let text = try object.string("path") else {
                throw ProjectError(path: path, reason: "expected a \"path\" member")
            }
            var file = try SourceFile(
                kind: kind, path: validPath(text, at: object.path("path")),
                url: resolve(text, in: folder))
            if let name = try object.string("encoding") {
                guard let encoding = TextEncoding(name: name) else {
                    throw object.error("encoding", "expected \"auto\", \"utf-8\" or \"shift_jis\", got \"\(name)\"")
                }
                file.encoding = encoding
            }
            if kind == .census {
                file.year = try object.optionalInteger(
                    "year", in: 1900...2100, expectation: "a census year such as 2020")
            }
            try object.finish()
            return file
        default:
            let expected = kind == .census ? "a path, {\"path\", \"year\"} or an array of them" : "a path"
            throw ProjectError(path: path, reason: "expected \(expected), got \(value.kindDescription)")
        }
    }

    private static func validPath(_ text: String, at path: String) throws(ProjectError) -> String {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ProjectError(path: path, reason: "expected a non-empty path")
        }
        return text
    }

    /// Relative paths are relative to the project folder; absolute paths stay as they are.
    private static func resolve(_ text: String, in folder: URL) -> URL {
        text.hasPrefix("/")
            ? URL(fileURLWithPath: text).standardizedFileURL
            : folder.appendingPathComponent(text).standardizedFileURL
    }
}

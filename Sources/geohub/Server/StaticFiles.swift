import Foundation

/// Serves the files of one folder (Leaflet from `/usr/share/javascript/leaflet`)
/// under a URL prefix, refusing anything that could leave the folder.
///
/// A path is refused (400) when a segment is empty, `.` or `..`, or holds a
/// backslash or NUL — after libmicrohttpd's percent-decoding, so `%2e%2e%2f` is
/// caught too; a path that resolves (through symlinks) outside the folder is 404.
/// Only a few file types are served; files are read once and kept.
final class StaticFiles: Sendable {
    enum Lookup: Equatable, Sendable {
        case file(body: Data, contentType: String, etag: String)
        case notFound
        case forbiddenPath
    }

    static let contentTypes = [
        "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "png": "image/png",
        "map": "application/json; charset=utf-8", "svg": "image/svg+xml",
    ]

    /// Files above this size are not served (Leaflet's largest is under 1 MB).
    static let maximumFileBytes = 4 << 20

    let root: URL
    private let resolvedRoot: String
    private let files = Locked<[String: Lookup]>([:])

    init(root: URL) {
        self.root = root
        resolvedRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The file at `relativePath` (the part of the URL path after the prefix).
    func lookup(_ relativePath: String) -> Lookup {
        let segments = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty,
            segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") && !$0.contains("\0") })
        else { return .forbiddenPath }
        if let known = files.withLock({ $0[relativePath] }) { return known }
        let found = read(segments.map(String.init))
        // Only files are remembered: caching misses would let anyone grow the table.
        if case .file = found { files.withLock { $0[relativePath] = found } }
        return found
    }

    private func read(_ segments: [String]) -> Lookup {
        guard let type = segments.last.flatMap({ Self.contentTypes[URL(fileURLWithPath: $0).pathExtension] }) else {
            return .notFound
        }
        let url = segments.reduce(root) { $0.appendingPathComponent($1) }
        let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard resolved.hasPrefix(resolvedRoot + "/"),
            let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = attributes[.size] as? NSNumber, size.intValue <= Self.maximumFileBytes,
            let body = FileManager.default.contents(atPath: resolved)
        else { return .notFound }
        return .file(body: body, contentType: type, etag: EntityTag.strong(for: body))
    }
}

import Foundation

/// The structured access log: one JSON object per request and line, e.g.
/// `{"bytes":1234,"duration_ms":0.82,"method":"GET","path":"/tiles/basemap/12/3637/1594.png","status":200,"time":"…"}`.
///
/// The query string is never logged: it can carry route end points (a child's home)
/// or secrets. Lines are written whole with one `write(2)` under a lock.
final class AccessLog: Sendable {
    enum Destination: Sendable, Equatable {
        case standardError
        case file(URL)
        case none
    }

    private let descriptor: Int32?
    private let ownsDescriptor: Bool
    private let lock = Locked(())

    init(_ destination: Destination) throws {
        switch destination {
        case .standardError:
            descriptor = STDERR_FILENO
            ownsDescriptor = false
        case .none:
            descriptor = nil
            ownsDescriptor = false
        case .file(let url):
            // open: -1 with errno on failure.
            let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
            guard fd >= 0 else {
                throw ServerError("cannot open access log \(url.path): \(String(cString: strerror(errno)))")
            }
            descriptor = fd
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor, let descriptor { close(descriptor) }
    }

    /// One finished request.
    struct Entry: Sendable {
        var time: Date
        var method: String
        var path: String
        var status: Int
        var bytes: Int
        var durationMilliseconds: Double
        /// Why a 5xx happened (never client data).
        var note: String?
    }

    func record(_ entry: Entry) {
        guard let descriptor else { return }
        var members: [String: JSONValueLite] = [
            "time": .string(entry.time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "method": .string(String(entry.method.prefix(16))), "path": .string(String(entry.path.prefix(512))),
            "status": .number(String(entry.status)), "bytes": .number(String(entry.bytes)),
            "duration_ms": .number(String(format: "%.3f", entry.durationMilliseconds)),
        ]
        if let note = entry.note { members["error"] = .string(String(note.prefix(512))) }
        var line = "{"
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { line += "," }
            JSONText.quote(key, to: &line)
            line += ":"
            switch members[key] {
            case .string(let s): JSONText.quote(s, to: &line)
            case .number(let n): line += n
            case nil: line += "null"
            }
        }
        line += "}\n"
        lock.withLock { _ in StandardStreams.write(line, to: descriptor) }
    }

    private enum JSONValueLite {
        case string(String)
        case number(String)
    }
}

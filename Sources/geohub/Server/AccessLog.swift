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
        let line = Self.line(for: entry)
        lock.withLock { _ in Self.write(line, to: descriptor) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR (`write(2)`: the count
    /// written, or -1 with errno). A failing log never fails a request.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

import Dispatch
import Foundation

/// Watches a service's source files and asks it to refresh when one changes (new
/// river readings every 10 minutes during a flood), without a restart.
///
/// It polls size and modification time every `interval` seconds; a change counts once
/// the file has stayed the same for one more poll, so a file still being written is
/// not read half-way. Refreshes run one at a time on the watcher's own queue; the
/// service swaps rebuilt layers in atomically and the server sees new revisions.
final class SourceWatcher: Sendable {
    private struct Signature: Equatable, Sendable {
        var size: Int
        var modified: Date
    }

    private struct State: Sendable {
        var refreshed: [URL: Signature?] = [:]
        var lastSeen: [URL: Signature?] = [:]
        var stopped = false
    }

    private let service: any MapService
    private let interval: Double
    private let report: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "geohub.source-watcher")
    private let state = Locked(State())

    init(service: any MapService, interval: Double, report: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.interval = interval
        self.report = report
    }

    /// Records the files as they are now and starts polling.
    func start() {
        let files = service.watchedFiles
        guard interval > 0, !files.isEmpty else { return }
        state.withLock { state in
            for file in files {
                let signature = Self.signature(of: file)
                state.refreshed[file] = signature
                state.lastSeen[file] = signature
            }
        }
        schedule()
    }

    /// Stops polling; a refresh already running finishes.
    func stop() {
        state.withLock { $0.stopped = true }
        queue.sync {}
    }

    private func schedule() {
        queue.asyncAfter(deadline: .now() + interval) { [self] in
            guard !state.withLock({ $0.stopped }) else { return }
            poll()
            schedule()
        }
    }

    /// One poll: files changed since the last refresh and stable since the last poll.
    func poll() {
        let changed: [URL] = state.withLock { state in
            var changed: [URL] = []
            for file in state.refreshed.keys.sorted(by: { $0.path < $1.path }) {
                let now = Self.signature(of: file)
                let seen = state.lastSeen[file] ?? nil
                state.lastSeen[file] = now
                if now == seen, now != (state.refreshed[file] ?? nil) { changed.append(file) }
            }
            return changed
        }
        guard !changed.isEmpty else { return }
        do {
            let lines = try service.refresh(changed: changed)
            state.withLock { state in
                for file in changed { state.refreshed[file] = state.lastSeen[file] ?? nil }
            }
            for line in lines { report(line) }
            report("geohub: refreshed after changes to \(changed.map(\.lastPathComponent).joined(separator: ", "))")
        } catch {
            report(
                "geohub: refresh after changes to \(changed.map(\.lastPathComponent).joined(separator: ", ")) "
                    + "failed, still serving the previous layers: \(error)")
            // Marked refreshed anyway so a broken file is not retried every poll; the next change retries.
            state.withLock { state in
                for file in changed { state.refreshed[file] = state.lastSeen[file] ?? nil }
            }
        }
    }

    private static func signature(of file: URL) -> Signature? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return Signature(size: size.intValue, modified: modified)
    }
}

import Foundation

/// Shows how far long work has got: a redrawn progress bar when standard error is a
/// terminal, one summary line when it is not (logs, pipes, cron), nothing but
/// warnings under `--quiet`.
///
/// Library code reports through ``handler`` from any thread; the reporter throttles
/// redraws to ten a second. Its state is guarded by `lock` (hence `@unchecked Sendable`).
final class ProgressReporter: @unchecked Sendable {
    enum Mode: Sendable, Equatable {
        /// Redraw a bar on a terminal.
        case bar
        /// Print one summary line at the end.
        case summary
        /// Print nothing but warnings.
        case quiet
    }

    let mode: Mode
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var phase = ""
    private var completed = 0
    private var total = 0
    private var lastDraw = DispatchTime(uptimeNanoseconds: 0)
    private var barVisible = false

    /// A reporter writing through `write` (standard error unless a test says otherwise).
    init(mode: Mode, write: @escaping @Sendable (String) -> Void = StandardStreams.err) {
        self.mode = mode
        self.write = write
    }

    /// The reporter for this process: a bar on a terminal, a summary otherwise.
    static func standardError(quiet: Bool) -> ProgressReporter {
        ProgressReporter(mode: quiet ? .quiet : StandardStreams.standardErrorIsTerminal ? .bar : .summary)
    }

    /// The closure handed to library calls: `(completed, total, phase)`.
    var handler: ProgressHandler {
        { [self] completed, total, phase in update(completed: completed, total: total, phase: phase) }
    }

    /// Records progress and redraws the bar when due.
    func update(completed: Int, total: Int, phase: String) {
        lock.withLock {
            let phaseChanged = phase != self.phase
            self.phase = phase
            self.completed = completed
            self.total = total
            guard mode == .bar else { return }
            let now = DispatchTime.now()
            guard
                phaseChanged || completed >= total
                    || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000
            else { return }
            lastDraw = now
            write("\r\u{1B}[2K" + Self.bar(completed: completed, total: total, phase: phase))
            barVisible = true
        }
    }

    /// Ends the work: clears the bar and prints `summary` (unless quiet).
    func finish(_ summary: String) {
        lock.withLock {
            if barVisible { write("\r\u{1B}[2K") }
            barVisible = false
            if mode != .quiet { write(summary + "\n") }
        }
    }

    /// A line that must be seen even under `--quiet` (a rejected row, a warning).
    func warn(_ line: String) {
        lock.withLock {
            if barVisible { write("\r\u{1B}[2K") }
            barVisible = false
            write(line + "\n")
        }
    }

    /// `phase [#########-----------]  45% 450/1000`.
    static func bar(completed: Int, total: Int, phase: String, width: Int = 30) -> String {
        guard total > 0 else { return "\(phase) \(completed)" }
        let fraction = min(1, max(0, Double(completed) / Double(total)))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(Int((fraction * 100).rounded(.down)))
        return "\(phase) [\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)% \(completed)/\(total)"
    }
}

/// How library calls report progress: items done, items in all, and what is being done.
typealias ProgressHandler = @Sendable (_ completed: Int, _ total: Int, _ phase: String) -> Void

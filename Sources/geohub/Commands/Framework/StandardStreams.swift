import Foundation

/// Writing to the process's standard streams without buffering surprises: every
/// call writes whole lines with `write(2)`, so lines from several threads never
/// interleave mid-line and a test reading the pipe sees them at once.
enum StandardStreams {
    /// Writes `text` to standard output.
    static func out(_ text: String) { write(text, to: STDOUT_FILENO) }

    /// Writes `text` to standard error.
    static func err(_ text: String) { write(text, to: STDERR_FILENO) }

    /// Whether standard error is a terminal (`isatty(2)`: 1 for a terminal, 0 otherwise).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes all of `text` to `descriptor`, retrying short writes and EINTR.
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

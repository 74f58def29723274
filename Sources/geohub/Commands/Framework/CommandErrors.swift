/// The process exit codes of DESIGN.md "CLI".
enum ExitCode: Int32, Sendable {
    /// The command did what was asked.
    case success = 0
    /// Something failed at run time (a file could not be read, a library call threw).
    case failure = 1
    /// The command line was wrong; nothing was done.
    case usage = 2
    /// Input rows were rejected and `--strict` asked for that to be fatal.
    case inputRejected = 3
}

/// A wrong command line: an unknown option, a value that does not parse, a missing
/// argument. Exits with 2; the message says what was expected and what was given.
struct UsageError: Error, Sendable, CustomStringConvertible, Equatable {
    var message: String
    /// The command whose `--help` the user should read (`"export"`), or nil for the root.
    var command: String?

    init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    /// `--zoom: expected Z or Z1-Z2 with 0 ≤ Z ≤ 22, got '18-12'`.
    static func invalidValue(_ option: String, expected: String, got text: String) -> UsageError {
        UsageError("\(option): expected \(expected), got '\(text)'")
    }

    var description: String { message }
}

/// A failure at run time that the user can act on (exit 1). The message names the
/// file or resource and what to do; it never carries children's device ids or pings.
struct RuntimeError: Error, Sendable, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}

/// Input rows were rejected while `--strict` was given (exit 3). The rejections were
/// already printed as `file:line: reason`; this carries the count for the last line.
struct InputRejectedError: Error, Sendable, CustomStringConvertible {
    var rejectedCount: Int

    var description: String {
        "\(rejectedCount) input row\(rejectedCount == 1 ? " was" : "s were") rejected and --strict is set"
    }
}

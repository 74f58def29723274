/// An error reported by PROJ, carrying PROJ's own explanation.
///
/// PROJ's errno string is often only "Unknown error (code 4096)"; the useful text
/// ("crs not found", "Invalid value for an argument", …) goes to PROJ's log. Every
/// context geohub creates installs a `proj_log_func` that captures that text, so
/// `message` holds what PROJ said, and PROJ never writes to stderr.
///
/// Messages never contain coordinates: a failing batch reports only how many
/// points failed and the index of the first, because some batches are children's
/// GPS pings.
public struct PROJError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What geohub was doing, usually the PROJ function that failed (`"proj_create"`).
    public var operation: String
    /// PROJ's own text for the failure (from its log, else from its errno string).
    public var message: String
    /// PROJ's error number (`proj_errno`/`proj_context_errno`), 0 when PROJ set none.
    public var code: Int

    public init(operation: String, message: String, code: Int = 0) {
        self.operation = operation
        self.message = message
        self.code = code
    }

    /// `PROJ <operation>: <message>`, without repeating the operation when PROJ's
    /// text already starts with it (`proj_create: crs not found`).
    public var description: String {
        message.hasPrefix(operation + ":") ? "PROJ \(message)" : "PROJ \(operation): \(message)"
    }
}

/// An error reported by SQLite, with its own message (`sqlite3_errmsg`) and result code.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's extended result code (for example 19 for a constraint violation).
    public let code: Int32
    /// SQLite's message, for example "no such table: tiles".
    public let message: String
    /// The SQL or the operation that failed, when known.
    public let context: String?

    public init(code: Int32, message: String, context: String? = nil) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String {
        if let context { return "SQLite error \(code): \(message) (in \(context))" }
        return "SQLite error \(code): \(message)"
    }
}

import Foundation
internal import CSQLite

/// One SQLite connection (`sqlite3*`), used by one thread or task at a time.
///
/// SQLite is built serialized on Debian, but geohub still gives each thread its own
/// connection: statements and transactions are per connection. Errors become
/// ``SQLiteError`` with SQLite's own message.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    /// The file this connection opened (":memory:" for an in-memory database).
    public let path: String

    /// How to open a database file.
    public enum Mode: Sendable {
        case readOnly
        case readWrite
        /// Read-write, creating the file when it does not exist.
        case create
    }

    /// Opens (or creates) the database at `path`.
    ///
    /// The corresponding C function is `sqlite3_open_v2` (SQLITE_OK on success; on
    /// failure it may still hand back a handle that must be closed).
    public init(path: String, mode: Mode = .create) throws(SQLiteError) {
        var flags: Int32 = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, context: path)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
    }

    deinit {
        // sqlite3_close_v2 defers the close until unfinalized statements are gone.
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that return no rows we need.
    ///
    /// The corresponding C function is `sqlite3_exec` (SQLITE_OK on success).
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text, context: String(sql.prefix(200)))
        }
    }

    /// Prepares `sql` for repeated execution.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// Runs `sql` once with `arguments` bound in order.
    public func run(_ sql: String, _ arguments: any SQLiteBindable...) throws(SQLiteError) {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        try statement.runToCompletion()
    }

    /// Runs a query and returns every row as an array of values.
    public func rows(_ sql: String, _ arguments: any SQLiteBindable...) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var result: [[SQLiteValue]] = []
        while try statement.step() { result.append(statement.row()) }
        return result
    }

    /// The first column of the first row, or nil when the query returns no row.
    public func scalar(_ sql: String, _ arguments: any SQLiteBindable...) throws(SQLiteError) -> SQLiteValue? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        return try statement.step() ? statement.value(at: 0) : nil
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last inserted row (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement (`sqlite3_changes`).
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a table (or view) of that name exists.
    public func tableExists(_ name: String) throws(SQLiteError) -> Bool {
        try scalar("SELECT count(*) FROM sqlite_master WHERE name = ?", name)?.int ?? 0 > 0
    }

    /// The SQLite library version, for example "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    func lastError(_ rc: Int32, _ context: String?) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), context: context)
    }
}

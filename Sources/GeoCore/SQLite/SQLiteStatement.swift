import Foundation
internal import CSQLite

/// A prepared statement (`sqlite3_stmt*`), finalized exactly once in `deinit`.
public final class SQLiteStatement {
    let handle: OpaquePointer
    /// Keeps the connection alive while the statement exists.
    public let database: SQLiteDatabase
    let sql: String

    /// The corresponding C function is `sqlite3_prepare_v2` (SQLITE_OK on success; a
    /// NULL statement with SQLITE_OK means the SQL was empty).
    init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw database.lastError(rc == SQLITE_OK ? SQLITE_MISUSE : rc, String(sql.prefix(200)))
        }
        handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to parameters 1…n, after resetting the statement.
    public func bind(_ values: [any SQLiteBindable]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(value.sqliteValue, at: Int32(offset + 1))
        }
    }

    /// Binds one value to parameter `index` (1-based).
    ///
    /// The corresponding C functions are `sqlite3_bind_*` (SQLITE_OK on success).
    /// Text and blobs are copied (SQLITE_TRANSIENT), so the Swift value may go away.
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
        case .real(let d): rc = sqlite3_bind_double(handle, index, d)
        case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, transient)
        case .blob(let data):
            rc = data.withUnsafeBytes { raw in
                sqlite3_bind_blob64(
                    handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(raw.count), transient)
            }
        }
        guard rc == SQLITE_OK else { throw database.lastError(rc, sql) }
    }

    /// Advances to the next row: true while a row is available, false when done.
    ///
    /// The corresponding C function is `sqlite3_step` (SQLITE_ROW, SQLITE_DONE, else an error).
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.lastError(rc, sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps until the statement is done (for INSERT/UPDATE/DELETE), then resets it.
    public func runToCompletion() throws(SQLiteError) {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds `values`, runs the statement to completion and resets it: the usual way
    /// to insert many rows with one prepared statement.
    public func execute(_ values: any SQLiteBindable...) throws(SQLiteError) {
        try bind(values)
        try runToCompletion()
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// The value of column `index` (0-based) of the current row.
    public func value(at index: Int) -> SQLiteValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, i) else { return .text("") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard count > 0, let bytes = sqlite3_column_blob(handle, i) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default: return .null
        }
    }

    public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }
    public func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }
    public func string(at index: Int) -> String? { value(at: index).string }

    /// Every column of the current row.
    public func row() -> [SQLiteValue] { (0..<columnCount).map { value(at: $0) } }
}

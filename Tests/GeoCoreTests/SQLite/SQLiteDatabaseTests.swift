import Foundation
import GeoCore
import TestSupport
import XCTest

final class SQLiteDatabaseTests: XCTestCase {
    func testRoundTripsEveryValueKind() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.execute(42, 2.5, "長井市 0101", Data([0, 1, 255]), SQLiteValue.null)
        try insert.execute(-7, -0.125, "", Data(), SQLiteValue.null)
        let rows = try db.rows("SELECT i, r, s, b, n FROM t ORDER BY i")
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1], [.integer(42), .real(2.5), .text("長井市 0101"), .blob(Data([0, 1, 255])), .null])
        XCTAssertEqual(rows[0][0].int, -7)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t WHERE s = ?", "長井市 0101")?.int, 1)
    }

    func testErrorsCarrySQLitesMessage() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        XCTAssertThrowsError(try db.execute("SELECT * FROM missing")) { error in
            XCTAssertTrue("\(error)".contains("no such table: missing"), "\(error)")
        }
        XCTAssertThrowsError(try SQLiteDatabase(path: "/nonexistent/dir/x.sqlite")) { error in
            XCTAssertTrue("\(error)".contains("unable to open"), "\(error)")
        }
    }

    func testTransactionRollsBackWhenBodyThrows() throws {
        struct Boom: Error {}
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER)")
        XCTAssertThrowsError(try db.transaction {
            try db.run("INSERT INTO t VALUES (?)", 1)
            throw Boom()
        })
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t")?.int, 0)
        try db.transaction { try db.run("INSERT INTO t VALUES (?)", 2) }
        XCTAssertEqual(try db.scalar("SELECT sum(i) FROM t")?.int, 2)
    }

    func testFileDatabaseIsReadableBySQLite3Tool() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.sqlite").path
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('Nagai')")
        }
        let out = try Shell.run("/usr/bin/sqlite3", [path, "SELECT name FROM t"])
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "Nagai\n")
        let ro = try SQLiteDatabase(path: path, mode: .readOnly)
        XCTAssertThrowsError(try ro.execute("INSERT INTO t VALUES ('x')"))
    }
}

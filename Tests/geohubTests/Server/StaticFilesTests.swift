import Foundation
import TestSupport
import XCTest
@testable import geohub

final class StaticFilesTests: XCTestCase {
    func testServesOnlyRegularFilesInsideTheFolder() throws {
        let root = try makeTemporaryDirectory("geohub-static")
        let outside = try makeTemporaryDirectory("geohub-outside")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data("js".utf8).write(to: root.appendingPathComponent("a.js"))
        try Data("png".utf8).write(to: root.appendingPathComponent("images/b.png"))
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.js"))
        try Data("exe".utf8).write(to: root.appendingPathComponent("c.sh"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("link.js"),
            withDestinationURL: outside.appendingPathComponent("secret.js"))
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("dir.js"), withIntermediateDirectories: true)
        let files = StaticFiles(root: root)
        XCTAssertEqual(
            files.lookup("a.js"),
            .file(
                body: Data("js".utf8), contentType: "text/javascript; charset=utf-8",
                etag: EntityTag.strong(for: Data("js".utf8))))
        if case .file(let body, let type, _) = files.lookup("images/b.png") {
            XCTAssertEqual(body, Data("png".utf8))
            XCTAssertEqual(type, "image/png")
        } else {
            XCTFail("images/b.png")
        }
        XCTAssertEqual(files.lookup("link.js"), .notFound, "a symlink out of the folder is not followed")
        XCTAssertEqual(files.lookup("c.sh"), .notFound, "unknown types are not served")
        XCTAssertEqual(files.lookup("dir.js"), .notFound, "folders are not files")
        XCTAssertEqual(files.lookup("missing.js"), .notFound)
        for bad in [
            "../secret.js", "images/../a.js", "./a.js", "images//b.png", "", "/a.js", "a.js/", "..\\a.js", "a\0.js",
        ] {
            XCTAssertEqual(files.lookup(bad), .forbiddenPath, bad.debugDescription)
        }
    }
}

import GeoCore
import XCTest

/// Asserts two doubles agree within an absolute tolerance.
public func assertClose(_ a: Double, _ b: Double, tolerance: Double, _ message: @autoclosure () -> String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssert(abs(a - b) <= tolerance || (a.isNaN && b.isNaN),
              "\(a) vs \(b) differ by \(abs(a - b)) > \(tolerance) \(message())", file: file, line: line)
}

/// Asserts two doubles agree within a relative tolerance (of the larger magnitude).
public func assertRelativelyClose(_ a: Double, _ b: Double, relative: Double, _ message: @autoclosure () -> String = "",
                                  file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(abs(a), abs(b), 1e-300)
    XCTAssert(abs(a - b) / scale <= relative,
              "\(a) vs \(b) relative difference \(abs(a - b) / scale) > \(relative) \(message())", file: file, line: line)
}

/// Asserts two coordinates agree within `tolerance` on each axis.
public func assertClose(_ a: Coordinate, _ b: Coordinate, tolerance: Double, _ message: @autoclosure () -> String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    assertClose(a.x, b.x, tolerance: tolerance, "x \(message())", file: file, line: line)
    assertClose(a.y, b.y, tolerance: tolerance, "y \(message())", file: file, line: line)
}

/// A fresh temporary folder removed at process exit is not guaranteed; tests remove it themselves.
public func makeTemporaryDirectory(_ prefix: String = "geohub-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// `../shared/data/nagai`, the real open data tests may read (not copied into the repo).
public var sharedNagaiData: URL {
    ReferencePython.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/nagai")
}

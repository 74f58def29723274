import XCTest

final class GeoCoreTestsSmoke: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}

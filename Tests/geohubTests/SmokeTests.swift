import XCTest

final class geohubTestsSmoke: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}

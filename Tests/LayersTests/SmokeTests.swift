import XCTest

final class LayersTestsSmoke: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}

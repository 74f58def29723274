import XCTest

final class TileRendererTestsSmoke: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}

import Foundation
import GeoCore
import XCTest
@testable import geohub

final class JSONTextTests: XCTestCase {
    /// What JSONText writes, Foundation's JSON parser reads back to the same values.
    func testRoundTripThroughFoundationsParser() throws {
        let value: JSONValue = [
            "name": "長井 \"quoted\" \\ back\nline\t\u{1}\u{7F}\u{2028}", "count": 12, "ratio": 0.125, "whole": 3.0,
            "flag": true, "nothing": nil, "list": [1, "two", [3.5]], "nested": ["a": ["b": false]],
        ]
        let text = JSONText.string(value)
        XCTAssertTrue(text.contains(#""count":12"#) && text.contains(#""whole":3"#))
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["name"] as? String, "長井 \"quoted\" \\ back\nline\t\u{1}\u{7F}\u{2028}")
        XCTAssertEqual(parsed["count"] as? Int, 12)
        XCTAssertEqual(parsed["ratio"] as? Double, 0.125)
        XCTAssertEqual(parsed["flag"] as? Bool, true)
        XCTAssertTrue(parsed["nothing"] is NSNull)
        XCTAssertEqual((parsed["list"] as? [Any])?.count, 3)
        XCTAssertEqual(((parsed["nested"] as? [String: Any])?["a"] as? [String: Bool])?["b"], false)
        XCTAssertEqual(JSONText.string(.double(.nan)), "null")
        XCTAssertEqual(JSONText.string(["b": 1, "a": 2]), #"{"a":2,"b":1}"#, "keys sorted")
    }
}

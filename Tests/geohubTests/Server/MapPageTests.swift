import Foundation
import TestSupport
import XCTest
@testable import geohub

final class MapPageTests: XCTestCase {
    func testTitleIsEscaped() {
        let page = MapPage.html(title: "<script>alert('x')</script> & co")
        XCTAssertTrue(page.contains("<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co · geohub</title>"))
        XCTAssertFalse(page.contains("<script>alert"))
    }

    func testPageUsesOnlyLocalResourcesAndEveryEndpoint() {
        let page = MapPage.html(title: "Nagai")
        XCTAssertFalse(
            page.contains("http://") || page.contains("https://") || page.contains("//unpkg")
                || page.contains("//cdn"), "no outside resources")
        for needle in [
            "/leaflet/leaflet.js", "/leaflet/leaflet.css", "/layers.json", "'/tiles/'", "'/layers/'",
            "'/route?'", "?scenario=rain=", "@2x.png", "Authorization", "length_m", "risk", "legend",
        ] {
            XCTAssertTrue(page.contains(needle), needle)
        }
        for id in ["map", "layer-list", "rain", "pick-from", "pick-to", "route-result", "token", "feature-props"] {
            XCTAssertTrue(page.contains("id=\"\(id)\""), id)
            XCTAssertEqual(page.components(separatedBy: "id=\"\(id)\"").count, 2, "\(id) is unique")
        }
    }

    /// The script parses as JavaScript (Node's `--check`, a parser nobody here wrote).
    func testScriptIsValidJavaScript() throws {
        guard
            let node = ["/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node"]
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw XCTSkip("Node.js is not installed (apt-get install nodejs) to check the page's script") }
        let folder = try makeTemporaryDirectory("geohub-page")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.js")
        try Data(MapPage.script.utf8).write(to: file)
        let result = try Shell.capture(node, ["--check", file.path])
        XCTAssertEqual(result.status, 0, result.stderrText)
    }
}

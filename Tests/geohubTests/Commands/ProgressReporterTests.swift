import XCTest
@testable import geohub

final class ProgressReporterTests: XCTestCase {
    private func capture(_ mode: ProgressReporter.Mode, _ body: (ProgressReporter) -> Void) -> String {
        let output = Locked("")
        let reporter = ProgressReporter(mode: mode) { text in output.withLock { $0 += text } }
        body(reporter)
        return output.withLock { $0 }
    }

    func testBarDrawing() {
        XCTAssertEqual(
            ProgressReporter.bar(completed: 0, total: 10, phase: "tiles", width: 10),
            "tiles [----------]   0% 0/10")
        XCTAssertEqual(
            ProgressReporter.bar(completed: 45, total: 100, phase: "tiles", width: 10),
            "tiles [####------]  45% 45/100")
        XCTAssertEqual(
            ProgressReporter.bar(completed: 10, total: 10, phase: "tiles", width: 10),
            "tiles [##########] 100% 10/10")
        XCTAssertEqual(ProgressReporter.bar(completed: 3, total: 0, phase: "rows"), "rows 3")
    }

    func testNotATerminalPrintsOneSummaryLine() {
        let text = capture(.summary) { reporter in
            for i in 0...1000 { reporter.update(completed: i, total: 1000, phase: "tiles") }
            reporter.finish("exported 1000 tiles")
        }
        XCTAssertEqual(text, "exported 1000 tiles\n")
    }

    func testTerminalRedrawsAndClearsTheBar() {
        let text = capture(.bar) { reporter in
            reporter.update(completed: 0, total: 4, phase: "tiles")
            reporter.update(completed: 1, total: 4, phase: "tiles")  // throttled: within 100 ms of the last draw
            reporter.update(completed: 4, total: 4, phase: "tiles")  // the last step always draws
            reporter.finish("done")
        }
        XCTAssertEqual(
            text,
            "\r\u{1B}[2Ktiles [------------------------------]   0% 0/4"
                + "\r\u{1B}[2Ktiles [##############################] 100% 4/4\r\u{1B}[2Kdone\n")
    }

    func testQuietKeepsOnlyWarnings() {
        let text = capture(.quiet) { reporter in
            reporter.update(completed: 1, total: 2, phase: "rows")
            reporter.warn("data/river_levels.csv:12: level_m is not a number")
            reporter.finish("built 6 layers")
        }
        XCTAssertEqual(text, "data/river_levels.csv:12: level_m is not a number\n")
    }
}

import Foundation
import TestSupport
import XCTest

@testable import TileRenderer

/// Exact per-pixel coverage of a polygon computed by shapely (GEOS): for every pixel
/// square, the area of its intersection with the polygon. An independent reference for
/// the rasterizer: nothing of ours takes part in computing it.
enum ShapelyCoverage {
    /// `geometryPython` is a Python expression building a shapely geometry `g` in pixel
    /// coordinates (shapely is imported as `shapely`, its geometries by name).
    static func coverage(of geometryPython: String, width: Int, height: Int) throws -> [Double] {
        let script = """
            import json, sys
            import shapely
            from shapely.geometry import Polygon, LineString, Point, MultiPolygon, box
            g = \(geometryPython)
            w, h = \(width), \(height)
            out = [0.0] * (w * h)
            minx, miny, maxx, maxy = g.bounds
            for y in range(max(0, int(miny) - 1), min(h, int(maxy) + 2)):
                for x in range(max(0, int(minx) - 1), min(w, int(maxx) + 2)):
                    out[y * w + x] = g.intersection(box(x, y, x + 1, y + 1)).area
            json.dump(out, sys.stdout)
            """
        let json = try ReferencePython.json(script, packages: ["shapely"])
        guard let values = json as? [Double] else { throw TestFailure("shapely returned no array") }
        return values
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Compares two coverage rasters: every pixel within `maximum`, the mean absolute
/// difference within `mean`.
func assertCoverage(
    _ actual: [Double], _ expected: [Double], maximum: Double, mean: Double, width: Int,
    _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, file: file, line: line)
    var worst = 0.0
    var worstIndex = 0
    var total = 0.0
    for i in 0..<min(actual.count, expected.count) {
        let d = abs(actual[i] - expected[i])
        total += d
        if d > worst {
            worst = d
            worstIndex = i
        }
    }
    let average = total / Double(max(actual.count, 1))
    XCTAssertLessThanOrEqual(
        worst, maximum,
        "\(message): pixel (\(worstIndex % width), \(worstIndex / width)) is \(actual[worstIndex]) vs \(expected[worstIndex])",
        file: file, line: line)
    XCTAssertLessThanOrEqual(average, mean, "\(message): mean difference", file: file, line: line)
}

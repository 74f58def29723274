import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The child-traffic density against scipy's Gaussian filter and a direct numpy sum
/// of the continuous kernel, on hand-made aggregation cells.
final class ChildTrafficDensityTests: XCTestCase {
    /// A 2 × 1.7 km area in central Nagai.
    static let bbox = BoundingBox(west: 140.03, south: 38.10, east: 140.052, north: 38.115)

    static func builder(k: Int = 5, bandwidth: Double = 150, cellSize: Double = 50) throws -> ChildTrafficBuilder {
        try ChildTrafficBuilder(
            settings: ChildTrafficSettings(minDistinctDevices: k, cellSize: cellSize, bandwidth: bandwidth),
            bbox: bbox, crs: CRS("EPSG:6678"))
    }

    /// Hand-made cells on the 50 m lattice: a busy street, a school gate, a quiet lane
    /// and some cells under the k threshold (4 devices and fewer).
    static func cells(in frame: MetricGrid) -> [TrafficCell] {
        let c0 = Int((frame.originX / 50).rounded(.down))
        let r0 = Int((frame.originY / 50).rounded(.down))
        func at(_ i: Int, _ j: Int, _ pings: Int, _ devices: Int) -> TrafficCell {
            TrafficCell(column: c0 + i, row: r0 + j, pings: pings, devices: devices)
        }
        var cells: [TrafficCell] = []
        for i in 5...25 { cells.append(at(i, 12, 40 + i, 6 + i % 3)) }  // a street
        cells.append(at(14, 20, 900, 60))  // school gate
        cells.append(at(3, 30, 12, 5))  // exactly k
        cells.append(at(30, 5, 500, 4))  // under k
        cells.append(at(33, 25, 7, 1))  // one device
        cells.append(at(0, 0, 30, 9))  // grid corner
        return cells
    }

    private struct Reference: Decodable {
        let filtered: [Double]
        let direct: [Double]
    }

    private struct Input: Encodable {
        let columns, rows: Int
        let originX, originY, cellSize, bandwidth: Double
        let k: Int
        let cells: [[Double]]  // x, y, pings, devices
    }

    func testDensityMatchesScipyGaussianFilterAndDirectKernelSum() throws {
        let builder = try Self.builder()
        let frame = builder.frame
        XCTAssertEqual(frame.cellSize, 50.0 / 3, accuracy: 1e-12, "50 m aggregation cells refine by 3 to 16.7 m")
        let cells = Self.cells(in: frame)
        let density = builder.density(cells)
        XCTAssertEqual(density.publishedCells, cells.count - 2, "the 4-device and 1-device cells are suppressed")

        let input = Input(
            columns: frame.columns, rows: frame.rows, originX: frame.originX, originY: frame.originY,
            cellSize: frame.cellSize, bandwidth: 150, k: 5,
            cells: cells.map {
                [$0.center(cellSize: 50).x, $0.center(cellSize: 50).y, Double($0.pings), Double($0.devices)]
            })
        let reference = try ReferencePython.decode(
            Reference.self,
            """
            import json, sys
            import numpy as np
            from scipy.ndimage import gaussian_filter
            d = json.load(sys.stdin)
            cols, rows, s = d["columns"], d["rows"], d["cellSize"]
            kept = [c for c in d["cells"] if c[3] >= d["k"]]
            mass = np.zeros((rows, cols))
            for x, y, p, _ in kept:
                mass[int((y - d["originY"]) // s), int((x - d["originX"]) // s)] += p
            sigma = d["bandwidth"] / s
            filtered = gaussian_filter(mass, sigma, truncate=4.0, mode="constant") * 1e4 / (s * s)
            # The continuous kernel, summed directly at every cell centre (pings per hectare).
            cx = d["originX"] + (np.arange(cols) + 0.5) * s
            cy = d["originY"] + (np.arange(rows) + 0.5) * s
            X, Y = np.meshgrid(cx, cy)
            h = d["bandwidth"]
            direct = np.zeros_like(X)
            for x, y, p, _ in kept:
                direct += p * np.exp(-((X - x) ** 2 + (Y - y) ** 2) / (2 * h * h)) / (2 * np.pi * h * h) * 1e4
            print(json.dumps({"filtered": filtered.ravel().tolist(), "direct": direct.ravel().tolist()}))
            """, packages: ["numpy", "scipy"], sending: input)

        let values = density.grid.values
        XCTAssertEqual(values.count, reference.filtered.count)
        let peak = reference.filtered.max() ?? 0
        XCTAssertGreaterThan(peak, 1)
        var worstFiltered = 0.0
        var worstDirect = 0.0
        for i in values.indices {
            worstFiltered = max(worstFiltered, abs(Double(values[i]) - reference.filtered[i]))
            worstDirect = max(worstDirect, abs(Double(values[i]) - reference.direct[i]))
        }
        // Float storage: about 1e-7 of the peak. The direct continuous sum differs only by
        // the 4σ cut and the discrete normalisation, well under 0.1 % of the peak.
        XCTAssertLessThan(worstFiltered, peak * 2e-6, "against scipy.ndimage.gaussian_filter")
        XCTAssertLessThan(worstDirect, peak * 1e-3, "against the direct kernel sum")
        assertClose(Double(density.grid.maximum), peak, tolerance: peak * 2e-6)
    }

    func testAggregationCentresAreOutputCellCentres() throws {
        let builder = try Self.builder()
        for cell in Self.cells(in: builder.frame) {
            let center = cell.center(cellSize: 50)
            guard let (column, row) = builder.frame.cell(containing: center) else {
                return XCTFail("cell \(center) outside the frame")
            }
            assertClose(builder.frame.center(column: column, row: row), center, tolerance: 1e-6)
        }
        XCTAssertEqual(builder.frame.originX.truncatingRemainder(dividingBy: 50), 0)
        XCTAssertEqual(builder.frame.originY.truncatingRemainder(dividingBy: 50), 0)
    }

    func testCellsUnderKAreSuppressedBeforeSmoothing() throws {
        let builder = try Self.builder()
        let cells = Self.cells(in: builder.frame)
        let kept = cells.filter { $0.devices >= 5 }
        XCTAssertEqual(builder.density(cells).grid.values, builder.density(kept).grid.values)
        // Promoted to k devices, the 500-ping cell would add the kernel's peak at its
        // centre: 500 pings × 1/(2πσ²) per m² = 35.37 pings per hectare.
        let underK = try XCTUnwrap(cells.first { $0.devices == 4 })
        let (column, row) = try XCTUnwrap(builder.frame.cell(containing: underK.center(cellSize: 50)))
        var promoted = underK
        promoted.devices = 5
        let gain = builder.density(kept + [promoted]).grid[column, row] - builder.density(cells).grid[column, row]
        assertClose(Double(gain), 500 * 10_000 / (2 * Double.pi * 150 * 150), tolerance: 0.05)
        // k = 1 keeps everything; k larger than any cell publishes nothing at all.
        XCTAssertEqual(try Self.builder(k: 1).density(cells).publishedCells, cells.count)
        let none = try Self.builder(k: 1000).density(cells)
        XCTAssertEqual(none.publishedCells, 0)
        XCTAssertTrue(none.grid.values.allSatisfy { $0 == 0 })
    }

    func testDensityIsZeroBeyondTheKernelReach() throws {
        let builder = try Self.builder()
        let cells = Self.cells(in: builder.frame).filter { $0.devices >= 5 }
        let grid = builder.density(cells).grid
        let reach = builder.kernel.reach
        XCTAssertEqual(reach, 36 * 50.0 / 3, accuracy: 1e-9, "σ = 9 cells, cut at 4σ = 36 cells")
        var nonZero = 0
        for row in 0..<grid.rows {
            for column in 0..<grid.columns where grid[column, row] != 0 {
                nonZero += 1
                let c = grid.center(column: column, row: row)
                let near = cells.map { $0.center(cellSize: 50) }.contains {
                    max(abs($0.x - c.x), abs($0.y - c.y)) <= reach + 1e-6
                }
                XCTAssertTrue(near, "density at \(c) with no published cell within \(reach) m")
            }
        }
        XCTAssertGreaterThan(nonZero, 1000)
    }

    func testLayerCarriesGridAndMetadataButNoFeatures() throws {
        let builder = try Self.builder()
        let layer = builder.build(Self.cells(in: builder.frame), window: .morningCommute)
        XCTAssertEqual(layer.name, .childTraffic)
        XCTAssertTrue(layer.features.isEmpty)
        let grid = try XCTUnwrap(layer.grid)
        XCTAssertEqual(grid.crs, "EPSG:6678")
        XCTAssertEqual(layer.metadata["maximum"]?.doubleValue, Double(grid.maximum))
        XCTAssertEqual(layer.metadata["window"], "morning-commute")
        XCTAssertEqual(layer.metadata["min_distinct_devices"], 5)
        XCTAssertEqual(layer.metadata["bandwidth_m"]?.doubleValue, 150)
        XCTAssertNil(layer.metadata["suppressed_cells"], "nothing about suppressed cells is published")
        // The grid's total mass is the published pings (the kernel keeps mass; the
        // corner cell loses what falls outside the grid).
        let hectaresPerCell = grid.cellSize * grid.cellSize / 10_000
        let total = grid.values.reduce(0.0) { $0 + Double($1) } * hectaresPerCell
        let pings = Double(layer.metadata["pings"]?.intValue ?? 0)
        XCTAssertLessThan(total, pings)
        XCTAssertGreaterThan(total, pings - 30)
    }

    func testFrameErrors() throws {
        XCTAssertThrowsError(
            try ChildTrafficBuilder(settings: ChildTrafficSettings(), bbox: Self.bbox, crs: CRS("EPSG:4326"))
        ) {
            XCTAssertTrue("\($0)".contains("not a projected CRS in metres"), "\($0)")
        }
        let huge = BoundingBox(west: 120, south: 20, east: 150, north: 46)
        XCTAssertThrowsError(
            try ChildTrafficBuilder(
                settings: ChildTrafficSettings(cellSize: 1), bbox: huge,
                crs: CRS("EPSG:6678"))
        ) {
            XCTAssertTrue("\($0)".contains("use a larger cellSize or a smaller bbox"), "\($0)")
        }
    }
}

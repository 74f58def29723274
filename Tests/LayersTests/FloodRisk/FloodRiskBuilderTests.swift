import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The flood-risk rules on hand-made data, expected values worked out by hand or by numpy.
final class FloodRiskBuilderTests: XCTestCase {
    private let sensor = RiverSensor(
        siteID: "0042", name: "Test", location: Coordinate(lon: 140.04, lat: 38.1),
        warningLevel: 2.0, dangerLevel: 3.0)

    func testStatusRuleByHand() {
        let settings = FloodRiskSettings()  // 80 % of warning, or rising ≥ 0.3 m/h
        func status(_ level: Double, _ rise: Double?) -> FloodStatus {
            FloodStatus.classify(level: level, riseRate: rise, warningLevel: 2, dangerLevel: 3, settings: settings)
        }
        XCTAssertEqual(status(3.0, 0), .danger)
        XCTAssertEqual(status(3.5, -1), .danger)
        XCTAssertEqual(status(2.999, 0), .warning)
        XCTAssertEqual(status(2.0, nil), .warning)
        XCTAssertEqual(status(1.6, 0), .advisory, "exactly 80 % of the warning level")
        XCTAssertEqual(status(1.599, 0.29), .normal)
        XCTAssertEqual(status(1.0, 0.3), .advisory, "rising fast")
        XCTAssertEqual(status(1.0, nil), .normal)
        XCTAssertEqual(FloodStatus.allCases.map(\.rank), [0, 1, 2, 3])
        XCTAssertLessThan(FloodStatus.advisory, FloodStatus.warning)
    }

    func testRiseRateIsTheLeastSquaresSlopeOverTheWindow() throws {
        var random = SeededRandom(seed: 9)
        let start = Date(timeIntervalSince1970: 1_660_000_000)
        var times: [Date] = []
        var values: [Double] = []
        for i in 0..<40 where i != 33 {  // a dropped reading inside the window
            times.append(start.addingTimeInterval(Double(i) * 600))
            values.append(1.5 + 0.02 * Double(i) + 0.001 * Double(i * i) + random.double(in: -0.01...0.01))
        }
        let series = TimeSeries(times: times, values: values)
        let script = """
            import json, sys
            import numpy as np
            t, v, hours = json.load(sys.stdin)
            last = t[-1]
            w = [(a, b) for a, b in zip(t, v) if a >= last - hours * 3600]
            print(json.dumps(float(np.polyfit([(a - last) / 3600 for a, _ in w], [b for _, b in w], 1)[0])))
            """
        for hours in [1.0, 3.0] {
            struct Input: Encodable {
                var t: [Double], v: [Double], hours: Double
                func encode(to encoder: Encoder) throws {
                    var c = encoder.unkeyedContainer()
                    try c.encode(t)
                    try c.encode(v)
                    try c.encode(hours)
                }
            }
            let expected = try ReferencePython.decode(
                Double.self, script, packages: ["numpy"],
                sending: Input(t: times.map(\.timeIntervalSince1970), v: values, hours: hours))
            assertClose(try XCTUnwrap(FloodRiskBuilder.riseRate(series, hours: hours)), expected, tolerance: 1e-10)
        }
        XCTAssertNil(FloodRiskBuilder.riseRate(TimeSeries(times: [start], values: [1]), hours: 1))
    }

    /// Levels made exactly from the model (no noise): the fit recovers the coefficients,
    /// R² is 1, and the scenario prediction is intercept + N × Σ coefficients.
    func testFitRecoversAnExactLaggedResponse() throws {
        let start = Date(timeIntervalSince1970: 1_659_106_800)  // 2022-07-30 00:00 +09:00, on the hour
        var random = SeededRandom(seed: 3)
        let hours = 200
        let rain = (0..<hours).map { _ in random.double(in: 0...1) < 0.25 ? random.double(in: 0...30) : 0.0 }
        // Rain stamped at the end of its hour: rain[h] at start + (h + 1) h.
        let rainfall = TimeSeries(
            times: (0..<hours).map { start.addingTimeInterval(Double($0 + 1) * 3600) }, values: rain)
        let truth = [0.01, 0.03, 0.05, 0.02]  // lags 0…3 h
        var times: [Date] = []
        var levels: [Double] = []
        for step in 0..<(hours * 6) {
            let t = start.addingTimeInterval(Double(step) * 600)
            let h = step / 6  // the latest stamp at or before t is start + h hours = rain[h - 1]
            guard h - 1 - 3 >= 0 else { continue }
            times.append(t)
            levels.append(0.8 + (0..<4).reduce(0) { $0 + truth[$1] * rain[h - 1 - $1] })
        }
        let response = try XCTUnwrap(
            RainfallResponse.fit(
                levels: TimeSeries(times: times, values: levels),
                rainfall: rainfall, maxLagHours: 3))
        assertClose(response.intercept, 0.8, tolerance: 1e-10)
        for (a, b) in zip(response.coefficients, truth) { assertClose(a, b, tolerance: 1e-10) }
        assertClose(response.rSquared, 1, tolerance: 1e-12)
        XCTAssertEqual(response.peakLagHours, 2)
        XCTAssertEqual(response.observations, times.count)
        assertClose(response.predictedLevel(sustainedRain: 20), 0.8 + 20 * 0.11, tolerance: 1e-9)

        // The builder: as of the last reading, under rain=20 → level 3.0 = danger (≥ 3.0).
        let builder = FloodRiskBuilder(scenarioRain: 20)
        let site = try XCTUnwrap(
            builder.sites(
                sensors: [sensor], levels: ["0042": TimeSeries(times: times, values: levels)],
                rainfall: rainfall
            ).first)
        assertClose(try XCTUnwrap(site.predictedLevel), 3.0, tolerance: 1e-9)
        XCTAssertEqual(site.predictedStatus, site.predictedLevel.map { $0 >= 3.0 ? .danger : .warning })
        XCTAssertEqual(site.effectiveStatus, site.predictedStatus)
    }

    func testNoRainfallLeavesTheFitOutButKeepsTheStatus() throws {
        let start = Date(timeIntervalSince1970: 1_659_106_800)
        let times = (0..<100).map { start.addingTimeInterval(Double($0) * 600) }
        let levels = TimeSeries(times: times, values: times.indices.map { 1.0 + 0.001 * Double($0) })
        let rainfall = TimeSeries(
            times: (1...20).map { start.addingTimeInterval(Double($0) * 3600) },
            values: Array(repeating: 0, count: 20))
        let builder = FloodRiskBuilder(scenarioRain: 10)
        let site = try XCTUnwrap(builder.sites(sensors: [sensor], levels: ["0042": levels], rainfall: rainfall).first)
        XCTAssertNil(site.response, "rain that never varies cannot explain anything")
        XCTAssertNil(site.predictedLevel)
        assertClose(try XCTUnwrap(site.latestLevel), 1.099, tolerance: 1e-12)
        XCTAssertEqual(site.status, .normal)  // 1.099 < 1.6, rising 0.006 m/h
        let layer = builder.layer(sites: [site], asOf: times.last)
        XCTAssertEqual(layer.features[0].properties["fit_r2"], .null)
        XCTAssertEqual(layer.features[0].properties["predicted_status"], .null)
        XCTAssertEqual(layer.features[0].properties["site_id"], "0042", "ids stay strings with their zeros")
    }

    func testSensorWithoutReadingsHasNullStatus() throws {
        let builder = FloodRiskBuilder()
        let sites = builder.sites(sensors: [sensor], levels: [:], rainfall: TimeSeries())
        XCTAssertNil(sites[0].status)
        let layer = builder.layer(sites: sites, asOf: nil)
        XCTAssertEqual(layer.features[0].properties["status"], .null)
        XCTAssertEqual(layer.features[0].properties["level_m"], .null)
    }

    func testScenarioParsing() throws {
        XCTAssertEqual(try LayerBuilder.Scenario(parsing: "rain=50").rain, 50)
        XCTAssertEqual(try LayerBuilder.Scenario(parsing: " rain = 12.5 ").rain, 12.5)
        XCTAssertNil(try LayerBuilder.Scenario(parsing: "").rain)
        XCTAssertEqual(LayerBuilder.Scenario(rain: 50).description, "rain=50")
        for bad in ["rain", "rain=-1", "rain=x", "snow=3", "rain=inf"] {
            XCTAssertThrowsError(try LayerBuilder.Scenario(parsing: bad), bad)
        }
    }
}

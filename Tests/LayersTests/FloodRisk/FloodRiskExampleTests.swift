import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The flood-risk layer built from the Nagai example hub, checked against the same
/// quantities recomputed by numpy from the example's CSV files.
final class FloodRiskExampleTests: XCTestCase {
    private var data: URL { ExampleHub.folder.appendingPathComponent("data") }

    /// 2022-08-04 04:00 +09:00: the Mogami near its crest after the example's 3 August storm.
    private let peak = Date(timeIntervalSince1970: 1_659_553_200)

    private func build(asOf: Date?, rain: Double?) throws -> (BuiltLayer, [FloodSite]) {
        var project = try ExampleHub.project()
        project.asOf = asOf
        let builder = FloodRiskBuilder(project: project, scenario: LayerBuilder.Scenario(rain: rain))
        let catalogue = try ExampleHub.catalogue()
        let levels = try catalogue.riverLevels()
        let sites = builder.sites(
            sensors: try catalogue.riverSensors(), levels: levels, rainfall: try catalogue.rainfall())
        let layer = try LayerBuilder.build(
            .floodRisk, catalogue: catalogue, project: project,
            scenario: LayerBuilder.Scenario(rain: rain))
        return (layer, sites)
    }

    func testAtThePeakEverySiteMatchesNumpy() throws {
        let (layer, sites) = try build(asOf: peak, rain: 30)
        let expected = try FloodRiskReference.sites(folder: data, asOf: peak, rain: 30)
        XCTAssertEqual(sites.count, 20)
        XCTAssertEqual(layer.features.count, 20)
        for site in sites {
            let e = try XCTUnwrap(expected[site.sensor.siteID])
            assertClose(try XCTUnwrap(site.latestLevel), try XCTUnwrap(e.level), tolerance: 1e-12, site.sensor.siteID)
            assertClose(try XCTUnwrap(site.riseRate), try XCTUnwrap(e.rise), tolerance: 1e-9, site.sensor.siteID)
            XCTAssertEqual(site.status?.rawValue, e.status, site.sensor.siteID)
            let fit = try XCTUnwrap(site.response, site.sensor.siteID)
            XCTAssertEqual(fit.observations, e.observations)
            assertClose(fit.intercept, try XCTUnwrap(e.intercept), tolerance: 1e-7)
            for (a, b) in zip(fit.coefficients, try XCTUnwrap(e.coefficients)) { assertClose(a, b, tolerance: 1e-7) }
            assertClose(fit.rSquared, try XCTUnwrap(e.r2), tolerance: 1e-9)
            assertClose(try XCTUnwrap(fit.cumulativeRSquared), try XCTUnwrap(e.r2Cumulative), tolerance: 1e-9)
            assertClose(try XCTUnwrap(site.predictedLevel), try XCTUnwrap(e.predicted), tolerance: 1e-6)
            XCTAssertEqual(site.predictedStatus?.rawValue, e.predictedStatus, site.sensor.siteID)
            // The example's levels are a linear response to lagged hourly rain plus 1 cm noise:
            // hourly rainfall explains them almost fully, cumulative rainfall less.
            XCTAssertGreaterThan(fit.rSquared, 0.99, site.sensor.siteID)
            XCTAssertGreaterThan(fit.rSquared, try XCTUnwrap(fit.cumulativeRSquared) + 0.05, site.sensor.siteID)
        }
        // Near the crest two Mogami gauges are at danger and two at warning (counted by hand
        // from river_levels.csv at 04:00 against river_sensors.csv).
        XCTAssertEqual(sites.filter { $0.status == .danger }.map(\.sensor.siteID), ["MG04", "MG06"])
        XCTAssertEqual(sites.filter { $0.status == .warning }.map(\.sensor.siteID), ["MG02", "MG08"])
        XCTAssertEqual(layer.metadata["hourly_explains_better"], 20)
        XCTAssertEqual(layer.metadata["sites_fitted"], 20)
    }

    func testNewestTimestampIsTheDefaultAsOf() throws {
        let (layer, sites) = try build(asOf: nil, rain: nil)
        let expected = try FloodRiskReference.sites(folder: data, asOf: nil, rain: 0)
        XCTAssertEqual(layer.metadata["as_of"], "2022-08-08T23:50:00+09:00")
        for site in sites {
            let e = try XCTUnwrap(expected[site.sensor.siteID])
            XCTAssertEqual(site.status?.rawValue, e.status)
            assertClose(try XCTUnwrap(site.latestLevel), try XCTUnwrap(e.level), tolerance: 1e-12)
            XCTAssertNil(site.predictedLevel)
        }
        let feature = try XCTUnwrap(layer.features.first)
        XCTAssertNil(feature.properties["predicted_status"], "no scenario, no prediction properties")
        XCTAssertNotNil(feature.properties["status"]?.stringValue)
    }

    func testFeaturePropertiesCarryTheDocumentedNames() throws {
        let (layer, sites) = try build(asOf: peak, rain: 50)
        let feature = try XCTUnwrap(layer.features.first { $0.properties["site_id"] == "MG04" })
        let site = try XCTUnwrap(sites.first { $0.sensor.siteID == "MG04" })
        XCTAssertEqual(feature.id, "MG04")
        XCTAssertEqual(feature.shape, .point(site.sensor.location))
        XCTAssertEqual(feature.properties["status"]?.stringValue, site.status?.rawValue)
        XCTAssertEqual(feature.properties["status_rank"]?.intValue, site.status?.rank)
        XCTAssertEqual(feature.properties["predicted_status"]?.stringValue, site.predictedStatus?.rawValue)
        XCTAssertEqual(feature.properties["scenario_rain_mm_per_h"], 50.0)
        XCTAssertEqual(feature.properties["observed_at"], "2022-08-04T04:00:00+09:00")
        XCTAssertEqual(feature.properties["response_coefficients"]?.arrayValue?.count, 13)
        for key in [
            "level_m", "rise_rate_m_per_h", "fit_r2", "fit_r2_cumulative", "fit_rmse_m", "response_m_per_mm_h",
            "predicted_level_m", "warning_level_m", "danger_level_m",
        ] {
            XCTAssertNotNil(feature.properties[key]?.doubleValue, key)
        }
        let expected = try FloodRiskReference.sites(folder: data, asOf: peak, rain: 50)
        let dangerous = expected.values.filter { $0.predictedStatus == "danger" }.count
        XCTAssertGreaterThan(dangerous, 0)
        XCTAssertEqual(layer.metadata["predicted_status_counts"]?["danger"]?.intValue, dangerous)
    }
}

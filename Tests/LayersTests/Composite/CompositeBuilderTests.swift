import Foundation
import GeoCore
@testable import Layers
import TestSupport
import XCTest

/// The composite's hazards and exposure against shapely, numpy and scipy computations
/// of the documented formulas on the same grid.
final class CompositeBuilderTests: XCTestCase {
    static let bbox = BoundingBox(west: 140.03, south: 38.10, east: 140.052, north: 38.115)

    static func builder(_ settings: CompositeSettings = CompositeSettings(cellSize: 50)) throws -> CompositeBuilder {
        try CompositeBuilder(settings: settings, bbox: bbox, crs: CRS("EPSG:6678"))
    }

    struct FrameInput: Encodable {
        let originX, originY, cellSize: Double
        let columns, rows: Int
        let sensorReach, riverReach: Double
        /// Gauges as lon, lat, severity; river and zone in lon/lat.
        let gauges: [[Double]]
        let river: [[Double]]
        let zone: [[Double]]
    }

    struct Reference: Decodable {
        let flood: [Double]
        let shares: [Double]
    }

    /// Two gauges (warning, danger), one normal gauge, a river line and a wildlife zone.
    static let gauges: [[Double]] = [[140.035, 38.105, 2.0 / 3], [140.047, 38.111, 1], [140.04, 38.112, 0]]
    static let river = [[140.028, 38.1035], [140.036, 38.106], [140.044, 38.1095], [140.055, 38.112]]
    static let zone = [
        [140.040, 38.1020], [140.046, 38.1015], [140.049, 38.1060], [140.043, 38.1080],
        [140.039, 38.1050], [140.040, 38.1020],
    ]

    static func reference(_ frame: MetricGrid, _ settings: CompositeSettings) throws -> Reference {
        try ReferencePython.decode(
            Reference.self,
            """
            import json, sys
            import numpy as np
            from pyproj import Transformer
            from shapely.geometry import LineString, Point, Polygon, box
            d = json.load(sys.stdin)
            t = Transformer.from_crs("EPSG:4326", "EPSG:6678", always_xy=True)
            river = LineString([t.transform(*p) for p in d["river"]])
            zone = Polygon([t.transform(*p) for p in d["zone"]])
            gauges = [(t.transform(g[0], g[1]), g[2]) for g in d["gauges"] if g[2] > 0]
            s, ox, oy = d["cellSize"], d["originX"], d["originY"]
            flood, shares = [], []
            for r in range(d["rows"]):
                for c in range(d["columns"]):
                    x, y = ox + (c + 0.5) * s, oy + (r + 0.5) * s
                    g = max(sev * np.exp(-np.hypot(x - gx, y - gy) / d["sensorReach"]) for (gx, gy), sev in gauges)
                    h = 0.0 if g < 1e-6 else g * np.exp(-river.distance(Point(x, y)) / d["riverReach"])
                    flood.append(0.0 if h < 1e-6 else h)
                    cell = box(ox + c * s, oy + r * s, ox + (c + 1) * s, oy + (r + 1) * s)
                    shares.append(cell.intersection(zone).area / (s * s))
            print(json.dumps({"flood": flood, "shares": shares}))
            """, packages: ["numpy", "pyproj", "shapely"],
            sending: FrameInput(
                originX: frame.originX, originY: frame.originY, cellSize: frame.cellSize, columns: frame.columns,
                rows: frame.rows, sensorReach: settings.sensorReach, riverReach: settings.riverReach,
                gauges: gauges, river: river, zone: zone))
    }

    static func coordinates(_ list: [[Double]]) -> [Coordinate] { list.map { Coordinate(x: $0[0], y: $0[1]) } }

    func testFloodAndWildlifeHazardsMatchShapely() throws {
        let settings = CompositeSettings(cellSize: 50, weights: [.flood: 1.5, .wildlife: 0.5])
        let builder = try Self.builder(settings)
        let gauges = Self.gauges.map {
            CompositeBuilder.FloodGauge(location: Coordinate(x: $0[0], y: $0[1]), severity: $0[2])
        }
        let zone = CompositeBuilder.WildlifeHazard(
            shape: .polygon(PolygonRings(exterior: Self.coordinates(Self.zone))),
            allDay: 0.6, byBand: [1, 0.2, 0, 0.4])
        let surface = try builder.surface(
            childTraffic: nil, gauges: gauges,
            rivers: [.lineString(Self.coordinates(Self.river))], zones: [zone])
        let reference = try Self.reference(builder.frame, settings)
        XCTAssertEqual(surface.flood.values.count, reference.flood.count)
        var covered = 0
        for i in reference.flood.indices {
            // Without children's traffic the exposure is 1: composite = weight × hazard.
            assertClose(Double(surface.flood.values[i]), 1.5 * reference.flood[i], tolerance: 2e-6, "flood cell \(i)")
            assertClose(
                Double(surface.wildlife.values[i]), 0.5 * 0.6 * reference.shares[i], tolerance: 2e-6, "cell \(i)")
            for (band, risk) in [1, 0.2, 0, 0.4].enumerated() {
                assertClose(
                    Double(surface.wildlifeByBand[band].values[i]), 0.5 * risk * reference.shares[i],
                    tolerance: 2e-6, "band \(band) cell \(i)")
            }
            if reference.shares[i] > 0 { covered += 1 }
        }
        XCTAssertGreaterThan(covered, 50)
        XCTAssertGreaterThan(surface.flood.maximum, 0.5)
        let layer = builder.layer(surface, exposureWindow: nil, gauges: 3, zones: 1)
        XCTAssertEqual(layer.name, .composite)
        XCTAssertEqual(layer.grid?.values, RiskSurface.sum(surface.flood, surface.wildlife).values)
        XCTAssertEqual(layer.metadata["maximum"]?.doubleValue, Double(surface.allDay.maximum))
        assertClose(
            surface.grid(minuteOfDay: 5 * 60).sample(at: builder.frame.extent.center),
            RiskSurface.sum(surface.flood, surface.wildlifeByBand[0]).sample(at: builder.frame.extent.center),
            tolerance: 0)
    }

    /// The layer multiplies the hazards by children's exposure; the route hazard is
    /// the hazards alone, capped at 1, in the requested band.
    func testLayerWeighsExposureAndRoutesWeighHazardAlone() throws {
        let settings = CompositeSettings(cellSize: 50, weights: [.flood: 1, .wildlife: 1])
        let builder = try Self.builder(settings)
        let traffic = try ChildTrafficDensityTests.builder()
        let density = traffic.density(ChildTrafficDensityTests.cells(in: traffic.frame)).grid
        let gauges = Self.gauges.map {
            CompositeBuilder.FloodGauge(location: Coordinate(x: $0[0], y: $0[1]), severity: $0[2])
        }
        let zone = CompositeBuilder.WildlifeHazard(
            shape: .polygon(PolygonRings(exterior: Self.coordinates(Self.zone))), allDay: 0.6, byBand: [1, 0.2, 0, 0.4])
        let surface = try builder.surface(
            childTraffic: density, gauges: gauges, rivers: [.lineString(Self.coordinates(Self.river))], zones: [zone])
        let reference = try Self.reference(builder.frame, settings)
        let exposure = try XCTUnwrap(surface.exposure)
        XCTAssertEqual(exposure.values, try builder.exposure(density).values)
        XCTAssertLessThan(exposure.values.min() ?? 1, 0.5, "somewhere no child walks")
        let layer = builder.layer(surface, exposureWindow: nil, gauges: 3, zones: 1)
        let grid = try XCTUnwrap(layer.grid)
        var capped = 0
        for i in reference.flood.indices {
            let e = Double(exposure.values[i])
            assertClose(Double(grid.values[i]), (reference.flood[i] + 0.6 * reference.shares[i]) * e, tolerance: 4e-6)
            for (band, risk) in [1, 0.2, 0, 0.4].enumerated() {
                let hazard = reference.flood[i] + risk * reference.shares[i]
                if hazard > 1 { capped += 1 }
                let route = surface.routeHazard(band: TimeOfDayBand(rawValue: band))
                assertClose(Double(route.values[i]), min(1, hazard), tolerance: 4e-6, "band \(band) cell \(i)")
            }
            assertClose(
                Double(surface.routeHazard(band: nil).values[i]),
                min(1, reference.flood[i] + 0.6 * reference.shares[i]),
                tolerance: 4e-6)
        }
        XCTAssertGreaterThan(capped, 0, "where the danger gauge's river meets the zone at night, the hazard is capped")
        XCTAssertEqual(surface.routeHazard(minuteOfDay: 5 * 60 + 30).values, surface.routeHazard(band: .night).values)
        XCTAssertEqual(
            layer.metadata["route_hazard_maximum_by_band"]?["0-6"]?.doubleValue,
            Double(surface.routeHazard(band: .night).maximum))
    }

    struct ExposureReference: Decodable {
        let exposure: [Double]
    }

    struct ExposureInput: Encodable {
        let density: [Float]
        let dColumns, dRows: Int
        let dOriginX, dOriginY, dCell: Double
        let originX, originY, cellSize: Double
        let columns, rows: Int
        let k: Int
        let floor: Double
    }

    func testExposureAveragesTheDensityWithScipyBilinearSampling() throws {
        let traffic = try ChildTrafficDensityTests.builder()
        let density = traffic.density(ChildTrafficDensityTests.cells(in: traffic.frame)).grid
        let builder = try Self.builder(CompositeSettings(cellSize: 100, exposureFloor: 0.25))
        let exposure = try builder.exposure(density)
        let k = Int((100 / density.cellSize).rounded(.up))
        XCTAssertEqual(k, 6)
        let input = ExposureInput(
            density: density.values, dColumns: density.columns, dRows: density.rows,
            dOriginX: density.originX, dOriginY: density.originY, dCell: density.cellSize,
            originX: builder.frame.originX, originY: builder.frame.originY,
            cellSize: builder.frame.cellSize, columns: builder.frame.columns,
            rows: builder.frame.rows, k: k, floor: 0.25)
        let reference = try ReferencePython.decode(
            ExposureReference.self,
            """
            import json, sys
            import numpy as np
            from scipy.ndimage import map_coordinates
            d = json.load(sys.stdin)
            rho = np.array(d["density"], dtype=np.float64).reshape(d["dRows"], d["dColumns"])
            peak = rho.max()
            s, k = d["cellSize"], d["k"]
            c, r = np.meshgrid(np.arange(d["columns"]), np.arange(d["rows"]))
            total = np.zeros(c.shape)
            for j in range(k):
                for i in range(k):
                    x = d["originX"] + (c + (i + 0.5) / k) * s
                    y = d["originY"] + (r + (j + 0.5) / k) * s
                    u = (x - d["dOriginX"]) / d["dCell"] - 0.5
                    v = (y - d["dOriginY"]) / d["dCell"] - 0.5
                    inside = (x >= d["dOriginX"]) & (y >= d["dOriginY"]) \\
                        & (x <= d["dOriginX"] + d["dColumns"] * d["dCell"]) & (y <= d["dOriginY"] + d["dRows"] * d["dCell"])
                    value = map_coordinates(rho, [v.ravel(), u.ravel()], order=1, mode="nearest").reshape(c.shape)
                    total += np.where(inside, value, 0.0)
            share = np.minimum(1.0, total / (k * k) / peak)
            print(json.dumps({"exposure": (d["floor"] + (1 - d["floor"]) * share).ravel().tolist()}))
            """, packages: ["numpy", "scipy"], sending: input)
        XCTAssertEqual(exposure.values.count, reference.exposure.count)
        for i in reference.exposure.indices {
            assertClose(Double(exposure.values[i]), reference.exposure[i], tolerance: 1e-5, "cell \(i)")
        }
        XCTAssertEqual(exposure.values.min(), 0.25, "the floor where no child was recorded")
        XCTAssertGreaterThan(exposure.maximum, 0.9)
    }

    func testAdaptersReadTheVectorLayersProperties() throws {
        let flood = BuiltLayer(
            name: .floodRisk,
            features: [
                Feature(
                    id: "A", shape: .point(Coordinate(x: 140.03, y: 38.1)),
                    properties: ["site_id": "A", "status": "advisory", "status_rank": 1]),
                Feature(
                    id: "B", shape: .point(Coordinate(x: 140.04, y: 38.1)),
                    properties: ["status": "normal", "predicted_status": "danger"]),
                Feature(id: "C", shape: .point(Coordinate(x: 140.05, y: 38.1)), properties: ["status": .null]),
            ])
        let gauges = CompositeBuilder.FloodGauge.gauges(in: flood)
        XCTAssertEqual(gauges.map(\.severity), [1.0 / 3, 1])
        let square = Shape.polygon(
            PolygonRings(exterior: Self.coordinates([[140, 38], [140.01, 38], [140.01, 38.01], [140, 38]])))
        let wildlife = BuiltLayer(
            name: .wildlife,
            features: [
                Feature(
                    id: "Z", shape: square,
                    properties: [
                        "kind": "zone", "risk": 0.5, "band_risk": ["0-6": 1, "6-12": 0.25, "12-18": 0, "18-24": 0.5],
                    ]),
                Feature(id: "CAM1", shape: .point(Coordinate(x: 140, y: 38)), properties: ["kind": "camera"]),
                Feature(id: "Y", shape: square, properties: ["kind": "zone", "risk": 0.2]),
            ])
        let zones = CompositeBuilder.WildlifeHazard.zones(in: wildlife)
        XCTAssertEqual(zones.map(\.allDay), [0.5, 0.2])
        XCTAssertEqual(zones.map(\.byBand), [[1, 0.25, 0, 0.5], [0.2, 0.2, 0.2, 0.2]])
    }
}

import Foundation
import GeoCore
import Layers
@testable import geohub

/// A ``MapService`` for the server's own tests, living only in the test target: it
/// answers with small deterministic bodies so the tests can check what the server
/// does with them (status codes, caching, auth, limits), not what the renderer draws.
/// The binary-level tests run the same scenarios against the real library.
final class TestMapService: MapService {
    /// Nagai's bbox from DESIGN.md's project file.
    static let nagai = BoundingBox(west: 139.88, south: 38.03, east: 140.13, north: 38.20)

    private struct State {
        var revisions: [LayerName: Int] = [:]
        var renders: [String: Int] = [:]
        var refreshed: [[URL]] = []
    }

    let name = "Nagai test"
    /// How long each tile render takes (to make renders overlap in tests).
    let renderDelay: Double
    let watchedFiles: [URL]
    private let state = Locked(State())

    init(renderDelay: Double = 0, watchedFiles: [URL] = []) {
        self.renderDelay = renderDelay
        self.watchedFiles = watchedFiles
    }

    func layers() -> [MapLayer] {
        let revisions = state.withLock { $0.revisions }
        let built = Date(timeIntervalSince1970: 1_700_000_000)
        return [
            MapLayer(
                name: .basemap, minZoom: 0, maxZoom: 16, bounds: Self.nagai,
                legend: ["type": "categories", "items": [["label": "roads", "color": "#888888"]]],
                builtAt: built, revision: revisions[.basemap] ?? 1, hasFeatures: true),
            MapLayer(
                name: .floodRisk, minZoom: 8, maxZoom: 16, bounds: Self.nagai,
                legend: ["type": "categories", "items": [["label": "danger", "color": "#d62828"]]],
                builtAt: built, revision: revisions[.floodRisk] ?? 1, hasFeatures: true, isScenarioAware: true),
            MapLayer(
                name: .childTraffic, minZoom: 10, maxZoom: 16, bounds: Self.nagai,
                legend: [
                    "type": "ramp", "unit": "pings/km²",
                    "stops": [["value": 0, "color": "#ffffff"], ["value": 40, "color": "#e63946"]],
                ],
                builtAt: built, revision: revisions[.childTraffic] ?? 1, hasFeatures: false),
            // Its renders fail, to check that a library error is a 500, not a crash.
            MapLayer(
                name: .wildlife, minZoom: 8, maxZoom: 16, bounds: Self.nagai, builtAt: built,
                revision: revisions[.wildlife] ?? 1, hasFeatures: true),
        ]
    }

    /// A PNG signature followed by what was asked, or nil for a tile outside Nagai.
    func tile(layer: LayerName, z: Int, x: Int, y: Int, scale: TileScale, scenario: RainScenario?) throws -> Data? {
        let key = "\(layer)/\(z)/\(x)/\(y)@\(scale.rawValue)x?\(scenario?.description ?? "")"
        state.withLock { $0.renders[key, default: 0] += 1 }
        if renderDelay > 0 { Thread.sleep(forTimeInterval: renderDelay) }
        if layer == .wildlife { throw TestRenderError(message: "the wildlife renderer is broken on purpose") }
        guard Self.tileBounds(z: z, x: x, y: y).intersects(Self.nagai) else { return nil }
        let revision = layers().first { $0.name == layer }?.revision ?? 0
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("\(key) r\(revision)".utf8)
    }

    func tileJSON(layer: LayerName, tileURLTemplate: String) throws -> Data {
        Data(#"{"tilejson":"3.0.0","name":"\#(layer)","tiles":["\#(tileURLTemplate)"]}"#.utf8)
    }

    func geoJSON(layer: LayerName, scenario: RainScenario?) throws -> Data {
        let rain = scenario.map { String($0.millimetresPerHour) } ?? "null"
        return Data(
            #"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[140.04,38.107]},"properties":{"layer":"\#(layer)","rain":\#(rain)}}]}
            """#.utf8)
    }

    func route(from: Coordinate, to: Coordinate, at: TimeOfDay?, scenario: RainScenario?) throws -> Data {
        guard Self.nagai.contains(from), Self.nagai.contains(to) else {
            throw MapServiceError.invalidRequest("both points must lie in Nagai")
        }
        let rain = scenario.map { String($0.millimetresPerHour) } ?? "null"
        func feature(_ name: String, _ length: Double, _ risk: Double) -> String {
            #"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[\#(from.lon),\#(from.lat)],[\#(to.lon),\#(to.lat)]]},"properties":{"route":"\#(name)","length_m":\#(length),"risk":\#(risk),"rain":\#(rain)}}"#
        }
        return Data(
            #"{"type":"FeatureCollection","features":[\#(feature("safe", 1200, 0.1)),\#(feature("shortest", 1000, 0.4))]}"#
                .utf8)
    }

    var startupReport: [String] { [] }

    func refresh(changed: [URL]) throws -> [String] {
        state.withLock { state in
            state.refreshed.append(changed)
            state.revisions[.floodRisk, default: 1] += 1
        }
        return []
    }

    /// Simulates a live rebuild of `layer`.
    func rebuild(_ layer: LayerName) {
        state.withLock { $0.revisions[layer, default: 1] += 1 }
    }

    /// How many times a tile was rendered (`"basemap/12/3637/1594@1x?"`).
    func renders(of key: String) -> Int { state.withLock { $0.renders[key] ?? 0 } }

    var refreshes: [[URL]] { state.withLock { $0.refreshed } }

    /// A tile's lon/lat bounds (Web Mercator XYZ).
    static func tileBounds(z: Int, x: Int, y: Int) -> BoundingBox {
        let n = Double(1 << z)
        func lat(_ y: Double) -> Double { atan(sinh(Double.pi * (1 - 2 * y / n))) * 180 / Double.pi }
        return BoundingBox(
            west: Double(x) / n * 360 - 180, south: lat(Double(y + 1)),
            east: Double(x + 1) / n * 360 - 180, north: lat(Double(y)))
    }
}

struct TestRenderError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

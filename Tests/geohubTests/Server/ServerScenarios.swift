import Foundation
import Layers
import TestSupport
import XCTest
@testable import geohub

/// The server's behaviour as checks over real sockets, written once and run against
/// the in-process server (``InProcessServerTests``) and the built binary serving
/// `examples/nagai` (``BinaryServerTests``).
struct ServerScenarios {
    let server: any RunningServer

    private func json(_ response: RawHTTP.Response) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: response.body)
        return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(response.text.prefix(200))")
    }

    /// Asserts the cross-cutting headers every answer carries.
    private func assertCommonHeaders(_ response: RawHTTP.Response, line: UInt = #line) {
        XCTAssertEqual(response.header("Access-Control-Allow-Origin"), "*", "CORS on \(response.status)", line: line)
        XCTAssertEqual(response.header("X-Content-Type-Options"), "nosniff", line: line)
    }

    // MARK: - Endpoints

    func mapPage() throws {
        let page = try server.get("/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertTrue(page.text.contains(#"<script src="/leaflet/leaflet.js"></script>"#))
        XCTAssertTrue(page.text.contains(#"href="/leaflet/leaflet.css""#))
        XCTAssertFalse(
            page.text.contains("http://") || page.text.contains("https://"), "the page loads nothing from outside")
        XCTAssertTrue(page.text.contains("/layers.json") && page.text.contains("/route?"))
        assertCommonHeaders(page)
        let etag = try XCTUnwrap(page.header("ETag"))
        let again = try server.get("/", headers: ["If-None-Match": etag])
        XCTAssertEqual(again.status, 304)
        XCTAssertTrue(again.body.isEmpty)
    }

    func leafletFiles() throws {
        for (path, type) in [
            ("leaflet.js", "text/javascript; charset=utf-8"), ("leaflet.css", "text/css; charset=utf-8"),
            ("images/marker-icon.png", "image/png"),
        ] {
            let response = try server.get("/leaflet/" + path)
            XCTAssertEqual(response.status, 200, path)
            XCTAssertEqual(response.header("Content-Type"), type, path)
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/javascript/leaflet/" + path))
            XCTAssertEqual(response.body, onDisk, "\(path) is served byte for byte")
            XCTAssertEqual(response.header("Content-Length"), String(onDisk.count))
        }
        XCTAssertEqual(try server.get("/leaflet/nonexistent.js").status, 404)
        XCTAssertEqual(try server.get("/leaflet/leaflet.css.gz").status, 404, "only known file types are served")
    }

    func health() throws {
        let response = try server.get("/health")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        XCTAssertEqual(response.header("Cache-Control"), "no-store")
        let body = try json(response)
        XCTAssertEqual(body["status"] as? String, "ok")
        XCTAssertEqual(body["version"] as? String, Geohub.version)
        let layers = try XCTUnwrap(body["layers"] as? [String: [String: Any]])
        XCTAssertEqual(Set(layers.keys), Set(server.facts.layerNames))
        for (name, layer) in layers {
            let built = try XCTUnwrap(layer["builtAt"] as? String, name)
            XCTAssertNotNil(try? Date(built, strategy: .iso8601), "\(name) builtAt '\(built)' is ISO 8601")
        }
    }

    func catalogue() throws {
        let response = try server.get("/layers.json")
        XCTAssertEqual(response.status, 200)
        let layers = try XCTUnwrap(try json(response)["layers"] as? [[String: Any]])
        XCTAssertEqual(layers.compactMap { $0["name"] as? String }.sorted(), server.facts.layerNames.sorted())
        for layer in layers {
            let minZoom = try XCTUnwrap(layer["minzoom"] as? Int)
            let maxZoom = try XCTUnwrap(layer["maxzoom"] as? Int)
            XCTAssertTrue(0 <= minZoom && minZoom <= maxZoom && maxZoom <= 22)
            let bounds = try XCTUnwrap(layer["bounds"] as? [Double])
            XCTAssertEqual(bounds.count, 4)
            XCTAssertTrue(bounds[0] < bounds[2] && bounds[1] < bounds[3])
            XCTAssertNotNil(layer["public"] as? Bool)
        }
    }

    func tiles() throws -> (body: Data, retina: Data) {
        let tile = server.facts.publicTile
        let response = try server.get(tile.path)
        XCTAssertEqual(response.status, 200, "\(tile)")
        XCTAssertEqual(response.header("Content-Type"), "image/png")
        XCTAssertEqual(response.body.prefix(8), Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG")
        XCTAssertEqual(response.header("Cache-Control"), "public, max-age=\(maxAge)")
        assertCommonHeaders(response)
        let etag = try XCTUnwrap(response.header("ETag"))
        XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"), "strong ETag \(etag)")
        XCTAssertEqual(etag, EntityTag.strong(for: response.body), "the ETag is the content hash")

        let again = try server.get(tile.path)
        XCTAssertEqual(again.body, response.body, "the same bytes from the cache")
        XCTAssertEqual(again.header("ETag"), etag)

        for condition in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
            let notModified = try server.get(tile.path, headers: ["If-None-Match": condition])
            XCTAssertEqual(notModified.status, 304, condition)
            XCTAssertTrue(notModified.body.isEmpty)
            XCTAssertEqual(notModified.header("ETag"), etag)
            XCTAssertEqual(notModified.header("Cache-Control"), "public, max-age=\(maxAge)")
        }
        XCTAssertEqual(try server.get(tile.path, headers: ["If-None-Match": "\"stale\""]).status, 200)

        let head = try server.get(tile.path, method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), String(response.body.count))
        XCTAssertEqual(head.header("ETag"), etag)
        XCTAssertTrue(head.body.isEmpty)

        let retina = try server.get(tile.retinaPath)
        XCTAssertEqual(retina.status, 200)
        XCTAssertNotEqual(retina.header("ETag"), etag, "@2x is another representation")
        return (response.body, retina.body)
    }

    var maxAge: Int { server is InProcessServer ? 600 : ServerSettings().cacheMaxAge }

    func emptyTile() throws {
        let response = try server.get(server.facts.emptyTile.path)
        XCTAssertEqual(response.status, 204, "\(server.facts.emptyTile)")
        XCTAssertTrue(response.body.isEmpty)
        XCTAssertNotNil(response.header("ETag"))
        assertCommonHeaders(response)
    }

    func notFound() throws {
        let facts = server.facts
        for target in [
            facts.outOfRangeTile.path, "/tiles/nosuchlayer/12/0/0.png", "/tiles/nosuchlayer.json",
            "/layers/nosuchlayer.geojson", "/nothing-here", "/tiles/\(facts.publicTile.layer)/1/2/0.png",
            "/tiles/\(facts.publicTile.layer)/\(facts.publicTile.z)/\(1 << facts.publicTile.z)/0.png",
        ] {
            let response = try server.get(target)
            XCTAssertEqual(response.status, 404, target)
            XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8", target)
            XCTAssertEqual(try json(response)["status"] as? Int, 404, target)
            assertCommonHeaders(response)
        }
    }

    func badRequests() throws {
        let layer = server.facts.publicTile.layer
        for target in [
            "/tiles/\(layer)/a/b/c.png", "/tiles/\(layer)/12/3/4.jpg", "/tiles/\(layer)/-1/0/0.png",
            "/tiles/\(layer)/23/0/0.png", "/tiles/\(layer)/12/3/4/5.png", "/tiles/\(layer)/12/+3/4.png",
            "/tiles/\(layer)/12/3/999999999.png", "/layers/\(layer)", "/route",
            "/route?from=140.0,38.1", "/route?from=abc&to=140.0,38.1", "/route?from=38.1,140.0&to=140.0,38.1",
            "/route?from=140.0,38.1&to=140.01,38.11&at=25:00",
            "\(server.facts.publicTile.path)?scenario=snow=3",
            "/layers/\(server.facts.featureLayer).geojson?scenario=rain=-5",
        ] {
            let response = try server.get(target)
            XCTAssertEqual(response.status, 400, target)
            XCTAssertNotNil(try json(response)["error"] as? String, target)
        }
        let swapped = try server.get("/route?from=38.1,140.0&to=140.0,38.1")
        XCTAssertTrue(try json(swapped)["error"].map { "\($0)" }?.contains("LON,LAT") == true, swapped.text)
    }

    func tileJSON() throws {
        let layer = server.facts.publicTile.layer
        let response = try server.get("/tiles/\(layer).json")
        XCTAssertEqual(response.status, 200)
        let body = try json(response)
        XCTAssertEqual(body["tilejson"] as? String, "3.0.0")
        let tiles = try XCTUnwrap(body["tiles"] as? [String])
        XCTAssertEqual(tiles, ["http://127.0.0.1:\(server.port)/tiles/\(layer)/{z}/{x}/{y}.png"])
        XCTAssertNotNil(response.header("ETag"))
        let odd = try server.get("/tiles/\(layer).json", headers: ["Host": "evil\"host"])
        XCTAssertFalse(odd.text.contains("evil"), "a malformed Host header is not echoed")
    }

    func geoJSON() throws {
        let layer = server.facts.featureLayer
        let response = try server.get("/layers/\(layer).geojson")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "application/geo+json")
        XCTAssertEqual(try json(response)["type"] as? String, "FeatureCollection")
        let etag = try XCTUnwrap(response.header("ETag"))
        XCTAssertEqual(try server.get("/layers/\(layer).geojson", headers: ["If-None-Match": etag]).status, 304)
        XCTAssertEqual(response.header("Cache-Control"), "public, max-age=\(maxAge)")
    }

    func scenario() throws {
        guard let layer = server.facts.scenarioLayer else { throw XCTSkip("no scenario-aware layer") }
        let plain = try server.get("/layers/\(layer).geojson")
        let rainy = try server.get("/layers/\(layer).geojson?scenario=rain=50")
        XCTAssertEqual(plain.status, 200)
        XCTAssertEqual(rainy.status, 200)
        XCTAssertNotEqual(plain.header("ETag"), rainy.header("ETag"), "a scenario is another representation")
        XCTAssertEqual(try server.get("/layers/\(layer).geojson?scenario=rain=50").body, rainy.body)
        // Layers that do not depend on rain ignore the parameter.
        let other = server.facts.publicTile
        XCTAssertEqual(
            try server.get(other.path + "?scenario=rain=50").header("ETag"),
            try server.get(other.path).header("ETag"))
    }

    func route() throws {
        let facts = server.facts
        let response = try server.get("/route?from=\(facts.routeFrom)&to=\(facts.routeTo)&at=07:45")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.header("Content-Type"), "application/geo+json")
        let features = try XCTUnwrap(try json(response)["features"] as? [[String: Any]])
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        XCTAssertEqual(Set(properties.compactMap { $0["route"] as? String }), ["safe", "shortest"])
        for route in properties {
            let length = try XCTUnwrap((route["length_m"] as? NSNumber)?.doubleValue)
            XCTAssertGreaterThan(length, 0)
            XCTAssertNotNil((route["risk"] as? NSNumber)?.doubleValue)
        }
        for feature in features {
            XCTAssertEqual((feature["geometry"] as? [String: Any])?["type"] as? String, "LineString")
        }
        // Under a rainfall scenario: both routes again; a malformed scenario is a 400.
        let rainy = try server.get("/route?from=\(facts.routeFrom)&to=\(facts.routeTo)&scenario=rain=80")
        XCTAssertEqual(rainy.status, 200, rainy.text)
        let rainyFeatures = try XCTUnwrap(try json(rainy)["features"] as? [[String: Any]])
        XCTAssertEqual(
            Set(rainyFeatures.compactMap { ($0["properties"] as? [String: Any])?["route"] as? String }),
            ["safe", "shortest"])
        let badRain = try server.get("/route?from=\(facts.routeFrom)&to=\(facts.routeTo)&scenario=rain=lots")
        XCTAssertEqual(badRain.status, 400, badRain.text)
        XCTAssertTrue(badRain.text.contains("scenario"), badRain.text)
    }

    func privateLayers() throws {
        guard let tile = server.facts.privateTile else { throw XCTSkip("no private layer") }
        let anonymous = try server.get(tile.path)
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.header("WWW-Authenticate"), "Bearer realm=\"geohub\"")
        assertCommonHeaders(anonymous)
        for header in [
            "Bearer wrong", "Bearer \(server.token)x", "Bearer \(server.token.dropLast())", "Basic \(server.token)",
            server.token, "Bearer",
        ] {
            let denied = try server.get(tile.path, headers: ["Authorization": header])
            XCTAssertEqual(denied.status, 401, header)
        }
        XCTAssertEqual(try server.get("/tiles/\(tile.layer).json").status, 401)
        XCTAssertEqual(try server.get("/layers/\(tile.layer).geojson").status, 401)
        let allowed = try server.get(tile.path, headers: ["Authorization": "Bearer \(server.token)"])
        XCTAssertTrue([200, 204].contains(allowed.status), "\(allowed.status)")
        XCTAssertEqual(allowed.header("Cache-Control"), "private, max-age=\(maxAge)", "never kept by shared caches")
        let outOfRange = TileRef(layer: tile.layer, z: 22, x: 0, y: 0)
        XCTAssertEqual(try server.get(outOfRange.path).status, 401, "no zoom range is revealed without the token")
    }

    func methods() throws {
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
            let response = try server.get(server.facts.publicTile.path, method: method)
            XCTAssertEqual(response.status, 405, method)
            XCTAssertEqual(response.header("Allow"), "GET, HEAD", method)
        }
        let withBody = try RawHTTP.request(
            port: server.port, method: "POST", "/route", body: Data(repeating: 65, count: 200_000))
        XCTAssertEqual(withBody.status, 405)
        try assertStillServing()
    }
}

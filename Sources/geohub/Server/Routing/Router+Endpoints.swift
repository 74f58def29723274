import Foundation
import GeoCore
import Layers

extension Router {
    /// `/layers/LAYER.geojson[?scenario=rain=MM]`.
    func geoJSONEndpoint(_ request: HTTPRequest, _ rest: String) -> HTTPResponse {
        guard rest.hasSuffix(".geojson"), !rest.contains("/") else {
            return .error(400, "expected /layers/LAYER.geojson")
        }
        let scenario: RainScenario?
        switch Self.scenario(in: request) {
        case .success(let value): scenario = value
        case .failure(let failure): return failure.response
        }
        let layer: MapLayer
        switch accessibleLayer(String(rest.dropLast(".geojson".count)), request) {
        case .success(let found): layer = found
        case .failure(let failure): return failure.response
        }
        guard layer.hasFeatures else {
            return .error(404, "layer '\(layer.name)' is a surface with no features; use its tiles")
        }
        let effective = layer.isScenarioAware ? scenario : nil
        let key = CacheKey(
            layer: layer.name, revision: layer.revision, kind: .geoJSON,
            scenario: effective?.argumentDescription)
        do {
            let entity = try cache.entity(for: key) { try service.geoJSON(layer: layer.name, scenario: effective) }
            return conditional(
                request, entity, contentType: "application/geo+json",
                cacheControl: cacheControl(for: layer))
        } catch {
            return answer(for: error)
        }
    }

    /// `/route?from=LON,LAT&to=LON,LAT[&at=HH:MM][&scenario=rain=MM]`.
    func routeAnswer(_ request: HTTPRequest) -> HTTPResponse {
        let from: Coordinate
        let to: Coordinate
        let at: TimeOfDay?
        let scenario: RainScenario?
        switch Self.scenario(in: request) {
        case .success(let value): scenario = value
        case .failure(let failure): return failure.response
        }
        do {
            guard let fromText = request.query["from"], let toText = request.query["to"] else {
                return .error(400, "expected /route?from=LON,LAT&to=LON,LAT[&at=HH:MM][&scenario=rain=MM]")
            }
            from = try Coordinate(argument: fromText, option: "from")
            to = try Coordinate(argument: toText, option: "to")
            at = try request.query["at"].map { try TimeOfDay(argument: $0, option: "at") }
        } catch {
            return .error(400, String(describing: error))
        }
        do {
            let body = try service.route(from: from, to: to, at: at, scenario: scenario)
            return conditional(
                request, CachedEntity(body: body), contentType: "application/geo+json",
                cacheControl: "no-cache")
        } catch {
            return answer(for: error)
        }
    }

    /// `/health`: always 200 while the server runs.
    func health() -> HTTPResponse {
        var layers: [String: JSONValue] = [:]
        for layer in service.layers() {
            layers[layer.name.rawValue] = [
                "builtAt": .string(Self.timestamp(layer.builtAt)),
                "revision": .int(layer.revision),
            ]
        }
        let stats = cache.statistics
        let body = JSONValue.object([
            "status": "ok", "name": .string(service.name), "version": .string(Geohub.version),
            "startedAt": .string(Self.timestamp(startedAt)), "layers": .object(layers),
            "cache": [
                "entries": .int(stats.entries), "bytes": .int(stats.bytes), "budget": .int(stats.budget),
                "hits": .int(stats.hits), "misses": .int(stats.misses), "renders": .int(stats.renders),
            ],
        ]).jsonData()
        var response = HTTPResponse.json(200, body)
        response.setHeader("Cache-Control", "no-store")
        return response
    }

    /// `/layers.json`: what the map page needs to list, draw and explain every layer.
    func catalogue() -> HTTPResponse {
        let layers: [JSONValue] = service.layers().map { layer in
            [
                "name": .string(layer.name.rawValue), "title": .string(layer.title), "public": .bool(layer.isPublic),
                "minzoom": .int(layer.minZoom), "maxzoom": .int(layer.maxZoom),
                "bounds": .array(layer.bounds.array.map(JSONValue.double)), "legend": layer.legend,
                "builtAt": .string(Self.timestamp(layer.builtAt)), "revision": .int(layer.revision),
                "geojson": .bool(layer.hasFeatures), "scenario": .bool(layer.isScenarioAware),
            ]
        }
        var response = HTTPResponse.json(
            200, JSONValue.object(["name": .string(service.name), "layers": .array(layers)]).jsonData())
        response.setHeader("Cache-Control", "no-cache")
        return response
    }

    /// `/leaflet/…` from the Leaflet folder.
    func leafletFile(_ request: HTTPRequest, _ relativePath: String) -> HTTPResponse {
        switch leaflet.lookup(relativePath) {
        case .file(let body, let contentType, let etag):
            return conditional(
                request, CachedEntity(body: body, etag: etag), contentType: contentType,
                cacheControl: "public, max-age=86400")
        case .notFound:
            return .error(404, "no such Leaflet file")
        case .forbiddenPath:
            return .error(400, "path segments may not be empty, '.' or '..'")
        }
    }

    /// ISO 8601 in UTC with seconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

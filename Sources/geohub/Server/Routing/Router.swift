import Foundation
import Layers

/// Answers one request: picks the endpoint from the path, applies method, auth and
/// caching rules, and asks the ``MapService`` for data. Called concurrently from
/// libmicrohttpd's threads; everything it holds is immutable or locked.
///
/// | path | answer |
/// |---|---|
/// | `/` | the map page |
/// | `/health` | status, version, layer build times |
/// | `/layers.json` | the layer catalogue the map page reads |
/// | `/tiles/LAYER/Z/X/Y.png`, `…/Y@2x.png` | PNG, 204 when empty, 404 outside the zoom range |
/// | `/tiles/LAYER.json` | TileJSON 3.0.0 |
/// | `/layers/LAYER.geojson` | the layer's features |
/// | `/route?from=LON,LAT&to=LON,LAT[&at=HH:MM]` | GeoJSON of the safe and the shortest route |
/// | `/leaflet/…` | Leaflet's files |
final class Router: Sendable {
    static let allowedMethods = "GET, HEAD"

    let service: any MapService
    let configuration: ServerConfiguration
    let cache: ResponseCache
    let leaflet: StaticFiles
    let authorization: BearerAuthorization
    /// The address the server is bound to (`http://127.0.0.1:8080`), no trailing slash.
    let boundURL: String
    let startedAt: Date
    private let mapPage: CachedEntity
    private let seenRevisions = Locked<[LayerName: Int]>([:])

    init(service: any MapService, configuration: ServerConfiguration, boundURL: String) {
        self.service = service
        self.configuration = configuration
        self.boundURL = boundURL
        cache = ResponseCache(budget: configuration.cacheBytes)
        leaflet = StaticFiles(root: configuration.leafletDirectory)
        authorization = BearerAuthorization(token: configuration.token)
        startedAt = Date()
        mapPage = CachedEntity(body: Data(MapPage.html(title: service.name).utf8))
    }

    /// The answer to `request`; never throws, never crashes on client input.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        earlyAnswer(to: request) ?? finish(route(request))
    }

    /// The answer to give before reading any body: 405 for a method other than
    /// GET/HEAD, 400 for a malformed request; nil when the request is fine so far.
    func earlyAnswer(to request: HTTPRequest) -> HTTPResponse? {
        if request.method != "GET" && request.method != "HEAD" {
            var response = HTTPResponse.error(405, "method \(request.method) is not allowed; use GET or HEAD")
            response.setHeader("Allow", Self.allowedMethods)
            return finish(response)
        }
        if let problem = Self.malformation(of: request) { return finish(.error(400, problem)) }
        return nil
    }

    /// Adds the headers every answer carries.
    private func finish(_ answer: HTTPResponse) -> HTTPResponse {
        var response = answer
        if !configuration.corsOrigin.isEmpty {
            response.setHeader("Access-Control-Allow-Origin", configuration.corsOrigin)
            response.setHeader("Access-Control-Expose-Headers", "ETag")
        }
        response.setHeader("X-Content-Type-Options", "nosniff")
        return response
    }

    /// What is wrong with a request libmicrohttpd accepted but geohub will not: control
    /// characters in the path or query (a decoded `%00` arrives as DEL), or a body on
    /// GET/HEAD (no endpoint takes one, and a body there is a request-smuggling tool).
    static func malformation(of request: HTTPRequest) -> String? {
        func hasControl(_ text: String) -> Bool {
            // Every control character is one ASCII byte in UTF-8.
            text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
        }
        if hasControl(request.path) || request.query.contains(where: { hasControl($0.key) || hasControl($0.value) }) {
            return "control characters (such as %00) are not allowed in the path or query"
        }
        if request.header("Transfer-Encoding") != nil || request.header("Content-Length").map({ $0 != "0" }) == true {
            return "GET and HEAD requests to geohub carry no body"
        }
        return nil
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path
        switch path {
        case "/", "/index.html":
            return conditional(request, mapPage, contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
        case "/health":
            return health()
        case "/layers.json":
            return catalogue()
        case "/route":
            return routeAnswer(request)
        default:
            break
        }
        if path.hasPrefix("/leaflet/") { return leafletFile(request, String(path.dropFirst("/leaflet/".count))) }
        if path.hasPrefix("/tiles/") { return tileEndpoint(request, String(path.dropFirst("/tiles/".count))) }
        if path.hasPrefix("/layers/") { return geoJSONEndpoint(request, String(path.dropFirst("/layers/".count))) }
        return .error(404, "no such endpoint; see / for the map and /layers.json for the layers")
    }

    /// 200 with the body (204 when it is empty), or 304 when `If-None-Match` holds its tag.
    func conditional(
        _ request: HTTPRequest, _ entity: CachedEntity, contentType: String,
        cacheControl: String
    ) -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("ETag", entity.etag), ("Cache-Control", cacheControl)]
        if let header = request.header("If-None-Match"), EntityTag.matches(ifNoneMatch: header, tag: entity.etag) {
            return HTTPResponse(status: 304, headers: headers)
        }
        guard let body = entity.body else { return HTTPResponse(status: 204, headers: headers) }
        headers.insert(("Content-Type", contentType), at: 0)
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    /// `public, max-age=N` for public layers, `private, max-age=N` for the others
    /// (so shared caches and CDNs never keep them).
    func cacheControl(for layer: MapLayer) -> String {
        "\(layer.isPublic ? "public" : "private"), max-age=\(configuration.maxAge)"
    }

    /// The layer named `text` as the service has it now, or the answer to give instead:
    /// 404 for an unknown or unbuilt layer, 401 for a private layer without the token.
    func accessibleLayer(_ text: String, _ request: HTTPRequest) -> Result<MapLayer, ErrorAnswer> {
        guard let name = LayerName(rawValue: text) else {
            return .failure(ErrorAnswer(.error(404, "unknown layer '\(text)'; see /layers.json")))
        }
        guard let layer = service.layers().first(where: { $0.name == name }) else {
            return .failure(ErrorAnswer(.error(404, "layer '\(text)' is not built (its sources are missing)")))
        }
        if !layer.isPublic, !authorization.authorises(request.header("Authorization")) {
            var answer = HTTPResponse.error(401, "layer '\(text)' is private; send Authorization: Bearer TOKEN")
            let given = request.header("Authorization") != nil
            answer.setHeader("WWW-Authenticate", "Bearer realm=\"geohub\"" + (given ? ", error=\"invalid_token\"" : ""))
            return .failure(ErrorAnswer(answer))
        }
        noteRevision(layer)
        return .success(layer)
    }

    /// The answer for an error thrown by the service: 404/400 for the client's
    /// mistakes, 500 (logged, not detailed to the client) for anything else.
    func answer(for error: any Error) -> HTTPResponse {
        switch error {
        case MapServiceError.layerNotBuilt(let name):
            return .error(404, "layer '\(name)' is not built (its sources are missing)")
        case MapServiceError.invalidRequest(let message):
            return .error(400, message)
        default:
            var response = HTTPResponse.error(500, "internal error; the server log has the details")
            response.logNote = String(describing: error)
            return response
        }
    }

    /// Frees the cache of a layer's old revision the first time a new one is seen.
    private func noteRevision(_ layer: MapLayer) {
        let previous = seenRevisions.withLock { seen -> Int? in
            let previous = seen[layer.name]
            if previous.map({ $0 < layer.revision }) ?? true { seen[layer.name] = layer.revision }
            return previous
        }
        if let previous, previous < layer.revision { cache.evict(layer: layer.name, before: layer.revision) }
    }
}

/// An HTTP answer carried as an error value through `Result`.
struct ErrorAnswer: Error, Sendable {
    var response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
}

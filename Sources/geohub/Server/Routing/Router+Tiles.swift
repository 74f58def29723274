import Foundation
import Layers

extension Router {
    /// `/tiles/LAYER.json` and `/tiles/LAYER/Z/X/Y.png` / `…/Y@2x.png`.
    func tileEndpoint(_ request: HTTPRequest, _ rest: String) -> HTTPResponse {
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, parts[0].hasSuffix(".json") {
            return tileJSON(request, String(parts[0].dropLast(".json".count)))
        }
        guard parts.count == 4 else {
            return .error(400, "expected /tiles/LAYER/Z/X/Y.png, /tiles/LAYER/Z/X/Y@2x.png or /tiles/LAYER.json")
        }
        let file = parts[3]
        let scale: TileScale
        let yText: String
        if file.hasSuffix("@2x.png") {
            scale = .retina
            yText = String(file.dropLast("@2x.png".count))
        } else if file.hasSuffix(".png") {
            scale = .standard
            yText = String(file.dropLast(".png".count))
        } else {
            return .error(400, "tiles end in .png or @2x.png, got '\(file)'")
        }
        guard let z = Self.tileNumber(parts[1]), let x = Self.tileNumber(parts[2]), let y = Self.tileNumber(yText),
            z <= ZoomRange.allowed.upperBound
        else { return .error(400, "expected /tiles/LAYER/Z/X/Y.png with whole numbers and Z ≤ 22") }
        let scenario: RainScenario?
        switch Self.scenario(in: request) {
        case .success(let value): scenario = value
        case .failure(let failure): return failure.response
        }
        let layer: MapLayer
        switch accessibleLayer(parts[0], request) {
        case .success(let found): layer = found
        case .failure(let failure): return failure.response
        }
        guard layer.zoomRange.contains(z) else {
            return .error(404, "layer '\(layer.name)' has zooms \(layer.minZoom)-\(layer.maxZoom), not \(z)")
        }
        guard x < 1 << z, y < 1 << z else { return .error(404, "tile \(z)/\(x)/\(y) does not exist at zoom \(z)") }
        let effective = layer.isScenarioAware ? scenario : nil
        let key = CacheKey(
            layer: layer.name, revision: layer.revision,
            kind: .tile(z: z, x: x, y: y, scale: scale), scenario: effective?.argumentDescription)
        do {
            let entity = try cache.entity(for: key) {
                try service.tile(layer: layer.name, z: z, x: x, y: y, scale: scale, scenario: effective)
            }
            return conditional(request, entity, contentType: "image/png", cacheControl: cacheControl(for: layer))
        } catch {
            return answer(for: error)
        }
    }

    /// `/tiles/LAYER.json`: TileJSON with `tiles` pointing back at this server.
    private func tileJSON(_ request: HTTPRequest, _ name: String) -> HTTPResponse {
        let layer: MapLayer
        switch accessibleLayer(name, request) {
        case .success(let found): layer = found
        case .failure(let failure): return failure.response
        }
        let template = publicBaseURL(request) + "/tiles/\(layer.name.rawValue)/{z}/{x}/{y}.png"
        do {
            let body = try service.tileJSON(layer: layer.name, tileURLTemplate: template)
            return conditional(
                request, CachedEntity(body: body), contentType: "application/json; charset=utf-8",
                cacheControl: cacheControl(for: layer))
        } catch {
            return answer(for: error)
        }
    }

    /// The configured public URL, else `http://HOST` from a well-formed Host header,
    /// else the bound address.
    func publicBaseURL(_ request: HTTPRequest) -> String {
        if let configured = configuration.publicURL {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        if let host = request.header("Host"), (1...255).contains(host.count),
            host.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0))
            })
        {
            return "http://\(host)"
        }
        return boundURL
    }

    /// A tile coordinate: ASCII digits only (no sign, no spaces), at most 8 of them.
    static func tileNumber(_ text: String) -> Int? {
        guard (1...8).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }

    /// The `scenario` query parameter: nil when absent, 400 when malformed.
    static func scenario(in request: HTTPRequest) -> Result<RainScenario?, ErrorAnswer> {
        guard let text = request.query["scenario"] else { return .success(nil) }
        do {
            return .success(try RainScenario(argument: text, option: "scenario"))
        } catch {
            return .failure(ErrorAnswer(.error(400, String(describing: error))))
        }
    }
}

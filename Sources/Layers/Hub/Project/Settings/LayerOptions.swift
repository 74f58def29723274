/// Settings every layer has: whether it is built, whether it is public, and the zoom
/// range it is served and exported at.
public struct LayerOptions: Sendable, Hashable {
    /// Whether `geohub build` builds the layer (default true).
    public var enabled: Bool
    /// Whether the server answers without the bearer token (default true, except
    /// `child-traffic`, which is private by default).
    public var isPublic: Bool
    /// Lowest zoom served and exported (default 8).
    public var minZoom: Int
    /// Highest zoom served and exported (default 17).
    public var maxZoom: Int

    public init(enabled: Bool = true, isPublic: Bool, minZoom: Int = 8, maxZoom: Int = 17) {
        self.enabled = enabled
        self.isPublic = isPublic
        self.minZoom = minZoom
        self.maxZoom = maxZoom
    }

    /// The defaults for `layer`.
    public static func defaults(for layer: LayerName) -> LayerOptions {
        LayerOptions(isPublic: layer.isPublicByDefault)
    }

    /// Reads `enabled`, `public`, `minZoom` and `maxZoom` from a layer's object.
    init(_ object: SettingsObject?, layer: LayerName) throws(ProjectError) {
        self = .defaults(for: layer)
        guard let object else { return }
        enabled = try object.bool("enabled", default: enabled)
        isPublic = try object.bool("public", default: isPublic)
        minZoom = try object.integer("minZoom", default: minZoom, in: 0...24, expectation: "a zoom level from 0 to 24")
        maxZoom = try object.integer("maxZoom", default: maxZoom, in: 0...24, expectation: "a zoom level from 0 to 24")
        guard minZoom <= maxZoom else {
            throw object.error("maxZoom", "expected a zoom level not below minZoom (\(minZoom)), got \(maxZoom)")
        }
    }
}

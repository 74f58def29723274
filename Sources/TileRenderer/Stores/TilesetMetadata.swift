import GeoCore

/// What every tile store records about a tileset: its name, extent, zooms and
/// credits (MBTiles `metadata`, PMTiles header and JSON, TileJSON).
public struct TilesetMetadata: Sendable, Hashable {
    /// The layer name: file names (`LAYER.mbtiles`) and TileJSON `name`.
    public var name: String
    public var description: String
    public var attribution: String
    /// The lon/lat extent of the tiles' content.
    public var bounds: BoundingBox
    public var minZoom: Int
    public var maxZoom: Int
    /// Where a viewer should open: lon/lat and a zoom.
    public var center: Coordinate
    public var centerZoom: Int
    public var scale: TileScale
    /// Extra JSON (for example the legend) stored beside the standard keys.
    public var extra: [String: JSONValue]

    public init(
        name: String, description: String = "", attribution: String = "", bounds: BoundingBox,
        minZoom: Int, maxZoom: Int, center: Coordinate? = nil, centerZoom: Int? = nil,
        scale: TileScale = .standard, extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.description = description
        self.attribution = attribution
        self.bounds = bounds
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.center = center ?? bounds.center
        self.centerZoom = centerZoom ?? min(max(minZoom, (minZoom + maxZoom) / 2), maxZoom)
        self.scale = scale
        self.extra = extra
    }

    /// The tile file name of `tile` in a folder store: `Y.png` or `Y@2x.png`.
    func fileName(_ tile: TileID) -> String { "\(tile.y)\(scale.suffix).png" }

    /// TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) for
    /// tiles served at `tilesURL` (a template with `{z}`, `{x}`, `{y}`).
    public func tileJSON(tilesURL: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "tilejson": "3.0.0",
            "name": .string(name),
            "tiles": .array([.string(tilesURL)]),
            "scheme": "xyz",
            "minzoom": .int(minZoom),
            "maxzoom": .int(maxZoom),
            "bounds": .array(bounds.array.map { .double(TilesetMetadata.rounded($0)) }),
            "center": .array([
                .double(TilesetMetadata.rounded(center.x)), .double(TilesetMetadata.rounded(center.y)),
                .int(centerZoom),
            ]),
            "format": "png",
            "version": "1.0.0",
        ]
        if !description.isEmpty { object["description"] = .string(description) }
        if !attribution.isEmpty { object["attribution"] = .string(attribution) }
        if scale != .standard { object["tileSize"] = .int(scale.tileSize) }
        for (key, value) in extra where object[key] == nil { object[key] = value }
        return .object(object)
    }

    /// Degrees rounded to 7 decimals (about a centimetre), as stores print them.
    static func rounded(_ degrees: Double) -> Double { (degrees * 1e7).rounded() / 1e7 }

    /// `w,s,e,n` as MBTiles writes bounds.
    var boundsText: String {
        bounds.array.map { TilesetMetadata.text(TilesetMetadata.rounded($0)) }.joined(separator: ",")
    }

    /// `lon,lat,zoom` as MBTiles writes the centre.
    var centerText: String {
        "\(TilesetMetadata.text(TilesetMetadata.rounded(center.x))),\(TilesetMetadata.text(TilesetMetadata.rounded(center.y))),\(centerZoom)"
    }

    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

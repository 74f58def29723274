import GeoCore

/// A layer's style overrides from the project file's `styles` object. Anything left
/// nil keeps the renderer's built-in style for that layer.
public struct StyleOverride: Sendable, Hashable {
    /// Layer opacity, 0…1.
    public var opacity: Double?
    /// Main colour as `#rrggbb` or `#rrggbbaa`.
    public var color: String?
    /// Colour ramp for grids and choropleths, low to high, at least two `#rrggbb[aa]` colours.
    public var ramp: [String]?
    /// Line width in pixels at 256-pixel tiles.
    public var lineWidth: Double?
    /// Point radius in pixels at 256-pixel tiles.
    public var pointRadius: Double?

    public init(
        opacity: Double? = nil, color: String? = nil, ramp: [String]? = nil, lineWidth: Double? = nil,
        pointRadius: Double? = nil
    ) {
        self.opacity = opacity
        self.color = color
        self.ramp = ramp
        self.lineWidth = lineWidth
        self.pointRadius = pointRadius
    }

    /// Reads the `styles` object: layer name → override.
    static func parse(_ value: JSONValue?) throws(ProjectError) -> [LayerName: StyleOverride] {
        guard let value else { return [:] }
        let object = try SettingsObject(value, path: "styles")
        var styles: [LayerName: StyleOverride] = [:]
        for layer in LayerName.allCases {
            guard let style = try object.object(layer.rawValue) else { continue }
            styles[layer] = try StyleOverride(style)
        }
        for key in object.values.keys.sorted() where LayerName(rawValue: key) == nil {
            throw ProjectError(
                path: object.path(key),
                reason: "unknown layer (the layers are "
                    + "\(LayerName.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return styles
    }

    private init(_ object: SettingsObject) throws(ProjectError) {
        if object.values["opacity"] != nil {
            opacity = try object.fraction("opacity", default: 1)
        } else {
            _ = object.value("opacity")
        }
        color = try Self.colour(object, "color")
        if let items = try object.array("ramp") {
            var colours: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, Self.isColour(text) else {
                    throw object.error(
                        "ramp", "expected colours such as \"#1a9850\"; item \(index) is \(item.kindDescription)")
                }
                colours.append(text)
            }
            guard colours.count >= 2 else { throw object.error("ramp", "expected at least two colours") }
            ramp = colours
        }
        if object.values["lineWidth"] != nil {
            lineWidth = try object.positiveNumber("lineWidth", default: 1, maximum: 64, unit: " of pixels")
        } else {
            _ = object.value("lineWidth")
        }
        if object.values["pointRadius"] != nil {
            pointRadius = try object.positiveNumber("pointRadius", default: 1, maximum: 64, unit: " of pixels")
        } else {
            _ = object.value("pointRadius")
        }
        try object.finish()
    }

    private static func colour(_ object: SettingsObject, _ key: String) throws(ProjectError) -> String? {
        guard let text = try object.string(key) else { return nil }
        guard isColour(text) else { throw object.error(key, "expected a colour such as \"#d73027\", got \"\(text)\"") }
        return text
    }

    /// Whether `text` is `#rrggbb` or `#rrggbbaa` in hexadecimal.
    static func isColour(_ text: String) -> Bool {
        let digits = text.utf8.dropFirst()
        return text.hasPrefix("#") && (digits.count == 6 || digits.count == 8)
            && digits.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0)
            }
    }
}

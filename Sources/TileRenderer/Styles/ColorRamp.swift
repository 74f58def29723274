/// A continuous colour scale: colours at positions 0…1, interpolated linearly between.
///
/// Positions are fractions of a ``RampDomain``; the renderer maps a value to a position
/// with one normalisation for the whole layer, never per tile, so tiles never seam.
public struct ColorRamp: Sendable, Hashable {
    /// One colour at a position in 0…1.
    public struct Stop: Sendable, Hashable {
        public var position: Double
        public var color: Color

        public init(_ position: Double, _ color: Color) {
            self.position = position
            self.color = color
        }
    }

    /// Stops sorted by position, at least one.
    public let stops: [Stop]

    /// A ramp through `stops` (sorted here; positions clamped to 0…1).
    public init(stops: [Stop]) throws(StyleError) {
        guard !stops.isEmpty else { throw StyleError("a colour ramp needs at least one stop") }
        guard stops.allSatisfy({ $0.position.isFinite }) else {
            throw StyleError("ramp stop positions must be numbers")
        }
        self.stops = stops.map { Stop(min(max($0.position, 0), 1), $0.color) }.sorted { $0.position < $1.position }
    }

    /// A ramp with `colors` evenly spaced from 0 to 1.
    public init(evenlySpaced colors: [Color]) throws(StyleError) {
        guard !colors.isEmpty else { throw StyleError("a colour ramp needs at least one colour") }
        let last = Double(max(colors.count - 1, 1))
        try self.init(stops: colors.enumerated().map { Stop(Double($0.offset) / last, $0.element) })
    }

    private init(unchecked colors: [String]) {
        let parsed = colors.compactMap { Color($0) }
        let last = Double(max(parsed.count - 1, 1))
        stops = parsed.enumerated().map { Stop(Double($0.offset) / last, $0.element) }
    }

    private init(uncheckedStops: [(Double, String)]) {
        stops = uncheckedStops.compactMap { position, text in Color(text).map { Stop(position, $0) } }
    }

    /// The colour at position `t` (clamped to 0…1).
    public func color(at t: Double) -> Color {
        guard let first = stops.first, let last = stops.last else { return .transparent }
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        if t <= first.position { return first.color }
        if t >= last.position { return last.color }
        for i in 1..<stops.count where t <= stops[i].position {
            let a = stops[i - 1]
            let b = stops[i]
            let span = b.position - a.position
            return span > 0 ? a.color.mixed(with: b.color, (t - a.position) / span) : b.color
        }
        return last.color
    }

    /// 256 premultiplied colours sampled evenly: the per-pixel lookup table of grid rendering.
    func lookupTable(opacity: Double) -> [UInt32] {
        (0..<256).map { color(at: Double($0) / 255).multiplyingOpacity(by: opacity).premultipliedPixel }
    }

    // MARK: - Named ramps (ColorBrewer and matplotlib colours)

    /// Yellow–orange–red (ColorBrewer YlOrRd, 9 classes): sequential, for counts and risk.
    public static let yellowOrangeRed = ColorRamp(unchecked: [
        "#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
    ])
    /// Yellow–orange–brown (ColorBrewer YlOrBr, 9 classes): sequential, for wildlife risk.
    public static let yellowOrangeBrown = ColorRamp(unchecked: [
        "#ffffe5", "#fff7bc", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#993404", "#662506",
    ])
    /// Blues (ColorBrewer, 9 classes): sequential.
    public static let blues = ColorRamp(unchecked: [
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b",
    ])
    /// Greens (ColorBrewer, 9 classes): sequential.
    public static let greens = ColorRamp(unchecked: [
        "#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b",
    ])
    /// Viridis (matplotlib), perceptually uniform and colour-blind safe.
    public static let viridis = ColorRamp(unchecked: [
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725",
    ])
    /// Red–blue (ColorBrewer RdBu, 11 classes): diverging, red below the midpoint
    /// (decline), blue above it (growth), near-white in the middle.
    public static let redBlue = ColorRamp(unchecked: [
        "#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac",
        "#053061",
    ])
    /// A heat ramp for densities: transparent at zero, then YlOrRd growing more opaque,
    /// so empty areas show the map beneath.
    public static let density = ColorRamp(uncheckedStops: [
        (0, "#ffffcc00"), (0.02, "#ffeda066"), (0.15, "#fed976a6"), (0.35, "#feb24cc8"), (0.6, "#fc4e2ade"),
        (0.8, "#e31a1ceb"), (1, "#800026f2"),
    ])

    /// Ramps by name, as the project file names them: `sequential` (= `YlOrRd`),
    /// `diverging` (= `RdBu`), `density`, `Blues`, `Greens`, `YlOrBr`, `viridis`.
    public static let named: [String: ColorRamp] = [
        "sequential": yellowOrangeRed, "ylorrd": yellowOrangeRed, "diverging": redBlue, "rdbu": redBlue,
        "density": density, "heat": density, "blues": blues, "greens": greens, "viridis": viridis,
        "ylorbr": yellowOrangeBrown,
    ]
}

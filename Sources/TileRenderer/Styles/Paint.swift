import GeoCore

/// Which values a ramp spans.
public enum RampDomain: Sendable, Hashable {
    /// A fixed interval (`lower` maps to the ramp's start, `upper` to its end).
    case fixed(lower: Double, upper: Double)
    /// From the smallest to the largest value in the whole layer.
    case data
    /// From `-m` to `+m`, `m` the largest magnitude in the layer: zero sits at the
    /// middle of a diverging ramp.
    case symmetric
    /// From 0 to the largest value in the layer (densities, counts).
    case zeroToMaximum

    /// The concrete interval for the given layer values (ignoring non-finite ones).
    public func resolve<S: Sequence>(_ values: S) -> ClosedRange<Double> where S.Element == Double {
        var lo = Double.infinity
        var hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if lo > hi {
            lo = 0
            hi = 1
        }
        var range: (Double, Double)
        switch self {
        case .fixed(let lower, let upper): range = (min(lower, upper), max(lower, upper))
        case .data: range = (lo, hi)
        case .symmetric:
            let m = max(abs(lo), abs(hi))
            range = (-m, m)
        case .zeroToMaximum: range = (0, max(hi, 0))
        }
        if range.1 <= range.0 { range.1 = range.0 + 1 }  // a flat layer still maps somewhere
        return range.0...range.1
    }
}

/// How a feature's colour is chosen: one colour, by category, or along a ramp.
public enum Paint: Sendable, Hashable {
    /// The same colour for every feature.
    case color(Color)
    /// The colour of the feature's `property` value (compared as text: `1`, `"1"` and
    /// `1.0` all match the key "1"); features with another value get `other` (or are
    /// not drawn when it is nil).
    case categories(property: String, colors: [String: Color], other: Color?)
    /// A colour along `ramp` for the feature's numeric `property`, normalised over
    /// `domain`; features without a number get `other` (or are not drawn).
    case ramp(property: String, ramp: ColorRamp, domain: RampDomain, other: Color?)
    /// The colour written in the feature's `property` (`"#rrggbb"`, as GTFS
    /// `route_color`), or `other` when it has none.
    case colorProperty(property: String, other: Color?)

    /// The property this paint reads, if any.
    public var property: String? {
        switch self {
        case .color: nil
        case .categories(let property, _, _), .ramp(let property, _, _, _), .colorProperty(let property, _): property
        }
    }

    /// The colour of one feature, given the layer-wide interval `domain` for ramps.
    public func color(for properties: [String: JSONValue], domain: ClosedRange<Double>?) -> Color? {
        switch self {
        case .color(let color):
            return color
        case .categories(let property, let colors, let other):
            guard let key = properties[property].flatMap(Paint.categoryKey) else { return other }
            return colors[key] ?? other
        case .ramp(let property, let ramp, _, let other):
            guard let value = properties[property]?.doubleValue, value.isFinite, let domain else { return other }
            return ramp.color(at: (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound))
        case .colorProperty(let property, let other):
            guard let text = properties[property]?.stringValue, let color = Color(text) else { return other }
            return color
        }
    }

    /// A property value as a category key: strings as they are, numbers without a
    /// trailing `.0`, booleans as `true`/`false`.
    static func categoryKey(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}

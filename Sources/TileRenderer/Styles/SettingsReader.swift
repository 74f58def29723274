import GeoCore

/// Typed access to a settings object with error messages that name the key.
struct SettingsReader {
    let settings: [String: JSONValue]
    let context: String

    func has(_ key: String) -> Bool { settings[key] != nil }

    func check(allowed: Set<String>) throws(StyleError) {
        let unknown = settings.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw StyleError(
                "\(context): unknown key \(unknown.joined(separator: ", ")); known keys are "
                    + allowed.sorted().joined(separator: ", "))
        }
    }

    func string(_ key: String) throws(StyleError) -> String? {
        guard let value = settings[key] else { return nil }
        guard let s = value.stringValue else { throw StyleError("\(context).\(key) must be a string") }
        return s
    }

    func number(_ key: String) throws(StyleError) -> Double? {
        guard let value = settings[key] else { return nil }
        guard let d = value.doubleValue, d.isFinite else { throw StyleError("\(context).\(key) must be a number") }
        return d
    }

    func fraction(_ key: String) throws(StyleError) -> Double? {
        guard let d = try number(key) else { return nil }
        guard (0...1).contains(d) else { throw StyleError("\(context).\(key) must be between 0 and 1, not \(d)") }
        return d
    }

    func positive(_ key: String) throws(StyleError) -> Double? {
        guard let d = try number(key) else { return nil }
        guard d > 0 else { throw StyleError("\(context).\(key) must be greater than 0, not \(d)") }
        return d
    }

    func numbers(_ key: String) throws(StyleError) -> [Double]? {
        guard let value = settings[key] else { return nil }
        guard let array = value.arrayValue else { throw StyleError("\(context).\(key) must be a list of numbers") }
        var result: [Double] = []
        for item in array {
            guard let d = item.doubleValue, d.isFinite, d >= 0 else {
                throw StyleError("\(context).\(key) must hold non-negative numbers")
            }
            result.append(d)
        }
        return result
    }

    func object(_ key: String) throws(StyleError) -> [String: JSONValue]? {
        guard let value = settings[key], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw StyleError("\(context).\(key) must be an object or null") }
        return object
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(StyleError) -> E?
    where E.RawValue == String {
        guard let s = try string(key) else { return nil }
        guard let e = E(rawValue: s) else {
            throw StyleError("\(context).\(key) must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return e
    }

    func color(_ key: String) throws(StyleError) -> Color? {
        guard let value = settings[key], !value.isNull else { return nil }
        return try SettingsReader.color(value, "\(context).\(key)")
    }

    static func color(_ value: JSONValue, _ name: String) throws(StyleError) -> Color {
        guard let text = value.stringValue, let color = Color(text) else {
            throw StyleError("\(name) must be a colour such as \"#c83232\", \"#c8323266\" or \"rgba(200,50,50,0.4)\"")
        }
        return color
    }

    /// A paint, or nil for JSON null.
    func paint(_ key: String) throws(StyleError) -> Paint? {
        guard let value = settings[key], !value.isNull else { return nil }
        let name = "\(context).\(key)"
        if value.stringValue != nil { return .color(try SettingsReader.color(value, name)) }
        guard let object = value.objectValue else { throw StyleError("\(name) must be a colour or an object") }
        let inner = SettingsReader(settings: object, context: name)
        try inner.check(allowed: ["property", "categories", "ramp", "domain", "other"])
        guard let property = try inner.string("property") else { throw StyleError("\(name).property is required") }
        let other = try inner.color("other")
        if let categories = object["categories"] {
            guard let map = categories.objectValue else {
                throw StyleError("\(name).categories must map values to colours")
            }
            var colors: [String: Color] = [:]
            for (k, v) in map { colors[k] = try SettingsReader.color(v, "\(name).categories.\(k)") }
            return .categories(property: property, colors: colors, other: other)
        }
        guard let ramp = try inner.ramp("ramp") else { throw StyleError("\(name) needs categories or a ramp") }
        return .ramp(property: property, ramp: ramp, domain: try inner.domain("domain") ?? .data, other: other)
    }

    func ramp(_ key: String) throws(StyleError) -> ColorRamp? {
        guard let value = settings[key] else { return nil }
        let name = "\(context).\(key)"
        if let text = value.stringValue {
            guard let ramp = ColorRamp.named[text.lowercased()] else {
                throw StyleError(
                    "\(name): unknown ramp '\(text)'; use one of "
                        + ColorRamp.named.keys.sorted().joined(separator: ", ") + " or a list of colours")
            }
            return ramp
        }
        guard let items = value.arrayValue, !items.isEmpty else { throw StyleError("\(name) must be a name or a list") }
        if items.allSatisfy({ $0.stringValue != nil }) {
            var colors: [Color] = []
            for item in items { colors.append(try SettingsReader.color(item, name)) }
            return try ColorRamp(evenlySpaced: colors)
        }
        var stops: [ColorRamp.Stop] = []
        for item in items {
            guard let pair = item.arrayValue, pair.count == 2, let position = pair[0].doubleValue else {
                throw StyleError("\(name) stops must be [position, colour] pairs")
            }
            stops.append(ColorRamp.Stop(position, try SettingsReader.color(pair[1], name)))
        }
        return try ColorRamp(stops: stops)
    }

    func domain(_ key: String) throws(StyleError) -> RampDomain? {
        guard let value = settings[key] else { return nil }
        let name = "\(context).\(key)"
        switch value.stringValue {
        case "data": return .data
        case "symmetric": return .symmetric
        case "zeroToMaximum": return .zeroToMaximum
        case .some(let other):
            throw StyleError("\(name): '\(other)' is not data, symmetric, zeroToMaximum or [lower, upper]")
        case .none: break
        }
        guard let pair = value.arrayValue, pair.count == 2, let lo = pair[0].doubleValue, let hi = pair[1].doubleValue,
            lo.isFinite, hi.isFinite, lo < hi
        else { throw StyleError("\(name) must be [lower, upper] with lower < upper") }
        return .fixed(lower: lo, upper: hi)
    }
}

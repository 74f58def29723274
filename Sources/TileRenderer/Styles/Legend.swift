import GeoCore

/// What the map page shows beside a layer: its title, one swatch per category or
/// constant colour, and the value stops of each continuous ramp.
///
/// Ramp stops carry real values (the layer's resolved domain), so the legend of a
/// density says "0 … 412" rather than "0 … 1".
public struct Legend: Sendable, Hashable, Codable {
    /// What a swatch stands for.
    public enum Symbol: String, Sendable, Hashable, Codable {
        case fill, line, marker, grid
    }

    /// One labelled colour.
    public struct Entry: Sendable, Hashable, Codable {
        public var label: String
        public var color: Color
        public var symbol: Symbol

        public init(label: String, color: Color, symbol: Symbol) {
            self.label = label
            self.color = color
            self.symbol = symbol
        }
    }

    /// A continuous ramp: the values at its stops.
    public struct Ramp: Sendable, Hashable, Codable {
        public struct Stop: Sendable, Hashable, Codable {
            public var value: Double
            public var color: Color
        }

        /// The property (or the grid's unit) the ramp colours.
        public var label: String
        public var symbol: Symbol
        public var stops: [Stop]
    }

    public var title: String
    public var entries: [Entry]
    public var ramps: [Ramp]

    public init(title: String, entries: [Entry] = [], ramps: [Ramp] = []) {
        self.title = title
        self.entries = entries
        self.ramps = ramps
    }

    /// The legend as JSON, for the map page and the HTTP API.
    public var jsonValue: JSONValue {
        .object([
            "title": .string(title),
            "entries": .array(
                entries.map { entry in
                    .object([
                        "label": .string(entry.label), "color": .string(entry.color.description),
                        "symbol": .string(entry.symbol.rawValue),
                    ])
                }),
            "ramps": .array(
                ramps.map { ramp in
                    .object([
                        "label": .string(ramp.label), "symbol": .string(ramp.symbol.rawValue),
                        "stops": .array(
                            ramp.stops.map { stop in
                                .object(["value": .double(stop.value), "color": .string(stop.color.description)])
                            }),
                    ])
                }),
        ])
    }
}

extension Style {
    /// The legend of this style once the layer's data ranges are known.
    ///
    /// - Parameter domains: the resolved interval of each ramp, keyed by the property it
    ///   reads (and `"grid"` for the grid), as ``PreparedLayer`` computes them.
    public func legend(domains: [String: ClosedRange<Double>]) -> Legend {
        typealias Symbol = Legend.Symbol
        var legend = Legend(title: title)
        func add(_ paint: Paint?, _ symbol: Symbol, _ constantLabel: String) {
            guard let paint else { return }
            switch paint {
            case .color(let color):
                legend.entries.append(Legend.Entry(label: constantLabel, color: color, symbol: symbol))
            case .categories(_, let colors, let other):
                for key in colors.keys.sorted(by: Style.categoryOrder) {
                    if let color = colors[key] {
                        legend.entries.append(Legend.Entry(label: key, color: color, symbol: symbol))
                    }
                }
                if let other { legend.entries.append(Legend.Entry(label: "other", color: other, symbol: symbol)) }
            case .ramp(let property, let ramp, _, _):
                if let domain = domains[property] {
                    legend.ramps.append(Legend.Ramp(label: property, symbol: symbol, stops: Style.stops(ramp, domain)))
                }
            case .colorProperty(_, let other):
                if let other { legend.entries.append(Legend.Entry(label: constantLabel, color: other, symbol: symbol)) }
            }
        }
        if let grid, let domain = domains["grid"] {
            legend.ramps.append(
                Legend.Ramp(
                    label: grid.unit.isEmpty ? "value" : grid.unit, symbol: .grid,
                    stops: Style.stops(grid.ramp, domain)))
        }
        add(fill, .fill, "area")
        add(stroke, .line, "line")
        add(marker?.fill, .marker, "point")
        return legend
    }

    /// Ramp stops mapped to values of `domain`.
    static func stops(_ ramp: ColorRamp, _ domain: ClosedRange<Double>) -> [Legend.Ramp.Stop] {
        ramp.stops.map { stop in
            Legend.Ramp.Stop(
                value: domain.lowerBound + stop.position * (domain.upperBound - domain.lowerBound),
                color: stop.color)
        }
    }

    /// Flood statuses in order of severity; anything else alphabetically after them.
    static func categoryOrder(_ a: String, _ b: String) -> Bool {
        let severity = ["normal", "advisory", "warning", "danger"]
        switch (severity.firstIndex(of: a), severity.firstIndex(of: b)) {
        case let (i?, j?): return i < j
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}

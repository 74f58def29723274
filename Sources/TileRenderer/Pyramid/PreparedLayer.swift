import GeoCore
import Layers

/// A layer ready to draw on any thread: features projected to Web Mercator once,
/// coloured by its style with one layer-wide normalisation, sorted into draw order
/// (polygons, then lines, then points) and spatially indexed.
///
/// Immutable and `Sendable`: one prepared layer serves every worker of a pyramid and
/// every request of the server.
public final class PreparedLayer: Sendable {
    /// The layer name (file names, TileJSON, legends).
    public let name: String
    public let style: Style
    /// The resolved interval of each ramp, keyed by property (and "grid").
    public let domains: [String: ClosedRange<Double>]
    /// The lon/lat extent of everything drawable, nil for an empty layer.
    public let bounds: BoundingBox?
    let features: [StyledFeature]
    let index: FeatureIndex
    let grid: GridSymbolizer?

    /// Prepares `features` (lon/lat) and an optional metric `grid` for drawing.
    ///
    /// - Throws: ``PROJError`` when the grid's CRS is unknown to PROJ.
    public init(name: String, features: [Feature], grid: MetricGrid? = nil, style: Style) throws {
        self.name = name
        self.style = style
        var domains: [String: ClosedRange<Double>] = [:]
        let rampPaints = [style.fill, style.outline, style.stroke, style.marker?.fill].compactMap { $0 }
        for paint in rampPaints {
            guard case .ramp(let property, _, let domain, _) = paint else { continue }
            let values = features.compactMap { $0.properties[property]?.doubleValue }
            domains[property] = domain.resolve(values)
        }
        if let grid, let gridStyle = style.grid {
            let domain = gridStyle.domain.resolve(grid.values.lazy.map(Double.init))
            domains["grid"] = domain
            self.grid = try GridSymbolizer(grid: grid, style: gridStyle, domain: domain)
        } else {
            self.grid = nil
        }
        self.domains = domains

        var styled: [StyledFeature] = []
        for (order, feature) in features.enumerated() {
            styled += StyledFeature.make(feature, order: order, style: style, domains: domains)
        }
        switch style.drawOrder {
        case .geometryType: styled.sort { ($0.kind, $0.order) < ($1.kind, $1.order) }
        case .feature: styled.sort { ($0.order, $0.kind) < ($1.order, $1.kind) }
        }
        self.features = styled
        index = FeatureIndex(bounds: styled.map(\.bounds))

        var box = features.reduce(nil as BoundingBox?) { box, feature in
            guard let b = feature.shape.boundingBox else { return box }
            return box?.union(b) ?? b
        }
        if let symbolizer = self.grid {
            let gridBox = BoundingBox(covering: [
                WebMercator.unproject(Coordinate(x: symbolizer.mercatorExtent.minX, y: symbolizer.mercatorExtent.minY)),
                WebMercator.unproject(Coordinate(x: symbolizer.mercatorExtent.maxX, y: symbolizer.mercatorExtent.maxY)),
            ])
            if let gridBox { box = box?.union(gridBox) ?? gridBox }
        }
        bounds = box
    }

    /// Prepares a built layer with `style`, or the layer's default style. The grid's
    /// legend takes the unit the builder recorded (metadata `unit`) unless the style
    /// names one.
    public convenience init(_ layer: BuiltLayer, style: Style? = nil) throws {
        var style = style ?? Style.default(for: layer.name)
        if let unit = layer.metadata["unit"]?.stringValue, style.grid != nil,
            style.grid?.unit == Style.default(for: layer.name).grid?.unit
        {
            style.grid?.unit = unit
        }
        try self.init(name: layer.name.rawValue, features: layer.features, grid: layer.grid, style: style)
    }

    /// The legend, with ramp values from this layer's data.
    public var legend: Legend { style.legend(domains: domains) }

    /// How many drawable parts the layer holds (a feature may give several).
    public var drawableCount: Int { features.count }
}

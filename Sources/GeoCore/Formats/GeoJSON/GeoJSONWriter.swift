import Foundation

/// Writes RFC 7946 GeoJSON: FeatureCollections, Features and geometries.
///
/// - Right-hand rule: exterior rings counter-clockwise, holes clockwise (rings are
///   reversed on output as needed, judged on the rounded coordinates written).
/// - Precision: coordinates with at most ``Options/maxFractionDigits`` decimals
///   (default 7, about 1 cm), no trailing zeros, never exponent notation.
/// - No `crs` member (RFC 7946 is always WGS 84 lon/lat).
/// - Deterministic: fixed member order (`type`, `id`, `geometry`, `properties`) and
///   sorted property keys, so identical inputs give byte-identical files.
/// - One feature per line inside the collection; ``GeoJSONStreamWriter`` writes the
///   same bytes one feature at a time for collections too large for memory.
public struct GeoJSONWriter: Sendable {
    public struct Options: Sendable, Hashable {
        /// Decimals kept in coordinates (0…15).
        public var maxFractionDigits: Int = 7
        /// Orient polygon rings by the right-hand rule (on by default; RFC 7946 says should).
        public var rightHandRule: Bool = true

        public init(maxFractionDigits: Int = 7, rightHandRule: Bool = true) {
            self.maxFractionDigits = maxFractionDigits
            self.rightHandRule = rightHandRule
        }
    }

    public let options: Options

    public init(options: Options = Options()) { self.options = options }

    /// A FeatureCollection of `features`.
    public func data(for features: [Feature]) throws(OutputError) -> Data {
        let output = ByteOutput(label: "GeoJSON")
        let stream = try GeoJSONStreamWriter(output: output, options: options)
        for feature in features { try stream.write(feature) }
        try stream.finish()
        return output.data
    }

    /// Writes a FeatureCollection of `features` to `url` atomically (temporary file, then rename).
    public func write(_ features: [Feature], to url: URL) throws(OutputError) {
        let stream = try GeoJSONStreamWriter(output: try ByteOutput(atomicallyWritingTo: url), options: options)
        for feature in features { try stream.write(feature) }
        try stream.finish()
    }

    /// One Feature object.
    public func data(for feature: Feature) throws(OutputError) -> Data {
        var text = JSONTextWriter()
        try append(feature, to: &text, label: "GeoJSON")
        return Data(text.bytes)
    }

    /// One geometry object.
    public func data(for shape: Shape) throws(OutputError) -> Data {
        var text = JSONTextWriter()
        try append(shape, to: &text, label: "GeoJSON")
        return Data(text.bytes)
    }

    /// One geometry as a ``JSONValue`` (for embedding in other JSON answers).
    public func jsonValue(for shape: Shape) throws(OutputError) -> JSONValue {
        let data = try data(for: shape)
        do {
            return try JSONValue(parsing: data, source: "GeoJSON")
        } catch {
            throw OutputError(path: "GeoJSON", reason: "internal: written geometry does not parse: \(error)")
        }
    }

    // MARK: - Text

    func append(_ feature: Feature, to text: inout JSONTextWriter, label: String) throws(OutputError) {
        text.bytes.append(contentsOf: #"{"type":"Feature","#.utf8)
        if let id = feature.id {
            text.bytes.append(contentsOf: #""id":"#.utf8)
            text.appendString(id)
            text.bytes.append(UInt8(ascii: ","))
        }
        text.bytes.append(contentsOf: #""geometry":"#.utf8)
        try append(feature.shape, to: &text, label: label)
        text.bytes.append(contentsOf: #","properties":"#.utf8)
        text.appendObject(feature.properties, level: 0)
        text.bytes.append(UInt8(ascii: "}"))
    }

    func append(_ shape: Shape, to text: inout JSONTextWriter, label: String) throws(OutputError) {
        text.bytes.append(contentsOf: #"{"type":""#.utf8)
        text.bytes.append(contentsOf: shape.typeName.utf8)
        if case .geometryCollection(let parts) = shape {
            text.bytes.append(contentsOf: #"","geometries":["#.utf8)
            for (index, part) in parts.enumerated() {
                if index > 0 { text.bytes.append(UInt8(ascii: ",")) }
                try append(part, to: &text, label: label)
            }
            text.bytes.append(contentsOf: "]}".utf8)
            return
        }
        text.bytes.append(contentsOf: #"","coordinates":"#.utf8)
        switch shape {
        case .point(let c): try appendPosition(c, to: &text, label: label)
        case .lineString(let cs), .multiPoint(let cs): try appendPositions(cs, to: &text, label: label)
        case .polygon(let p): try appendPolygon(p, to: &text, label: label)
        case .multiLineString(let lines):
            text.bytes.append(UInt8(ascii: "["))
            for (index, line) in lines.enumerated() {
                if index > 0 { text.bytes.append(UInt8(ascii: ",")) }
                try appendPositions(line, to: &text, label: label)
            }
            text.bytes.append(UInt8(ascii: "]"))
        case .multiPolygon(let polygons):
            text.bytes.append(UInt8(ascii: "["))
            for (index, polygon) in polygons.enumerated() {
                if index > 0 { text.bytes.append(UInt8(ascii: ",")) }
                try appendPolygon(polygon, to: &text, label: label)
            }
            text.bytes.append(UInt8(ascii: "]"))
        case .geometryCollection: break
        }
        text.bytes.append(UInt8(ascii: "}"))
    }

    private func appendPolygon(_ polygon: PolygonRings, to text: inout JSONTextWriter, label: String)
        throws(OutputError)
    {
        let rings =
            options.rightHandRule
            ? RingOrientation.rightHanded(polygon, digits: options.maxFractionDigits).rings : polygon.rings
        text.bytes.append(UInt8(ascii: "["))
        for (index, ring) in rings.enumerated() {
            if index > 0 { text.bytes.append(UInt8(ascii: ",")) }
            try appendPositions(ring, to: &text, label: label)
        }
        text.bytes.append(UInt8(ascii: "]"))
    }

    private func appendPositions(_ coordinates: [Coordinate], to text: inout JSONTextWriter, label: String)
        throws(OutputError)
    {
        text.bytes.append(UInt8(ascii: "["))
        for (index, c) in coordinates.enumerated() {
            if index > 0 { text.bytes.append(UInt8(ascii: ",")) }
            try appendPosition(c, to: &text, label: label)
        }
        text.bytes.append(UInt8(ascii: "]"))
    }

    private func appendPosition(_ c: Coordinate, to text: inout JSONTextWriter, label: String) throws(OutputError) {
        guard c.x.isFinite, c.y.isFinite else {
            throw OutputError(path: label, reason: "a coordinate is not a finite number (\(c.x), \(c.y))")
        }
        text.bytes.append(UInt8(ascii: "["))
        NumberText.append(c.x, maxFractionDigits: options.maxFractionDigits, to: &text.bytes)
        text.bytes.append(UInt8(ascii: ","))
        NumberText.append(c.y, maxFractionDigits: options.maxFractionDigits, to: &text.bytes)
        text.bytes.append(UInt8(ascii: "]"))
    }
}

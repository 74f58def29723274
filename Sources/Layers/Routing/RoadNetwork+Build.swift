import GeoCore

extension RoadNetwork {
    /// Builds the network from the basemap's road features (LineString or
    /// MultiLineString in lon/lat degrees; other geometries are ignored).
    ///
    /// - Throws: ``RouteError`` (`noNetwork` without any road line, `preparation` when
    ///   PROJ or GEOS fails).
    public init(roads: [Feature], crs: CRS) throws(RouteError) {
        try self.init(roadShapes: roads.map(\.shape), crs: crs)
    }

    /// Builds the network from road geometries in lon/lat degrees.
    ///
    /// 1. Every line is projected into `crs` with one PROJ batch transform.
    /// 2. GEOS nodes the linework: the unary union of all lines (`GEOSUnaryUnion_r`)
    ///    splits them wherever they cross or touch and dissolves duplicate pieces, so
    ///    two roads that cross become four edges meeting at one node. (Like any
    ///    planar noding this also joins a bridge to the road under it.)
    /// 3. Each resulting piece becomes an edge, its length measured by GEOS
    ///    (`GEOSLength_r`); pieces that share an end point share a node.
    ///
    /// - Throws: ``RouteError`` (`noNetwork` without any road line, `preparation` when
    ///   PROJ or GEOS fails).
    public init(roadShapes: [Shape], crs: CRS) throws(RouteError) {
        var lines: [[Coordinate]] = []
        for shape in roadShapes { Self.collectLines(shape, into: &lines) }
        lines = lines.filter { $0.count >= 2 && $0.allSatisfy(\.isFinite) }
        guard !lines.isEmpty else {
            throw RouteError(.noNetwork, "the project has no road lines (basemap roads: LineString features)")
        }
        let pieces: [[Coordinate]]
        var lengths: [Double] = []
        do {
            let projected = try Self.project(lines, to: crs)
            let context = try GEOSContext()
            let noded = try Geometry(.multiLineString(projected), context: context).unaryUnion()
            var found: [[Coordinate]] = []
            Self.collectLines(try noded.shape(), into: &found)
            pieces = found.filter { $0.count >= 2 }
            for piece in pieces { lengths.append(try Geometry(.lineString(piece), context: context).length) }
        } catch let error as PROJError {
            throw RouteError(.preparation, "cannot project the roads into \(crs): \(error)")
        } catch {
            throw RouteError(.preparation, "cannot node the road network: \(error)")
        }
        var nodeIndex: [Coordinate: Int] = [:]
        var nodes: [Coordinate] = []
        func node(_ c: Coordinate) -> Int {
            if let index = nodeIndex[c] { return index }
            nodes.append(c)
            nodeIndex[c] = nodes.count - 1
            return nodes.count - 1
        }
        var edges: [Edge] = []
        for (piece, length) in zip(pieces, lengths) where length > 0 {
            guard let first = piece.first, let last = piece.last else { continue }
            edges.append(
                Edge(
                    from: node(first), to: node(last), points: piece, length: length,
                    cumulative: Polyline.cumulativeLengths(piece)))
        }
        guard !edges.isEmpty else { throw RouteError(.noNetwork, "the project's roads have no length") }
        self.init(crs: crs, nodes: nodes, edges: edges)
    }

    /// Appends the lines of `shape` (its LineStrings, also inside collections).
    static func collectLines(_ shape: Shape, into lines: inout [[Coordinate]]) {
        switch shape {
        case .lineString(let line): lines.append(line)
        case .multiLineString(let parts): lines.append(contentsOf: parts)
        case .geometryCollection(let parts): for part in parts { collectLines(part, into: &lines) }
        case .point, .multiPoint, .polygon, .multiPolygon: break
        }
    }

    /// All lines projected with one `proj_trans_generic` call.
    private static func project(_ lines: [[Coordinate]], to crs: CRS) throws(PROJError) -> [[Coordinate]] {
        var flat = Array(lines.joined())
        try CRSTransform(from: CRS.wgs84, to: crs).transform(&flat)
        var result: [[Coordinate]] = []
        result.reserveCapacity(lines.count)
        var start = 0
        for line in lines {
            result.append(Array(flat[start..<(start + line.count)]))
            start += line.count
        }
        return result
    }
}

/// Turns parsed GeoJSON members into ``Feature`` and ``Shape`` values, building the
/// JSON path of a member only when it is reported.
struct GeoJSONDecoder {
    let file: String

    func error(_ path: String, _ reason: String) -> InputError {
        InputError(file: file, jsonPath: path.isEmpty ? nil : path, reason: reason)
    }

    private func join(_ path: String, _ member: String) -> String { path.isEmpty ? member : path + "." + member }

    func feature(_ value: JSONValue, path: @autoclosure () -> String) throws(InputError) -> Feature {
        guard case .object(let object) = value else {
            throw error(path(), "expected a Feature object, found \(GeoJSONReader.kind(value))")
        }
        guard object["type"]?.stringValue == "Feature" else {
            throw error(join(path(), "type"), "expected \"Feature\"")
        }
        var id: String?
        switch object["id"] {
        case nil, .null?: id = nil
        case .string(let text)?: id = text
        case .int(let n)?: id = String(n)
        case .double(let d)?: id = JSONTextWriter.shortestText(d)
        default: throw error(join(path(), "id"), "expected a string or a number")
        }
        var properties: [String: JSONValue] = [:]
        switch object["properties"] {
        case nil, .null?: break
        case .object(let members)?: properties = members
        default: throw error(join(path(), "properties"), "expected an object or null")
        }
        guard let geometry = object["geometry"], geometry != .null else {
            throw error(join(path(), "geometry"), "is missing or null; geohub needs a location for every feature")
        }
        return Feature(id: id, shape: try shape(geometry, path: join(path(), "geometry")), properties: properties)
    }

    func shape(_ value: JSONValue, path: @autoclosure () -> String) throws(InputError) -> Shape {
        guard case .object(let object) = value else {
            throw error(path(), "expected a geometry object, found \(GeoJSONReader.kind(value))")
        }
        guard let type = object["type"]?.stringValue else {
            throw error(join(path(), "type"), "expected a geometry type")
        }
        if type == "GeometryCollection" {
            guard let parts = object["geometries"]?.arrayValue else {
                throw error(join(path(), "geometries"), "expected an array of geometries")
            }
            var shapes: [Shape] = []
            for (index, part) in parts.enumerated() {
                shapes.append(try shape(part, path: join(path(), "geometries") + "[\(index)]"))
            }
            return .geometryCollection(shapes)
        }
        guard let coordinates = object["coordinates"] else {
            throw error(join(path(), "coordinates"), "is missing")
        }
        func at() -> String { join(path(), "coordinates") }
        switch type {
        case "Point": return .point(try position(coordinates, path: at()))
        case "MultiPoint": return .multiPoint(try positions(coordinates, minimum: 0, path: at()))
        case "LineString": return .lineString(try positions(coordinates, minimum: 2, path: at()))
        case "MultiLineString":
            let lines = try array(coordinates, path: at())
            var result: [[Coordinate]] = []
            for (index, line) in lines.enumerated() {
                result.append(try positions(line, minimum: 2, path: at() + "[\(index)]"))
            }
            return .multiLineString(result)
        case "Polygon": return .polygon(try polygon(coordinates, path: at()))
        case "MultiPolygon":
            let polygons = try array(coordinates, path: at())
            var result: [PolygonRings] = []
            for (index, item) in polygons.enumerated() {
                result.append(try polygon(item, path: at() + "[\(index)]"))
            }
            return .multiPolygon(result)
        default:
            throw error(join(path(), "type"), "\"\(type)\" is not a GeoJSON geometry type")
        }
    }

    private func array(_ value: JSONValue, path: @autoclosure () -> String) throws(InputError) -> [JSONValue] {
        guard case .array(let items) = value else {
            throw error(path(), "expected an array, found \(GeoJSONReader.kind(value))")
        }
        return items
    }

    private func position(_ value: JSONValue, path: @autoclosure () -> String) throws(InputError) -> Coordinate {
        guard case .array(let items) = value, items.count >= 2, let x = items[0].doubleValue,
            let y = items[1].doubleValue, x.isFinite, y.isFinite
        else {
            throw error(path(), "expected a position (an array of two or three numbers)")
        }
        return Coordinate(x: x, y: y)
    }

    private func positions(_ value: JSONValue, minimum: Int, path: @autoclosure () -> String) throws(InputError)
        -> [Coordinate]
    {
        let items = try array(value, path: path())
        guard items.count >= minimum else {
            throw error(path(), "expected at least \(minimum) positions, found \(items.count)")
        }
        var result: [Coordinate] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try position(item, path: path() + "[\(index)]"))
        }
        return result
    }

    private func polygon(_ value: JSONValue, path: @autoclosure () -> String) throws(InputError) -> PolygonRings {
        let ringValues = try array(value, path: path())
        guard !ringValues.isEmpty else { throw error(path(), "expected at least one ring (the exterior)") }
        var rings: [[Coordinate]] = []
        for (index, ringValue) in ringValues.enumerated() {
            let ring = try positions(ringValue, minimum: 4, path: path() + "[\(index)]")
            guard ring.first == ring.last else {
                throw error(path() + "[\(index)]", "is not closed: its last position must repeat the first")
            }
            rings.append(ring)
        }
        return PolygonRings(exterior: rings[0], holes: Array(rings.dropFirst()))
    }
}

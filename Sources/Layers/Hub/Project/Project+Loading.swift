import Foundation
import GeoCore

extension Project {
    /// Loads and validates `folder/geohub.json` (or the file itself when `url` names a
    /// `.json` file).
    ///
    /// - Throws: ``ProjectError`` when the file is missing, is not JSON, has an
    ///   unknown key or a bad value; the message names the JSON path.
    public static func load(from url: URL) throws(ProjectError) -> Project {
        let file = url.pathExtension == "json" ? url : url.appendingPathComponent(fileName)
        let folder = file.deletingLastPathComponent().standardizedFileURL
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            let exists = FileManager.default.fileExists(atPath: file.path)
            throw ProjectError(
                file: file.path, path: "",
                reason: exists
                    ? "cannot be read (\(error.localizedDescription))"
                    : "not found; a project is a folder with a geohub.json file")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data, source: fileName)
        } catch {
            throw ProjectError(file: fileName, path: "", reason: "is not valid JSON: \(error)")
        }
        return try Project(folder: folder, json: json)
    }

    /// Builds a project from the parsed contents of its `geohub.json`.
    public init(folder: URL, json: JSONValue) throws(ProjectError) {
        let root = try SettingsObject(json, path: "")
        guard let name = try root.string("name") else {
            throw ProjectError(path: "name", reason: "is required (a project name)")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ProjectError(path: "name", reason: "expected a non-empty string")
        }
        let bbox = try Self.bbox(root)
        let crs = try Self.crs(root)
        self.init(
            folder: folder, name: name, bbox: bbox, crs: crs,
            sources: try ProjectSources(root.value("sources"), folder: folder),
            layers: try LayerSettings(root.value("layers")))
        if let zone = try root.string("timeZone") {
            guard let parsed = TimeZone(identifier: zone) else {
                throw root.error("timeZone", "expected an IANA time zone such as \"Asia/Tokyo\", got \"\(zone)\"")
            }
            timeZone = parsed
        }
        if let text = try root.string("asOf") {
            guard let seconds = ISO8601Timestamp.epochSeconds(text, defaultOffsetSeconds: defaultUTCOffsetSeconds)
            else {
                throw root.error(
                    "asOf", "expected an ISO 8601 date-time such as \"2022-08-31T23:59:00+09:00\", got \"\(text)\"")
            }
            asOf = Date(timeIntervalSince1970: seconds)
        }
        server = try ServerSettings(root.object("server"))
        styles = try StyleOverride.parse(root.value("styles"))
        ingest = try IngestSettings(root.object("ingest"))
        try root.finish()
    }

    /// `bbox`: four numbers, west, south, east, north in degrees.
    private static func bbox(_ root: SettingsObject) throws(ProjectError) -> BoundingBox {
        guard let value = root.value("bbox") else {
            throw ProjectError(path: "bbox", reason: "is required ([west, south, east, north] in degrees)")
        }
        guard case .array(let items) = value, items.count == 4 else {
            throw ProjectError(
                path: "bbox", reason: "expected [west, south, east, north], got \(value.kindDescription)")
        }
        var numbers: [Double] = []
        for (index, item) in items.enumerated() {
            guard let number = item.doubleValue, number.isFinite else {
                throw ProjectError(path: "bbox[\(index)]", reason: "expected a number, got \(item.kindDescription)")
            }
            numbers.append(number)
        }
        let box = BoundingBox(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3])
        guard (-180...180).contains(box.west), (-180...180).contains(box.east),
            (-90...90).contains(box.south), (-90...90).contains(box.north)
        else {
            throw ProjectError(
                path: "bbox", reason: "expected longitudes in -180…180 and latitudes in -90…90 (lon/lat order)")
        }
        guard box.west < box.east, box.south < box.north else {
            throw ProjectError(path: "bbox", reason: "expected west < east and south < north")
        }
        return box
    }

    /// `crs`: a projected CRS in metres that PROJ knows, such as `EPSG:6678`.
    private static func crs(_ root: SettingsObject) throws(ProjectError) -> CRS {
        guard let text = try root.string("crs") else {
            throw ProjectError(path: "crs", reason: "is required (a projected CRS in metres, such as \"EPSG:6678\")")
        }
        let crs: CRS
        do {
            crs = try CRS(text)
        } catch {
            throw ProjectError(
                path: "crs",
                reason: "PROJ cannot use \"\(text)\" (\(error.message)); "
                    + "expected a projected CRS such as \"EPSG:6678\"")
        }
        guard crs.isProjected, let metres = crs.metresPerUnit, abs(metres - 1) < 1e-9 else {
            let what = crs.isProjected ? "its unit is \(crs.unitName)" : "it is \(crs.kind.rawValue)"
            throw ProjectError(path: "crs", reason: "expected a projected CRS in metres, but \(what) (\(crs.name))")
        }
        return crs
    }
}

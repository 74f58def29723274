import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes feature layers to a GeoPackage (`.gpkg`, OGC GeoPackage 1.3) that QGIS,
/// GDAL's `ogrinfo` and ArcGIS open.
///
/// Every layer becomes a feature table in EPSG:4326 (lon/lat degrees, as geohub's
/// features are) with an integer `fid`, a `geom` column and one column per property
/// key: INTEGER when every value is an integer, REAL when every value is a number,
/// TEXT otherwise (arrays and objects as JSON text). The file is built under a
/// temporary name beside the destination and renamed into place, so a crash never
/// leaves a half-written GeoPackage. The output depends only on the inputs (and the
/// `lastChange` time given), so identical inputs give byte-identical files.
public struct GeoPackageWriter {
    /// One feature table to write.
    public struct Layer {
        public var name: String
        public var description: String
        public var features: [Feature]

        public init(name: String, description: String = "", features: [Feature]) {
            self.name = name
            self.description = description
            self.features = features
        }
    }

    /// The time recorded in `gpkg_contents.last_change`.
    public var lastChange: Date

    public init(lastChange: Date) {
        self.lastChange = lastChange
    }

    /// Writes `layers` to `url` atomically.
    /// - Throws: ``SQLiteError``, ``GEOSError`` or ``PROJError`` with the library's message.
    public func write(_ layers: [Layer], to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let db = try SQLiteDatabase(path: temporary.path)
            // A rollback journal, not WAL: the result must be one self-contained file.
            try db.execute("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096;")
            try db.execute("PRAGMA application_id = \(GeoPackageSchema.applicationID)")
            try db.execute("PRAGMA user_version = \(GeoPackageSchema.userVersion)")
            try db.transaction {
                try db.execute(GeoPackageSchema.coreTables)
                try insertSpatialReferenceSystems(into: db)
                let context = try GEOSContext()
                for layer in layers { try write(layer, into: db, context: context) }
            }
        }
        // rename(2) replaces the destination atomically: 0, or -1 with errno.
        guard rename(temporary.path, url.path) == 0 else {
            throw OutputError(path: url.path, reason: "cannot move into place: \(String(cString: strerror(errno)))")
        }
    }

    private func insertSpatialReferenceSystems(into db: SQLiteDatabase) throws {
        let insert = try db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)")
        try insert.execute(
            "WGS 84 geodetic", 4326, "EPSG", 4326, try CRS.wgs84.wkt1(),
            "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")
        for system in GeoPackageSchema.undefinedSystems {
            try insert.execute(system.name, system.id, "NONE", system.id, system.definition, system.description)
        }
    }

    private func write(_ layer: Layer, into db: SQLiteDatabase, context: GEOSContext) throws {
        let columns = PropertyColumn.columns(for: layer.features)
        let table = quoted(layer.name)
        let columnSQL = columns.map { ", \(quoted($0.name)) \($0.type.rawValue)" }.joined()
        try db.execute("CREATE TABLE \(table) (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB\(columnSQL))")

        let placeholders = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
        let names = (["geom"] + columns.map { quoted($0.name) }).joined(separator: ", ")
        let insert = try db.prepare("INSERT INTO \(table) (\(names)) VALUES (\(placeholders))")
        var bounds: BoundingBox?
        for feature in layer.features {
            if let box = feature.shape.boundingBox { bounds = bounds?.union(box) ?? box }
            var values: [any SQLiteBindable] = [
                try GeoPackageGeometry.blob(for: feature.shape, srsID: 4326, context: context)
            ]
            for column in columns { values.append(column.value(in: feature)) }
            try insert.bind(values)
            try insert.runToCompletion()
        }

        let box = bounds ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        try db.prepare("INSERT INTO gpkg_contents VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, 4326)")
            .execute(
                layer.name, layer.name, layer.description, Self.timestamp(lastChange),
                box.minX, box.minY, box.maxX, box.maxY)
        try db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)")
            .execute(layer.name, Self.geometryTypeName(for: layer.features))
    }

    /// The single OGC type name of the layer's geometries, or GEOMETRY when mixed.
    static func geometryTypeName(for features: [Feature]) -> String {
        let names = Set(features.map { $0.shape.typeName.uppercased() })
        return names.count == 1 ? names.first ?? "GEOMETRY" : "GEOMETRY"
    }

    /// ISO 8601 in UTC with milliseconds, the form the specification's default uses.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

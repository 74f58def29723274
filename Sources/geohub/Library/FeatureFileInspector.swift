import Foundation
import GeoCore

/// `geohub inspect` on feature files: GeoJSON (features, geometry types, bbox,
/// property keys) and GeoPackage (every table with its count, type and extent).
enum FeatureFileInspector {
    static func inspect(geojson file: URL) throws -> InspectReport {
        let result: GeoJSONReader.Result
        do {
            result = try GeoJSONReader.read(contentsOf: file)
        } catch {
            throw RuntimeError("\(file.path) cannot be read as GeoJSON: \(error)")
        }
        var report = InspectReport("\(file.lastPathComponent): GeoJSON")
        let features = result.features
        report.add("features", String(features.count))
        if result.report.rejectedCount > 0 { report.add("rejected", String(result.report.rejectedCount)) }
        var types: [String: Int] = [:]
        var keys: Set<String> = []
        var box: BoundingBox?
        for feature in features {
            types[feature.shape.typeName, default: 0] += 1
            keys.formUnion(feature.properties.keys)
            if let b = feature.shape.boundingBox { box = box?.union(b) ?? b }
        }
        report.add(
            "geometry types", types.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        report.add("bbox", InspectReport.bbox(box))
        report.add("properties", keys.sorted().joined(separator: ", "))
        for error in result.report.errors.prefix(CSVInspector.listedRejections) { report.item(error.description) }
        return report
    }

    static func inspect(gpkg file: URL) throws -> InspectReport {
        var report = InspectReport("\(file.lastPathComponent): GeoPackage")
        do {
            let db = try SQLiteDatabase(path: file.path, mode: .readOnly)
            guard try db.tableExists("gpkg_contents") else {
                throw RuntimeError("\(file.path) is an SQLite file without gpkg_contents: not a GeoPackage")
            }
            if let id = try db.scalar("PRAGMA application_id")?.int {
                report.add("application id", id == 0x4750_4B47 ? "GPKG" : String(format: "0x%08x", id))
            }
            let tables = try db.rows(
                """
                SELECT c.table_name, c.data_type, c.min_x, c.min_y, c.max_x, c.max_y, c.srs_id, c.last_change,
                    g.geometry_type_name FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g
                    ON g.table_name = c.table_name ORDER BY c.table_name
                """)
            report.add("tables", String(tables.count))
            for row in tables {
                guard let name = row[0].string else { continue }
                let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let count = try db.scalar("SELECT count(*) FROM \(quoted)")?.int ?? 0
                let columns = try db.rows("PRAGMA table_info(\(quoted))").compactMap { $0[1].string }
                let box = [row[2], row[3], row[4], row[5]].compactMap(\.double)
                report.line(
                    "\(name): \(row[1].string ?? "?") \(row[8].string ?? ""), \(count) rows, EPSG:\(row[6].int ?? 0)")
                if box.count == 4 {
                    report.item(
                        "extent "
                            + InspectReport.bbox(BoundingBox(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3])))
                }
                report.item("columns " + columns.joined(separator: ", "))
                if let change = row[7].string { report.item("last change \(change)") }
            }
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError("\(file.path) cannot be read as GeoPackage: \(error)")
        }
        return report
    }
}

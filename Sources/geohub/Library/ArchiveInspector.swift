import Foundation
import GeoCore
import TileRenderer

/// `geohub inspect` on tile archives: MBTiles (metadata table, tiles per zoom) and
/// PMTiles (header, metadata, tiles per zoom).
enum ArchiveInspector {
    static func inspect(mbtiles file: URL) throws -> InspectReport {
        var report = InspectReport("\(file.lastPathComponent): MBTiles")
        do {
            let db = try SQLiteDatabase(path: file.path, mode: .readOnly)
            guard try db.tableExists("metadata") || db.tableExists("tiles") else {
                throw RuntimeError("\(file.path) is an SQLite file without MBTiles tables (metadata, tiles)")
            }
            for row in try db.rows("SELECT name, value FROM metadata ORDER BY rowid") {
                guard let name = row[0].string else { continue }
                let value = row[1].string ?? ""
                report.add(name, value.count > 200 ? String(value.prefix(200)) + "…" : value)
            }
            var total = 0
            var bytes = 0
            var zooms: [String] = []
            for row in try db.rows(
                "SELECT zoom_level, count(*), sum(length(tile_data)) FROM tiles GROUP BY zoom_level ORDER BY zoom_level"
            ) {
                let count = row[1].int ?? 0
                total += count
                bytes += row[2].int ?? 0
                zooms.append("z\(row[0].int ?? 0): \(count)")
            }
            report.add("tiles", "\(total) (\(InspectReport.bytes(bytes)))")
            for zoom in zooms { report.item(zoom) }
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError("\(file.path) cannot be read as MBTiles: \(error)")
        }
        return report
    }

    static func inspect(pmtiles file: URL) throws -> InspectReport {
        var report = InspectReport("\(file.lastPathComponent): PMTiles v3")
        do {
            let archive = try PMTilesArchive(url: file)
            report.add("tile type", archive.isPNG ? "png" : "not png")
            report.add("zooms", "\(archive.minZoom)-\(archive.maxZoom)")
            report.add("bounds", InspectReport.bbox(archive.bounds))
            report.add(
                "center",
                "\(InspectReport.number(archive.center.x)),\(InspectReport.number(archive.center.y)) "
                    + "at z\(archive.centerZoom)")
            report.add("clustered", archive.isClustered ? "yes" : "no")
            report.add(
                "tiles",
                "\(archive.addressedTiles) addressed, \(archive.tileEntries) entries, \(archive.tileContents) distinct")
            if let metadata = try archive.metadata().objectValue {
                for key in ["name", "description", "attribution", "format"] {
                    if let value = metadata[key]?.stringValue { report.add(key, value) }
                }
            }
            var perZoom: [Int: Int] = [:]
            for tile in try archive.tiles() { perZoom[tile.z, default: 0] += 1 }
            for (zoom, count) in perZoom.sorted(by: { $0.key < $1.key }) { report.item("z\(zoom): \(count)") }
        } catch {
            throw RuntimeError("\(file.path) cannot be read as PMTiles: \(error)")
        }
        return report
    }
}

import Foundation
import GeoCore

/// Writers for the CSV sources with one table each: read with the public reader,
/// insert through one prepared statement, inside the source's transaction.
extension IngestRun {
    func ingestRiverSensors() throws {
        let insert = try db.prepare(
            """
            INSERT INTO river_sensors (site_id, name, lon, lat, warning_level, danger_level) VALUES (?, ?, ?, ?, ?, ?)
            """)
        _ = try RiverSensorsReader.read(file.url, options: csvOptions(), onReject: reject) { s in
            try insert.execute(s.siteID, s.name, s.location.lon, s.location.lat, s.warningLevel, s.dangerLevel)
            stored()
        }
    }

    func ingestRiverLevels() throws {
        let insert = try db.prepare("INSERT INTO river_levels (site_id, t, level) VALUES (?, ?, ?)")
        var sites: Set<String> = []
        _ = try RiverLevelsReader.read(file.url, options: csvOptions(), onReject: reject) { reading in
            let t = reading.time.timeIntervalSince1970
            try insert.execute(reading.siteID, t, reading.level)
            sites.insert(reading.siteID)
            noteTime(t)
            stored()
        }
        details["sites"] = sites.count
    }

    func ingestRainfall() throws {
        let insert = try db.prepare("INSERT INTO rainfall (t, mm_per_hour) VALUES (?, ?)")
        _ = try RainfallReader.read(file.url, options: csvOptions(), onReject: reject) { reading in
            let t = reading.time.timeIntervalSince1970
            try insert.execute(t, reading.mmPerHour)
            noteTime(t)
            stored()
        }
    }

    func ingestWildlifeCameras() throws {
        let insert = try db.prepare("INSERT INTO wildlife_cameras (camera_id, name, lon, lat) VALUES (?, ?, ?, ?)")
        _ = try WildlifeCamerasReader.read(file.url, options: csvOptions(), onReject: reject) { camera in
            try insert.execute(camera.cameraID, camera.name, camera.location.lon, camera.location.lat)
            stored()
        }
    }

    func ingestWildlifeDetections() throws {
        let insert = try db.prepare(
            "INSERT INTO wildlife_detections (camera_id, t, species, confidence) VALUES (?, ?, ?, ?)")
        var bySpecies: [Species: Int] = [:]
        _ = try WildlifeDetectionsReader.read(file.url, options: csvOptions(), onReject: reject) { detection in
            let t = detection.time.timeIntervalSince1970
            try insert.execute(detection.cameraID, t, detection.species.rawValue, detection.confidence)
            bySpecies[detection.species, default: 0] += 1
            noteTime(t)
            stored()
        }
        for (species, count) in bySpecies { details[species.rawValue] = count }
    }

    func ingestBoardings() throws {
        let insert = try db.prepare(
            "INSERT INTO bus_boardings (t, route_id, stop_id, event, rider_type) VALUES (?, ?, ?, ?, ?)")
        var byEvent: [BoardingEvent: Int] = [:]
        _ = try BusBoardingsReader.read(file.url, options: csvOptions(), onReject: reject) { b in
            let t = b.time.timeIntervalSince1970
            try insert.execute(t, b.routeID, b.stopID, b.event.rawValue, b.riderType.rawValue)
            byEvent[b.event, default: 0] += 1
            noteTime(t)
            stored()
        }
        for (event, count) in byEvent { details[event.rawValue] = count }
    }

    func ingestCensus() throws {
        let insert = try db.prepare(
            """
            INSERT OR IGNORE INTO census (source, mesh_code, year, population, households, secrecy, merged_into, merged_from)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var years: [Int: Int] = [:]
        _ = try CensusReader.read(file.url, year: file.year, options: csvOptions(), onReject: reject) { row, line in
            var into: String?
            var from: String?
            switch row.secrecy {
            case .none: break
            case .hidden(let target): into = target?.code
            case .aggregate(let cells): from = cells.map(\.code).joined(separator: ";")
            }
            try insert.execute(
                file.id, row.meshCode.code, row.year, row.population, row.households, row.secrecy.name,
                into, from)
            guard db.changes == 1 else {
                // Another census source already holds this cell and year.
                throw InputError(
                    file: file.displayName, line: line,
                    reason: "mesh \(row.meshCode) for \(row.year) is already "
                        + "loaded from another census file; the first one is kept")
            }
            years[row.year, default: 0] += 1
            stored()
        }
        for (year, count) in years { details[String(year)] = count }
    }
}

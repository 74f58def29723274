import Foundation
import GeoCore

extension IngestRun {
    /// The columns of `child_gps.csv` whose values never appear in a message.
    static let gpsSensitiveColumns: Set<String> = ["device_id", "timestamp", "lat", "lon", "accuracy_m"]

    /// Streams `child_gps.csv` through the ``GPSAggregator`` and stores only the
    /// per-window cell aggregates. Device ids become small integers in memory and are
    /// dropped with the aggregator; rejections name the file, line and column, never a
    /// value.
    func ingestChildGPS() throws {
        let aggregator: GPSAggregator
        do {
            aggregator = try GPSAggregator(configuration: GPSAggregator.Configuration(project: project))
        } catch {
            throw HubError.projection("cannot project lon/lat to \(project.crs): \(error.message)")
        }
        var deviceNumbers: [String: Int32] = [:]
        var options = csvOptions(sensitiveColumns: Self.gpsSensitiveColumns)
        options.quoteValuesInErrors = false
        let reader = try CSVReader(contentsOf: file.url, options: options)
        let c = try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])
        let accuracyColumn = reader.column("accuracy_m")
        let fileReport = try reader.forEachRow(onReject: reject) { row in
            guard let device = row.optionalString(c[0]) else { throw row.error(c[0], "is empty") }
            let time = try row.timestamp(c[1])
            let lat = try row.double(c[2])
            let lon = try row.double(c[3])
            guard (-90...90).contains(lat) else { throw row.error(c[2], "is not a latitude (-90 to 90)") }
            guard (-180...180).contains(lon) else { throw row.error(c[3], "is not a longitude (-180 to 180)") }
            let accuracy = try accuracyColumn.flatMap { column throws(InputError) in try row.optionalDouble(column) }
            if let accuracy, accuracy < 0 { throw row.error(accuracyColumn, "must be zero or more") }
            let number: Int32
            if let known = deviceNumbers[device] {
                number = known
            } else {
                number = Int32(truncatingIfNeeded: deviceNumbers.count)
                deviceNumbers[device] = number
            }
            noteTime(time)
            try aggregator.add(device: number, time: time, lon: lon, lat: lat, accuracy: accuracy)
            stored()
        }
        deviceNumbers.removeAll()
        let aggregate = try aggregator.finish()
        rows = aggregate.pings
        filtered = aggregate.filtered
        details = ["devices": aggregate.devices, "read": fileReport.acceptedCount]
        try storeTraffic(aggregate)
    }

    /// Writes the aggregate: the grid, one row per window, one row per (window, cell).
    private func storeTraffic(_ aggregate: TrafficAggregate) throws {
        try db.run(
            "INSERT INTO gps_grid (crs, cell_size, devices, pings) VALUES (?, ?, ?, ?)",
            aggregate.crs.definition, aggregate.cellSize, aggregate.devices, aggregate.pings)
        let window = try db.prepare(
            """
            INSERT INTO gps_windows (name, position, start_minute, end_minute, days, pings, devices, cells)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let cell = try db.prepare("INSERT INTO gps_cells (window, col, row, pings, devices) VALUES (?, ?, ?, ?, ?)")
        var cells = 0
        for (position, w) in aggregate.windows.enumerated() {
            try window.execute(
                w.window.name, position, w.window.start, w.window.end, w.window.days.rawValue, w.pings,
                w.devices, w.cells.count)
            for c in w.cells { try cell.execute(w.window.name, c.column, c.row, c.pings, c.devices) }
            cells += w.cells.count
        }
        details["cells"] = cells
    }
}

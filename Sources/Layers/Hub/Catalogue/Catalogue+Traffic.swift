import Foundation
import GeoCore

extension Catalogue {
    /// Children's GPS aggregates: the grid, and per window its totals and cells; nil
    /// when the project has no GPS source. Cells are not yet k-anonymised: the
    /// child-traffic layer suppresses cells with fewer than `minDistinctDevices`.
    public func childTraffic() throws(HubError) -> TrafficAggregate? {
        try query {
            guard let grid = try db.rows("SELECT crs, cell_size, devices, pings FROM gps_grid").first,
                let crsText = grid[0].string
            else { return nil }
            let crs = try CRS(crsText)
            let cellSize = grid[1].double ?? 0
            let filtered = try db.scalar("SELECT filtered FROM provenance WHERE kind = 'childGPS'")?.string
            var windows: [TrafficWindowAggregate] = []
            for w in try db.rows(
                """
                SELECT name, start_minute, end_minute, days, pings, devices FROM gps_windows ORDER BY position
                """)
            {
                let window = TimeWindow(
                    name: w[0].string ?? "", start: w[1].int ?? 0, end: w[2].int ?? 1440,
                    days: w[3].string.flatMap(TimeWindow.Days.init(rawValue:)) ?? .all)
                windows.append(
                    TrafficWindowAggregate(
                        window: window, pings: w[4].int ?? 0, devices: w[5].int ?? 0,
                        cells: try trafficCells(window: window.name)))
            }
            return TrafficAggregate(
                crs: crs, cellSize: cellSize, pings: grid[3].int ?? 0, devices: grid[2].int ?? 0,
                windows: windows, filtered: Self.counts(filtered))
        }
    }

    /// The cells of one window (row by row, south to north, west to east).
    public func trafficCells(window: String) throws(HubError) -> [TrafficCell] {
        try query {
            let statement = try db.prepare(
                "SELECT col, row, pings, devices FROM gps_cells WHERE window = ? ORDER BY row, col")
            try statement.bind([window])
            var cells: [TrafficCell] = []
            while try statement.step() {
                cells.append(
                    TrafficCell(
                        column: Int(statement.int64(at: 0)), row: Int(statement.int64(at: 1)),
                        pings: Int(statement.int64(at: 2)), devices: Int(statement.int64(at: 3))))
            }
            return cells
        }
    }
}

import GeoCore

/// One aggregation cell of children's GPS in one time window: how many pings fell in
/// it and how many distinct devices sent them. Raw pings and device ids are never kept.
///
/// The cell covers `[column·cellSize, (column+1)·cellSize) × [row·cellSize,
/// (row+1)·cellSize)` in the project CRS (metres), so cells line up across windows and
/// ingests.
public struct TrafficCell: Sendable, Hashable {
    public var column: Int
    public var row: Int
    public var pings: Int
    /// Distinct devices seen in the cell during the window (for k-anonymity).
    public var devices: Int

    public init(column: Int, row: Int, pings: Int, devices: Int) {
        self.column = column
        self.row = row
        self.pings = pings
        self.devices = devices
    }

    /// The cell's south-west corner and centre in CRS units.
    public func origin(cellSize: Double) -> Coordinate {
        Coordinate(x: Double(column) * cellSize, y: Double(row) * cellSize)
    }

    public func center(cellSize: Double) -> Coordinate {
        Coordinate(x: (Double(column) + 0.5) * cellSize, y: (Double(row) + 0.5) * cellSize)
    }
}

/// The aggregates of one time window.
public struct TrafficWindowAggregate: Sendable, Hashable {
    public var window: TimeWindow
    /// Pings in the window, over all cells.
    public var pings: Int
    /// Distinct devices seen in the window.
    public var devices: Int
    public var cells: [TrafficCell]

    public init(window: TimeWindow, pings: Int, devices: Int, cells: [TrafficCell]) {
        self.window = window
        self.pings = pings
        self.devices = devices
        self.cells = cells
    }
}

/// Everything the hub keeps about children's GPS: per-window cell aggregates on a
/// metric grid.
public struct TrafficAggregate: Sendable, Hashable {
    /// The grid's CRS (the project's metric CRS).
    public var crs: CRS
    /// Cell side in metres.
    public var cellSize: Double
    /// Pings kept after cleaning.
    public var pings: Int
    /// Distinct devices over all kept pings.
    public var devices: Int
    public var windows: [TrafficWindowAggregate]
    /// Pings dropped by cleaning, by reason: `accuracy`, `speed`, `duplicate`, `outsideArea`.
    public var filtered: [String: Int]

    public init(
        crs: CRS, cellSize: Double, pings: Int, devices: Int, windows: [TrafficWindowAggregate],
        filtered: [String: Int] = [:]
    ) {
        self.crs = crs
        self.cellSize = cellSize
        self.pings = pings
        self.devices = devices
        self.windows = windows
        self.filtered = filtered
    }

    /// The aggregate of the window called `name`.
    public func window(named name: String) -> TrafficWindowAggregate? { windows.first { $0.window.name == name } }
}

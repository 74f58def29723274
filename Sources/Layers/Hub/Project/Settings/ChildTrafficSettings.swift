import GeoCore

/// Settings of the `child-traffic` layer and of the GPS aggregation done at ingest.
///
/// The aggregation settings (`cellSize`, `windows`, `maxAccuracy`, `maxSpeed`) are
/// applied while the GPS file is ingested, because raw pings are never stored;
/// changing them re-ingests the GPS source on the next build.
public struct ChildTrafficSettings: Sendable, Hashable {
    /// k-anonymity: a cell seen by fewer distinct devices is suppressed before
    /// smoothing (default 5).
    public var minDistinctDevices: Int
    /// Side of the square aggregation cells in metres, in the project CRS (default 50).
    public var cellSize: Double
    /// Kernel bandwidth of the density in metres, so it means the same at every zoom (default 150).
    public var bandwidth: Double
    /// The daily time windows pings are aggregated by (default all-day, morning
    /// commute 07–09 weekdays, afternoon commute 14–17 weekdays).
    public var windows: [TimeWindow]
    /// The window the layer shows unless asked for another (default `all-day`).
    public var defaultWindow: String
    /// Pings whose reported accuracy radius is larger are dropped as noise (default 50 m).
    public var maxAccuracy: Double
    /// A ping implying a faster move from the device's previous kept ping is dropped
    /// as a GPS jump (default 40 km/h).
    public var maxSpeedKmh: Double

    public static let defaultWindows: [TimeWindow] = [.allDay, .morningCommute, .afternoonCommute]

    public init(
        minDistinctDevices: Int = 5, cellSize: Double = 50, bandwidth: Double = 150,
        windows: [TimeWindow] = ChildTrafficSettings.defaultWindows, defaultWindow: String = "all-day",
        maxAccuracy: Double = 50, maxSpeedKmh: Double = 40
    ) {
        self.minDistinctDevices = minDistinctDevices
        self.cellSize = cellSize
        self.bandwidth = bandwidth
        self.windows = windows
        self.defaultWindow = defaultWindow
        self.maxAccuracy = maxAccuracy
        self.maxSpeedKmh = maxSpeedKmh
    }

    /// The window called `name`, if configured.
    public func window(named name: String) -> TimeWindow? { windows.first { $0.name == name } }

    init(_ object: SettingsObject?) throws(ProjectError) {
        self.init()
        guard let object else { return }
        minDistinctDevices = try object.positiveInteger("minDistinctDevices", default: minDistinctDevices)
        cellSize = try object.positiveNumber("cellSize", default: cellSize, maximum: 5000, unit: " of metres")
        bandwidth = try object.positiveNumber("bandwidth", default: bandwidth, maximum: 10_000, unit: " of metres")
        if let items = try object.array("windows") {
            windows = try Self.parseWindows(items, path: object.path("windows"))
        }
        defaultWindow = try object.nonEmptyString("defaultWindow", default: windows.first?.name ?? defaultWindow)
        guard window(named: defaultWindow) != nil else {
            throw object.error(
                "defaultWindow",
                "expected the name of one of the windows "
                    + "(\(windows.map(\.name).joined(separator: ", "))), got \"\(defaultWindow)\"")
        }
        maxAccuracy = try object.positiveNumber("maxAccuracy", default: maxAccuracy, unit: " of metres")
        maxSpeedKmh = try object.positiveNumber("maxSpeedKmh", default: maxSpeedKmh, unit: " of km/h")
    }

    /// Reads `[{"name", "start": "HH:MM", "end": "HH:MM", "days"}]`.
    private static func parseWindows(_ items: [JSONValue], path: String) throws(ProjectError) -> [TimeWindow] {
        guard !items.isEmpty else { throw ProjectError(path: path, reason: "expected at least one window") }
        var windows: [TimeWindow] = []
        for (index, item) in items.enumerated() {
            let object = try SettingsObject(item, path: "\(path)[\(index)]")
            guard let name = try object.string("name") else {
                throw ProjectError(path: object.path, reason: "expected a \"name\"")
            }
            guard !name.isEmpty,
                name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
            else { throw object.error("name", "expected lower-case letters, digits and '-', got \"\(name)\"") }
            guard !windows.contains(where: { $0.name == name }) else {
                throw object.error("name", "\"\(name)\" is used twice")
            }
            let start = try clock(object, "start", endOfDay: false)
            let end = try clock(object, "end", endOfDay: true)
            guard start != end else { throw object.error("end", "expected a time different from start") }
            var days = TimeWindow.Days.all
            if let text = try object.string("days") {
                guard let parsed = TimeWindow.Days(rawValue: text) else {
                    throw object.error("days", "expected \"all\", \"weekdays\" or \"weekends\", got \"\(text)\"")
                }
                days = parsed
            }
            try object.finish()
            windows.append(TimeWindow(name: name, start: start, end: end, days: days))
        }
        return windows
    }

    private static func clock(_ object: SettingsObject, _ key: String, endOfDay: Bool) throws(ProjectError) -> Int {
        guard let text = try object.string(key) else {
            throw ProjectError(path: object.path, reason: "expected a \"\(key)\" time")
        }
        guard let minutes = TimeWindow.minutes(text, allowEndOfDay: endOfDay) else {
            throw object.error(
                key, "expected a time HH:MM from 00:00 to \(endOfDay ? "24:00" : "23:59"), got \"\(text)\"")
        }
        return minutes
    }
}

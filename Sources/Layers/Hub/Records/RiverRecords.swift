import Foundation
import GeoCore

/// A river water-level sensor (`river_sensors.csv`).
public struct RiverSensor: Sendable, Hashable {
    /// `site_id`, kept as written.
    public var siteID: String
    public var name: String
    /// Lon/lat degrees.
    public var location: Coordinate
    /// The level, in metres, at which the river is at `warning` (氾濫注意水位).
    public var warningLevel: Double
    /// The level, in metres, at which the river is at `danger` (氾濫危険水位).
    public var dangerLevel: Double

    public init(siteID: String, name: String, location: Coordinate, warningLevel: Double, dangerLevel: Double) {
        self.siteID = siteID
        self.name = name
        self.location = location
        self.warningLevel = warningLevel
        self.dangerLevel = dangerLevel
    }
}

/// One water-level reading (`river_levels.csv`).
public struct RiverLevel: Sendable, Hashable {
    public var siteID: String
    public var time: Date
    /// Metres.
    public var level: Double

    public init(siteID: String, time: Date, level: Double) {
        self.siteID = siteID
        self.time = time
        self.level = level
    }
}

/// One rainfall reading (`rainfall.csv`): the intensity over the hour ending at `time`.
public struct RainfallReading: Sendable, Hashable {
    public var time: Date
    /// Millimetres per hour, zero or more.
    public var mmPerHour: Double

    public init(time: Date, mmPerHour: Double) {
        self.time = time
        self.mmPerHour = mmPerHour
    }
}

/// A time series: values at increasing times (river levels of one site, rainfall).
public struct TimeSeries: Sendable, Hashable {
    /// Strictly increasing times.
    public var times: [Date]
    /// One value per time.
    public var values: [Double]

    public init(times: [Date] = [], values: [Double] = []) {
        precondition(times.count == values.count, "a time series has one value per time")
        self.times = times
        self.values = values
    }

    public var count: Int { times.count }
    public var isEmpty: Bool { times.isEmpty }

    /// The newest time and value, if any.
    public var latest: (time: Date, value: Double)? {
        guard let time = times.last, let value = values.last else { return nil }
        return (time, value)
    }

    /// The readings within `interval` (inclusive).
    public func within(_ interval: DateInterval) -> TimeSeries {
        let lower = times.partitioningIndex { $0 >= interval.start }
        let upper = times.partitioningIndex { $0 > interval.end }
        return TimeSeries(times: Array(times[lower..<upper]), values: Array(values[lower..<upper]))
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate that is
    /// false then true along the array (binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

import Foundation
import GeoCore

extension GPSAggregator {
    /// What the aggregation needs to know; all of it comes from the project.
    public struct Configuration: Sendable, Hashable {
        /// The metric CRS pings are projected to.
        public var crs: CRS
        /// Cell side in metres.
        public var cellSize: Double
        public var windows: [TimeWindow]
        /// Pings with a larger reported accuracy radius (metres) are dropped.
        public var maxAccuracy: Double
        /// Pings implying a faster move than this (metres per second) are dropped.
        public var maxSpeed: Double
        /// Pings outside this lon/lat box are dropped.
        public var area: BoundingBox
        /// Offset of local time from UTC, for windows (seconds).
        public var utcOffsetSeconds: Int

        public init(
            crs: CRS, cellSize: Double, windows: [TimeWindow], maxAccuracy: Double, maxSpeed: Double,
            area: BoundingBox, utcOffsetSeconds: Int
        ) {
            self.crs = crs
            self.cellSize = cellSize
            self.windows = windows
            self.maxAccuracy = maxAccuracy
            self.maxSpeed = maxSpeed
            self.area = area
            self.utcOffsetSeconds = utcOffsetSeconds
        }

        /// The project's settings: `layers.child-traffic` (cell size, windows,
        /// accuracy and speed limits), the bbox, CRS and time zone.
        public init(project: Project) {
            let settings = project.layers.childTraffic
            self.init(
                crs: project.crs, cellSize: settings.cellSize, windows: settings.windows,
                maxAccuracy: settings.maxAccuracy, maxSpeed: settings.maxSpeedKmh / 3.6, area: project.bbox,
                utcOffsetSeconds: project.defaultUTCOffsetSeconds)
        }

        /// A text that changes whenever the aggregation would (stored in provenance).
        var fingerprint: String {
            let windowText = windows.map { "\($0.name)=\($0.start)-\($0.end)/\($0.days.rawValue)" }.joined(
                separator: ",")
            return "gps:crs=\(crs.definition),cell=\(cellSize),acc=\(maxAccuracy),speed=\(maxSpeed),"
                + "area=\(area.array),offset=\(utcOffsetSeconds),windows=\(windowText)"
        }
    }
}

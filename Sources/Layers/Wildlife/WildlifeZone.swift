import Foundation
import GeoCore

/// One wildlife zone: the GEOS union of the buffers of cameras with confident recent
/// detections, where buffers that overlap become one zone.
///
/// How composite risk and time-aware routing use it:
/// - `risk` (0…1) is the zone's score over the highest zone score of the layer: the
///   all-day hazard weight.
/// - `bandRisk[band]` (0…1) is the zone's score in that time-of-day band over the highest
///   band score of any zone of the layer, so values compare across zones and bands:
///   risk at 05:00 is `bandRisk[.night]` (see ``risk(atMinuteOfDay:)``).
/// - `tally.bandProfile` is the zone's own daily pattern (its busiest band = 1).
public struct WildlifeZone: Sendable, Hashable {
    /// `"CAM01+CAM05"`: the ids of the zone's cameras, sorted, joined by `+`.
    public var id: String
    /// The cameras inside the zone (with detections), sorted.
    public var cameraIDs: [String]
    /// The zone polygon(s) in lon/lat degrees.
    public var shape: Shape
    /// The zone polygon(s) in the project CRS (metres).
    public var metricShape: Shape
    /// Area in square metres (in the project CRS).
    public var area: Double
    /// What the zone's cameras saw (sum of their tallies).
    public var tally: WildlifeTally
    public var risk: Double
    public var bandRisk: [TimeOfDayBand: Double]

    public init(
        id: String, cameraIDs: [String], shape: Shape, metricShape: Shape, area: Double, tally: WildlifeTally,
        risk: Double = 0, bandRisk: [TimeOfDayBand: Double] = [:]
    ) {
        self.id = id
        self.cameraIDs = cameraIDs
        self.shape = shape
        self.metricShape = metricShape
        self.area = area
        self.tally = tally
        self.risk = risk
        self.bandRisk = bandRisk
    }

    /// The zone's risk in the band holding a local time of day (minutes after
    /// midnight): what time-aware routing weights edges with.
    public func risk(atMinuteOfDay minute: Int) -> Double {
        bandRisk[TimeOfDayBand(minuteOfDay: minute)] ?? 0
    }
}

/// One camera and what it saw (every camera appears, with or without detections).
public struct WildlifeCameraSummary: Sendable, Hashable {
    public var camera: WildlifeCamera
    public var tally: WildlifeTally
    /// The id of the zone holding this camera; nil when it saw nothing in the period.
    public var zoneID: String?

    public init(camera: WildlifeCamera, tally: WildlifeTally, zoneID: String? = nil) {
        self.camera = camera
        self.tally = tally
        self.zoneID = zoneID
    }
}

/// The wildlife layer as typed values.
public struct WildlifeResult: Sendable, Hashable {
    public var zones: [WildlifeZone]
    public var cameras: [WildlifeCameraSummary]
    /// The time recency is measured from; nil when there are no detections at all.
    public var asOf: Date?
    /// Confident detections in the period from cameras not in the camera list (ignored).
    public var unknownCameraDetections: Int

    public init(zones: [WildlifeZone], cameras: [WildlifeCameraSummary], asOf: Date?, unknownCameraDetections: Int = 0)
    {
        self.zones = zones
        self.cameras = cameras
        self.asOf = asOf
        self.unknownCameraDetections = unknownCameraDetections
    }
}

import Foundation
import GeoCore

/// A wildlife camera (`wildlife_cameras.csv`).
public struct WildlifeCamera: Sendable, Hashable {
    /// `camera_id`, kept as written.
    public var cameraID: String
    public var name: String
    /// Lon/lat degrees.
    public var location: Coordinate

    public init(cameraID: String, name: String, location: Coordinate) {
        self.cameraID = cameraID
        self.name = name
        self.location = location
    }
}

/// One detection by a camera (`wildlife_detections.csv`).
public struct WildlifeDetection: Sendable, Hashable {
    public var cameraID: String
    public var time: Date
    public var species: Species
    /// The classifier's confidence, 0…1.
    public var confidence: Double

    public init(cameraID: String, time: Date, species: Species, confidence: Double) {
        self.cameraID = cameraID
        self.time = time
        self.species = species
        self.confidence = confidence
    }
}

/// One bus boarding or alighting (`bus_boardings.csv`), from the RFID card readers.
public struct Boarding: Sendable, Hashable {
    public var time: Date
    /// `route_id` as in the GTFS feed.
    public var routeID: String
    /// `stop_id` as in the GTFS feed (`0101` keeps its zero).
    public var stopID: String
    public var event: BoardingEvent
    public var riderType: RiderType

    public init(time: Date, routeID: String, stopID: String, event: BoardingEvent, riderType: RiderType) {
        self.time = time
        self.routeID = routeID
        self.stopID = stopID
        self.event = event
        self.riderType = riderType
    }
}

/// Boarding counts for one stop on one route by event and rider type (a catalogue
/// aggregate, computed in SQL).
public struct BoardingCount: Sendable, Hashable {
    public var stopID: String
    public var routeID: String
    public var event: BoardingEvent
    public var riderType: RiderType
    public var count: Int

    public init(stopID: String, routeID: String, event: BoardingEvent, riderType: RiderType, count: Int) {
        self.stopID = stopID
        self.routeID = routeID
        self.event = event
        self.riderType = riderType
        self.count = count
    }
}

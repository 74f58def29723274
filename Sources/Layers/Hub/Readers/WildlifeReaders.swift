import Foundation
import GeoCore

/// Reads `wildlife_cameras.csv`: `camera_id,name,lat,lon`.
public enum WildlifeCamerasReader {
    public static let requiredColumns = ["camera_id", "name", "lat", "lon"]

    public static func read(
        _ url: URL, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (WildlifeCamera) throws -> Void
    ) throws -> InputReport {
        var seen: Set<String> = []
        return try CSVSource.read(url, options: options, required: requiredColumns, onReject: onReject) { row, c, _ in
            let id = try CSVSource.id(row, c[0])
            let location = try CSVSource.location(row, lat: c[2], lon: c[3])
            guard seen.insert(id).inserted else { throw row.invalidValue(c[0], "is listed twice") }
            try body(WildlifeCamera(cameraID: id, name: row.optionalString(c[1]) ?? id, location: location))
        }
    }
}

/// Reads `wildlife_detections.csv`: `camera_id,timestamp,species,confidence`, the
/// species in English (`bear`, `boar`, `serow`, `other`) or Japanese (クマ, イノシシ,
/// カモシカ, その他), the confidence from 0 to 1.
public enum WildlifeDetectionsReader {
    public static let requiredColumns = ["camera_id", "timestamp", "species", "confidence"]

    public static func read(
        _ url: URL, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (WildlifeDetection) throws -> Void
    ) throws -> InputReport {
        try CSVSource.read(url, options: options, required: requiredColumns, onReject: onReject) { row, c, _ in
            let id = try CSVSource.id(row, c[0])
            let time = try CSVSource.time(row, c[1])
            guard let species = Species(sourceText: row.string(c[2])) else {
                throw row.invalidValue(c[2], "is not one of bear, boar, serow, other, クマ, イノシシ, カモシカ, その他")
            }
            let confidence = try row.double(c[3])
            guard (0...1).contains(confidence) else { throw row.invalidValue(c[3], "must be from 0 to 1") }
            try body(WildlifeDetection(cameraID: id, time: time, species: species, confidence: confidence))
        }
    }
}

/// Reads `bus_boardings.csv`: `timestamp,route_id,stop_id,event,rider_type`, event
/// `board`/`alight`, rider type `student`/`adult`/`senior`.
public enum BusBoardingsReader {
    public static let requiredColumns = ["timestamp", "route_id", "stop_id", "event", "rider_type"]

    public static func read(
        _ url: URL, options: CSVReader.Options = CSVReader.Options(),
        onReject: (InputError) -> Void = { _ in },
        _ body: (Boarding) throws -> Void
    ) throws -> InputReport {
        try CSVSource.read(url, options: options, required: requiredColumns, onReject: onReject) { row, c, _ in
            let time = try CSVSource.time(row, c[0])
            let route = try CSVSource.id(row, c[1])
            let stop = try CSVSource.id(row, c[2])
            guard let event = BoardingEvent(sourceText: row.string(c[3])) else {
                throw row.invalidValue(c[3], "is not board or alight")
            }
            guard let rider = RiderType(sourceText: row.string(c[4])) else {
                throw row.invalidValue(c[4], "is not student, adult or senior")
            }
            try body(Boarding(time: time, routeID: route, stopID: stop, event: event, riderType: rider))
        }
    }
}

import Foundation

/// The `PROJECT` argument: a folder holding `geohub.json`.
struct ProjectFolder: Sendable, Hashable, ExpressibleByArgument {
    var url: URL

    init(argument text: String, option: String) throws {
        let url = URL(fileURLWithPath: text).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("\(option): '\(text)' is not a folder; give the project folder that holds geohub.json")
        }
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("geohub.json").path) else {
            throw UsageError("\(option): '\(text)' has no geohub.json; give the project folder that holds it")
        }
        self.url = url
    }

    static var valueName: String { "PROJECT" }
    var argumentDescription: String { url.path }
}

/// An existing file (`geohub inspect FILE`).
struct ExistingFile: Sendable, Hashable, ExpressibleByArgument {
    var url: URL

    init(argument text: String, option: String) throws {
        let url = URL(fileURLWithPath: text).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw UsageError(
                "\(option): '\(text)' does not exist; give a source CSV, hub.sqlite, .mbtiles, "
                    + ".pmtiles or .geojson file")
        }
        self.url = url
    }

    static var valueName: String { "FILE" }
    var argumentDescription: String { url.path }
}

import Foundation
import GeoCore

/// `geohub route PROJECT --from LON,LAT --to LON,LAT [--at HH:MM] [--scenario rain=MM] [--out FILE]`.
struct RouteCommand: Command {
    static let configuration = CommandConfiguration(
        name: "route",
        abstract: "Plan the safe and the shortest route between two points.",
        discussion: """
            Prints (or writes to --out) a GeoJSON FeatureCollection of two LineStrings whose properties \
            hold route (safe or shortest), length_m and risk (the hazard met along the route, in metres \
            at full hazard). The safe route minimises length + β × risk on the road network (β = 4 unless \
            layers.composite.beta says otherwise); --at weighs wildlife at that time of day, --scenario \
            rates the river gauges as predicted for that rainfall (a flood drill).
            """)

    @Argument(help: "The project folder (the one with geohub.json).", valueName: "PROJECT")
    var project: ProjectFolder
    @Option(name: "from", help: "Start, longitude first, in degrees (e.g. 140.04,38.107).")
    var from: Coordinate
    @Option(name: "to", help: "Destination, longitude first, in degrees.")
    var to: Coordinate
    @Option(
        name: "at",
        help: "Local departure time; wildlife risk is taken in its time-of-day band (0–6, 6–12, 12–18, 18–24 h).")
    var at: TimeOfDay?
    @Option(name: "scenario", help: "A rainfall scenario for the flood hazard, e.g. rain=50 mm/h.")
    var scenario: RainScenario?
    @Option(name: "out", help: "Write the GeoJSON to this file instead of standard output.", valueName: "FILE")
    var out: String?
    @Flag(name: "quiet", help: "Print no summary.")
    var quiet: Bool

    func validate() throws {
        if from == to { throw UsageError("--from and --to are the same point; give two different points") }
    }

    func run() throws {
        let geoJSON = try LibraryWiring.library().route(
            RouteRequest(project: project.url, from: from, to: to, at: at, scenario: scenario))
        if let out {
            let url = URL(fileURLWithPath: out)
            do {
                try geoJSON.write(to: url, options: .atomic)  // a temporary file renamed into place
            } catch {
                throw RuntimeError("cannot write \(url.path): \(error.localizedDescription)")
            }
        } else {
            StandardStreams.out(String(decoding: geoJSON, as: UTF8.self) + "\n")
        }
        if !quiet { StandardStreams.err(RouteFigures.summary(of: geoJSON) + "\n") }
    }
}

/// Reads the figures of a route answer for the one-line summary.
enum RouteFigures {
    /// `safe: 2.31 km, risk 0.120; shortest: 2.05 km, risk 0.402`.
    static func summary(of geoJSON: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: geoJSON) as? [String: Any],
            let features = object["features"] as? [[String: Any]]
        else { return "route: the answer is not a GeoJSON FeatureCollection" }
        let parts = features.compactMap { feature -> String? in
            guard let properties = feature["properties"] as? [String: Any],
                let name = properties["route"] as? String
            else { return nil }
            let length = (properties["length_m"] as? NSNumber)?.doubleValue ?? .nan
            let risk = (properties["risk"] as? NSNumber)?.doubleValue ?? .nan
            return String(format: "%@: %.2f km, risk %.3f", name, length / 1000, risk)
        }
        return parts.isEmpty ? "route: no route found" : parts.joined(separator: "; ")
    }
}

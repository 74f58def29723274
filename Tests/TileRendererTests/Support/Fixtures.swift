import Foundation
import GeoCore

@testable import TileRenderer

/// Small deterministic layers around Nagai for renderer and store tests.
enum Fixtures {
    static let nagai = BoundingBox(west: 139.99, south: 38.07, east: 140.09, north: 38.13)

    /// A ring approximating a circle of `radius` degrees of latitude.
    static func ring(_ lon: Double, _ lat: Double, _ radius: Double, _ n: Int = 24) -> [Coordinate] {
        let k = cos(lat * .pi / 180)
        var ring = (0..<n).map { i -> Coordinate in
            let t = 2 * Double.pi * Double(i) / Double(n)
            return Coordinate(x: lon + radius * cos(t) / k, y: lat + radius * sin(t))
        }
        ring.append(ring[0])
        return ring
    }

    /// Polygons (one with a hole), lines and points spread over `nagai`, with the
    /// properties the default styles read.
    static var features: [Feature] {
        var result: [Feature] = []
        var seed: UInt64 = 12345
        func random() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        let statuses = ["normal", "advisory", "warning", "danger"]
        for i in 0..<40 {
            let lon = 139.99 + 0.1 * random()
            let lat = 38.07 + 0.06 * random()
            let outer = ring(lon, lat, 0.002 + 0.004 * random())
            let holes = i % 5 == 0 ? [Array(ring(lon, lat, 0.001).reversed())] : []
            result.append(
                Feature(
                    id: "p\(i)", shape: .polygon(PolygonRings(exterior: outer, holes: holes)),
                    properties: ["population_change": .double(-40 + 80 * random()), "kind": "boundary"]))
        }
        for i in 0..<15 {
            var lon = 139.99 + 0.1 * random()
            var lat = 38.07 + 0.06 * random()
            var line = [Coordinate(x: lon, y: lat)]
            for _ in 0..<12 {
                lon += 0.006 * (random() - 0.5)
                lat += 0.006 * (random() - 0.5)
                line.append(Coordinate(x: lon, y: lat))
            }
            result.append(
                Feature(id: "l\(i)", shape: .lineString(line), properties: ["kind": i % 2 == 0 ? "roads" : "rivers"]))
        }
        for i in 0..<30 {
            result.append(
                Feature(
                    id: "s\(i)", shape: .point(Coordinate(x: 139.99 + 0.1 * random(), y: 38.07 + 0.06 * random())),
                    properties: ["status": .string(statuses[i % 4]), "boardings": .int(i * 7)]))
        }
        return result
    }

    static func layer(style: Style = .benchmark, name: String = "fixture") throws -> PreparedLayer {
        try PreparedLayer(name: name, features: features, style: style)
    }
}

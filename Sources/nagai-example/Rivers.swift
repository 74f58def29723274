import Foundation
import GeoCore

/// One river line of the example: the Mogami (real, approximate) or a synthetic tributary.
struct River: Sendable {
    let id: String
    let name: String
    /// Source to mouth for tributaries; south to north (upstream to downstream) for the Mogami.
    let line: [Coordinate]
    let synthetic: Bool

    /// Cumulative distances along `line` in metres.
    var cumulative: [Double] {
        var total = 0.0
        var out = [0.0]
        for i in 1..<line.count {
            total += LocalPlane.distance(line[i - 1], line[i])
            out.append(total)
        }
        return out
    }

    /// The point at `fraction` (0…1) of the line's length.
    func point(atFraction fraction: Double) -> Coordinate {
        let distances = cumulative
        let target = fraction * (distances.last ?? 0)
        for i in 1..<line.count where distances[i] >= target {
            let span = distances[i] - distances[i - 1]
            let t = span > 0 ? (target - distances[i - 1]) / span : 0
            return Coordinate(
                lon: line[i - 1].lon + t * (line[i].lon - line[i - 1].lon),
                lat: line[i - 1].lat + t * (line[i].lat - line[i - 1].lat))
        }
        return line[line.count - 1]
    }
}

/// The river network: the Mogami where the open data puts it, plus three invented tributaries.
struct RiverSystem: Sendable {
    let mogami: River
    let tributaries: [River]

    var all: [River] { [mogami] + tributaries }

    /// Builds the rivers. The GSHHG centreline runs up to ~1 km west of the real river between
    /// 38.06° and 38.125° N (it would put 日の出町 and 小出 on the east bank); it is nudged east
    /// there by a smooth bump of at most 0.0125° (≈ 1.1 km), within the data's stated error.
    init() {
        var dense: [Coordinate] = []
        let source = NagaiFacts.mogamiApproximate
        for i in 1..<source.count {
            let a = source[i - 1]
            let b = source[i]
            let steps = max(1, Int((LocalPlane.distance(a, b) / 200).rounded(.up)))
            for s in 0..<steps {
                let t = Double(s) / Double(steps)
                dense.append(Coordinate(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat)))
            }
        }
        dense.append(source[source.count - 1])
        let corrected = dense.map { Coordinate(lon: $0.lon + RiverSystem.eastwardCorrection(lat: $0.lat), lat: $0.lat) }
        var mogamiLine = corrected

        var random = SplitMix64(stream: "rivers")
        var tributaries: [River] = []
        let designs: [(id: String, name: String, points: [(Double, Double)], mouthLat: Double)] = [
            (
                "nogawa", "野川",
                [
                    (139.935, 38.175), (139.965, 38.160), (139.990, 38.148), (140.010, 38.134),
                    (140.026, 38.1225), (140.041, 38.1172),
                ], 38.1185
            ),
            (
                "shirakawa", "置賜白川",
                [
                    (139.905, 38.196), (139.942, 38.187), (139.985, 38.172), (140.015, 38.161),
                    (140.036, 38.1515),
                ], 38.1525
            ),
            (
                "isazawa", "伊佐沢川", [(140.104, 38.121), (140.091, 38.108), (140.078, 38.097), (140.068, 38.0915)],
                38.0905
            ),
        ]
        for design in designs {
            let mouth = RiverSystem.interpolate(mogamiLine, lat: design.mouthLat)
            mogamiLine = RiverSystem.inserting(mouth, into: mogamiLine)
            let control = design.points.map { Coordinate(lon: $0.0, lat: $0.1) } + [mouth]
            tributaries.append(
                River(
                    id: design.id, name: design.name,
                    line: RiverSystem.meander(control, random: &random), synthetic: true))
        }
        mogami = River(id: "mogami", name: "最上川", line: mogamiLine, synthetic: false)
        self.tributaries = tributaries
    }

    /// The eastward nudge applied to the approximate Mogami centreline at `lat`.
    static func eastwardCorrection(lat: Double) -> Double {
        let x = (lat - 38.09) / 0.03
        guard abs(x) < 1 else { return 0 }
        return 0.0125 * 0.5 * (1 + cos(Double.pi * x))
    }

    /// The Mogami's longitude at `lat` (the river runs monotonically north through the city).
    func mogamiLongitude(atLatitude lat: Double) -> Double {
        RiverSystem.interpolate(mogami.line, lat: lat).lon
    }

    /// Whether `c` lies east of the Mogami (the 伊佐沢 side).
    func isEastOfMogami(_ c: Coordinate) -> Bool {
        c.lon > mogamiLongitude(atLatitude: c.lat)
    }

    private static func interpolate(_ line: [Coordinate], lat: Double) -> Coordinate {
        guard let first = line.first, let last = line.last else { return Coordinate(lon: 0, lat: lat) }
        if lat <= first.lat { return first }
        for i in 1..<line.count where line[i].lat >= lat {
            let a = line[i - 1]
            let b = line[i]
            let t = b.lat > a.lat ? (lat - a.lat) / (b.lat - a.lat) : 0
            return Coordinate(lon: a.lon + t * (b.lon - a.lon), lat: lat)
        }
        return last
    }

    private static func inserting(_ point: Coordinate, into line: [Coordinate]) -> [Coordinate] {
        var out = line
        if let index = line.firstIndex(where: { $0.lat >= point.lat }) {
            if line[index] != point { out.insert(point, at: index) }
        }
        return out
    }

    /// Densifies `control` to ~120 m steps with a gentle sinusoidal meander (zero at the ends
    /// of every control segment, so the mouth stays exactly on the Mogami).
    private static func meander(_ control: [Coordinate], random: inout SplitMix64) -> [Coordinate] {
        var out: [Coordinate] = []
        for i in 1..<control.count {
            let a = LocalPlane.project(control[i - 1])
            let b = LocalPlane.project(control[i])
            let length = a.distance(to: b)
            let steps = max(1, Int((length / 120).rounded(.up)))
            let normal = PlanePoint(x: -(b.y - a.y) / length, y: (b.x - a.x) / length)
            let amplitude = min(60, 0.04 * length) * (random.chance(0.5) ? 1 : -1)
            let waves = Double(random.int(1...3))
            for s in 0..<steps {
                let t = Double(s) / Double(steps)
                let bend = amplitude * sin(Double.pi * waves * t)
                out.append(LocalPlane.unproject(a + (b - a) * t + normal * bend))
            }
        }
        out.append(control[control.count - 1])
        return out
    }
}

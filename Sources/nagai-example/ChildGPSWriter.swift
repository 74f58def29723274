import Foundation
import GeoCore

/// Writes `child_gps.csv`: 325 children (× scale) walking between home and school.
///
/// Each child has a home on a road near a town of the school's district, 250 m to 2 km
/// from school along the network. On each school day of the week (Mon 5 – Fri 9 September
/// 2022) the child walks the shortest road path to school in the morning (07:00–08:30) and
/// back in the afternoon (14:30–17:00) at their own pace; the device pings every 30–60 s.
/// Fixes scatter with the reported accuracy; about 1 % are bad fixes (accuracy 50–300 m) and
/// about 0.4 % jump hundreds of metres with a normal-looking accuracy (for speed filters).
/// Some children miss a day. Device ids are random opaque strings.
struct ChildGPSWriter {
    let roads: RoadNetwork
    let scale: Int
    static let firstDay = CivilDate(2022, 9, 5)
    static let schoolDays = 5

    private struct Ping {
        let time: Int
        let device: Int
        let coordinate: Coordinate
        let accuracy: Double
    }

    private struct Child {
        let device: String
        /// Home to school.
        let route: [PlanePoint]
        let cumulative: [Double]
        let speed: Double
        let quality: Double
    }

    func write(to folder: OutputFolder) throws(GeneratorError) {
        var random = SplitMix64(stream: "child-gps")
        let children = try makeChildren(random: &random)
        var pings: [Ping] = []
        for dayOffset in 0..<ChildGPSWriter.schoolDays {
            let day = ChildGPSWriter.firstDay.adding(days: dayOffset)
            let midnight = LocalTime(day, seconds: 0).absolute
            for (index, child) in children.enumerated() {
                guard !random.chance(0.03) else { continue }
                let length = child.cumulative.last ?? 0
                let walkSeconds = length / child.speed
                let arrival = random.uniform(7 * 3600 + 35 * 60, 8 * 3600 + 22 * 60)
                let morningStart = max(7 * 3600 + random.uniform(0, 300), arrival - walkSeconds)
                walk(
                    child, index: index, start: Double(midnight) + morningStart, towardSchool: true,
                    windowStart: Double(midnight + 7 * 3600), windowEnd: Double(midnight + 8 * 3600 + 30 * 60),
                    random: &random, into: &pings)
                let leave = random.uniform(14 * 3600 + 35 * 60, 16 * 3600 + 15 * 60)
                walk(
                    child, index: index, start: Double(midnight) + leave, towardSchool: false,
                    windowStart: Double(midnight + 14 * 3600 + 30 * 60), windowEnd: Double(midnight + 17 * 3600),
                    random: &random, into: &pings)
            }
        }
        pings.sort { $0.time != $1.time ? $0.time < $1.time : $0.device < $1.device }
        var sink = TextSink()
        sink.line("device_id,timestamp,lat,lon,accuracy_m")
        for ping in pings {
            sink.line(
                "\(children[ping.device].device),\(LocalTime(absolute: ping.time).isoWithOffset),"
                    + "\(Numbers.fixed(ping.coordinate.lat, 6)),\(Numbers.fixed(ping.coordinate.lon, 6)),"
                    + Numbers.fixed(ping.accuracy, 1))
        }
        try folder.write(sink, to: "data/child_gps.csv")
    }

    private func makeChildren(random: inout SplitMix64) throws(GeneratorError) -> [Child] {
        var children: [Child] = []
        for school in Places.schools {
            guard let schoolNode = roads.node(school.id) else { throw GeneratorError("no junction for \(school.id)") }
            let tree = roads.shortestPaths(from: schoolNode)
            let schoolPlane = LocalPlane.project(school.coordinate)
            let towns = NagaiFacts.towns.filter {
                $0.district == school.district && LocalPlane.project($0.coordinate).distance(to: schoolPlane) < 2600
            }
            let weights = towns.map { $0.district == .central ? 1.0 : 2.0 }
            var made = 0
            var attempts = 0
            while made < school.walkers * scale {
                attempts += 1
                if attempts > 200_000 { throw GeneratorError("cannot place homes for \(school.name)") }
                let town =
                    towns.isEmpty ? schoolPlane : LocalPlane.project(towns[random.weightedIndex(weights)].coordinate)
                let near = roads.nodes.indices.filter { roads.nodes[$0].plane.distance(to: town) < 450 }
                guard !near.isEmpty else { continue }
                let node = near[random.int(0...(near.count - 1))]
                let incident = roads.adjacency[node]
                let (edgeIndex, _) = incident[random.int(0...(incident.count - 1))]
                let edge = roads.edges[edgeIndex]
                let fraction = random.uniform(0.15, 0.85)
                let total = fraction * edge.length + tree.distance[node]
                // Most children live close to school: accept longer walks less often.
                guard total >= 250, total <= 2000, random.uniform() < 1.15 - total / 2000 else { continue }
                // Home → junction (part of the edge), then junction → school.
                let fromNode = edge.from == node ? edge.geometry : edge.geometry.reversed()
                var partial = ChildGPSWriter.prefix(fromNode.map(LocalPlane.project), length: fraction * edge.length)
                partial.reverse()
                let toSchool = roads.polyline(
                    start: schoolNode, edges: roads.edgePath(tree: tree.previousEdge, to: node)
                )
                .reversed().map(LocalPlane.project)
                let route = partial + toSchool.dropFirst()
                var cumulative = [0.0]
                for i in 1..<route.count { cumulative.append(cumulative[i - 1] + route[i - 1].distance(to: route[i])) }
                children.append(
                    Child(
                        device: "dev-" + random.hex8(), route: route, cumulative: cumulative,
                        speed: random.uniform(0.9, 1.4), quality: random.uniform(1, 1.8)))
                made += 1
            }
        }
        return children
    }

    /// Emits the pings of one walk (home → school when `towardSchool`, else back).
    private func walk(
        _ child: Child, index: Int, start: Double, towardSchool: Bool, windowStart: Double, windowEnd: Double,
        random: inout SplitMix64, into pings: inout [Ping]
    ) {
        let length = child.cumulative.last ?? 0
        let end = start + length / child.speed + random.uniform(0, 45)
        var t = max(start - random.uniform(0, 20), windowStart)
        while t <= end && t < windowEnd {
            let travelled = min(max(0, (t - start) * child.speed), length)
            let along = towardSchool ? travelled : length - travelled
            var p = position(child, at: along)
            var accuracy = random.uniform(3, 12) * child.quality
            let roll = random.uniform()
            if roll < 0.011 {
                accuracy = random.uniform(50, 300)
                p = p + PlanePoint(x: random.normal() * accuracy * 0.7, y: random.normal() * accuracy * 0.7)
            } else if roll < 0.015 {
                let angle = random.uniform(0, 2 * Double.pi)
                let jump = random.uniform(300, 1200)
                p = p + PlanePoint(x: cos(angle) * jump, y: sin(angle) * jump)
            } else {
                p = p + PlanePoint(x: random.normal() * accuracy / 1.5, y: random.normal() * accuracy / 1.5)
            }
            pings.append(
                Ping(
                    time: Int(t.rounded(.down)), device: index, coordinate: LocalPlane.unproject(p),
                    accuracy: accuracy))
            t += random.uniform(30, 60)
        }
    }

    private func position(_ child: Child, at distance: Double) -> PlanePoint {
        for i in 1..<child.route.count where child.cumulative[i] >= distance {
            let span = child.cumulative[i] - child.cumulative[i - 1]
            let t = span > 0 ? (distance - child.cumulative[i - 1]) / span : 0
            return child.route[i - 1] + (child.route[i] - child.route[i - 1]) * t
        }
        return child.route[child.route.count - 1]
    }

    /// The first `length` metres of `line`.
    static func prefix(_ line: [PlanePoint], length: Double) -> [PlanePoint] {
        var out = [line[0]]
        var travelled = 0.0
        for i in 1..<line.count {
            let step = line[i - 1].distance(to: line[i])
            if travelled + step >= length {
                let t = step > 0 ? (length - travelled) / step : 0
                out.append(line[i - 1] + (line[i] - line[i - 1]) * t)
                return out
            }
            travelled += step
            out.append(line[i])
        }
        return out
    }
}

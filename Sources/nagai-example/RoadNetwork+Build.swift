import Foundation
import GeoCore

extension RoadNetwork {
    /// The centre's street-grid extent (degrees): where `residential` streets are laid out.
    static let centre = (west: 140.017, south: 38.089, east: 140.050, north: 38.1245)

    /// Builds the network deterministically.
    ///
    /// Junctions: the 52 town points, the 7 stations, the schools and places, and a jittered
    /// ~270 m street grid over the town centre. Roads: the Gabriel graph of the junctions (an
    /// edge joins two junctions when no third lies inside the circle on them as diameter), which
    /// is planar, so roads never cross except at junctions, and connected. Roads that would cross
    /// the Mogami are dropped except one bridge per river stretch. Classes follow use: the
    /// south–north trunk through the three central stations is `primary`, the shortest links from
    /// Nagai station to every village, school and bridge `secondary`, centre streets
    /// `residential`, the rest `tertiary`.
    static func build(rivers: RiverSystem) throws(GeneratorError) -> RoadNetwork {
        var random = SplitMix64(stream: "roads")
        var nodes: [RoadNode] = []
        var labelled: [String: Int] = [:]
        func add(_ c: Coordinate, _ label: String?) {
            if let label { labelled[label] = nodes.count }
            nodes.append(RoadNode(coordinate: c, plane: LocalPlane.project(c), label: label))
        }
        for town in NagaiFacts.towns { add(town.coordinate, town.name) }
        for station in NagaiFacts.stations { add(station.coordinate, "駅:" + station.name) }
        for school in Places.schools { add(school.coordinate, school.id) }
        add(Places.supermarket.coordinate, Places.supermarket.name)
        add(Places.hospital.coordinate, Places.hospital.name)
        add(Places.cityHall.coordinate, Places.cityHall.name)

        // Centre grid, skipping points near an existing junction or across the river.
        let anchors = nodes.map(\.plane)
        var lat = centre.south
        while lat <= centre.north {
            var lon = centre.west
            while lon <= centre.east {
                let c = LocalPlane.offset(
                    Coordinate(lon: lon, lat: lat),
                    east: random.uniform(-35, 35), north: random.uniform(-35, 35))
                let p = LocalPlane.project(c)
                let clear = anchors.allSatisfy { $0.distance(to: p) > 110 }
                if clear && c.lon < rivers.mogamiLongitude(atLatitude: c.lat) - 0.0015 { add(c, nil) }
                lon += 0.0031
            }
            lat += 0.0024
        }

        let pairs = gabrielPairs(nodes.map(\.plane), maximumLength: 6500)
        let east = nodes.map { rivers.isEastOfMogami($0.coordinate) }
        var kept = pairs.filter { east[$0.0] == east[$0.1] }
        var bridges: [(Int, Int)] = []
        for band in [(38.060, 38.085), (38.095, 38.112), (38.115, 38.140)] {
            let crossing = pairs.filter { pair in
                guard east[pair.0] != east[pair.1] else { return false }
                let midLat = (nodes[pair.0].coordinate.lat + nodes[pair.1].coordinate.lat) / 2
                return midLat >= band.0 && midLat < band.1
            }
            let shortest = crossing.min { a, b in
                nodes[a.0].plane.distance(to: nodes[a.1].plane) < nodes[b.0].plane.distance(to: nodes[b.1].plane)
            }
            if let shortest { bridges.append(shortest) }
        }
        kept += bridges

        var network = RoadNetwork(
            nodes: nodes, edges: [], adjacency: Array(repeating: [], count: nodes.count),
            labelled: labelled)
        for (a, b) in kept {
            let length = nodes[a].plane.distance(to: nodes[b].plane)
            let isBridge = bridges.contains { $0 == (a, b) }
            network.adjacency[a].append((network.edges.count, b))
            network.adjacency[b].append((network.edges.count, a))
            network.edges.append(
                RoadEdge(
                    from: a, to: b, highway: .tertiary, bridge: isBridge,
                    geometry: [nodes[a].coordinate, nodes[b].coordinate], length: length))
        }
        let reach = network.shortestPaths(from: 0).distance
        if let lost = reach.firstIndex(where: { !$0.isFinite }) {
            throw GeneratorError("road network is not connected: junction \(nodes[lost].label ?? "grid \(lost)")")
        }
        try network.classify()
        network.shapeGeometry(random: &random)
        return network
    }

    /// Index pairs (i < j) of the Gabriel graph of `points`, in a fixed order.
    private static func gabrielPairs(_ points: [PlanePoint], maximumLength: Double) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in points.indices {
            for j in (i + 1)..<points.count {
                let d = points[i].distance(to: points[j])
                guard d <= maximumLength else { continue }
                let mid = (points[i] + points[j]) * 0.5
                let radius = d / 2
                var empty = true
                for k in points.indices where k != i && k != j && mid.distance(to: points[k]) < radius {
                    empty = false
                    break
                }
                if empty { pairs.append((i, j)) }
            }
        }
        return pairs
    }

    private mutating func classify() throws(GeneratorError) {
        guard let nagai = node("駅:長井"), let south = node("駅:今泉"), let north = node("駅:白兎") else {
            throw GeneratorError("road network lost a station junction")
        }
        let fromNagai = shortestPaths(from: nagai)
        let trunk = path(from: south, to: nagai) + edgePath(tree: fromNagai.previousEdge, to: north)
        var targets: [Int] = []
        for town in NagaiFacts.towns where town.district != .central {
            if let index = node(town.name) { targets.append(index) }
        }
        for school in Places.schools {
            if let index = node(school.id) { targets.append(index) }
        }
        for edge in edges where edge.bridge {
            targets.append(edge.from)
            targets.append(edge.to)
        }
        for target in targets {
            for edge in edgePath(tree: fromNagai.previousEdge, to: target) { edges[edge].highway = .secondary }
        }
        for edge in trunk { edges[edge].highway = .primary }
        for index in edges.indices where edges[index].highway == .tertiary {
            let a = nodes[edges[index].from].coordinate
            let b = nodes[edges[index].to].coordinate
            if RoadNetwork.inCentre(a) && RoadNetwork.inCentre(b) { edges[index].highway = .residential }
        }
    }

    static func inCentre(_ c: Coordinate) -> Bool {
        c.lon >= centre.west - 0.002 && c.lon <= centre.east + 0.002 && c.lat >= centre.south - 0.002
            && c.lat <= centre.north + 0.002
    }

    /// Gives longer roads intermediate vertices with a slight bend (at most 1.2 % of their
    /// length, zero at both junctions) so they do not look ruled; centre streets stay straight.
    private mutating func shapeGeometry(random: inout SplitMix64) {
        for index in edges.indices {
            let edge = edges[index]
            let a = nodes[edge.from].plane
            let b = nodes[edge.to].plane
            let bendAmplitude = (random.uniform() - 0.5) * 2 * min(0.012 * edge.length, 30)
            guard edge.highway != .residential, edge.length > 300 else { continue }
            let steps = Int((edge.length / 100).rounded(.up))
            let normal = PlanePoint(x: -(b.y - a.y) / edge.length, y: (b.x - a.x) / edge.length)
            var line = [nodes[edge.from].coordinate]
            for s in 1..<steps {
                let t = Double(s) / Double(steps)
                line.append(LocalPlane.unproject(a + (b - a) * t + normal * (bendAmplitude * sin(Double.pi * t))))
            }
            line.append(nodes[edge.to].coordinate)
            var length = 0.0
            for i in 1..<line.count { length += LocalPlane.distance(line[i - 1], line[i]) }
            edges[index].geometry = line
            edges[index].length = length
        }
    }
}

/// A failure of the generator itself (a broken invariant or an unwritable output folder).
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    /// True for a bad command line (exit status 2), false for a failure while generating (1).
    let isUsage: Bool

    init(_ description: String, usage: Bool = false) {
        self.description = description
        self.isUsage = usage
    }
}

import GeoCore

/// The synthetic city bus (長井市営バス-like): five routes on the road network, their stops,
/// timetables and shapes.
///
/// Route and stop ids are zero-padded strings (`0101`, `0007`) as in many GTFS-JP feeds.
/// Stops stand at road junctions; each route follows the shortest road path between its
/// stops, so the GTFS shapes lie on `roads.geojson`.
struct BusNetwork {
    struct Stop {
        let id: String
        let name: String
        let label: String
        let node: Int
    }

    struct Route {
        let id: String
        let shortName: String
        let longName: String
        let color: String
        let labels: [String]
        let isLoop: Bool
        let weekday: [[Int]]
        let holiday: [[Int]]
    }

    /// One direction of a route: its stops in order, cumulative times, and shape.
    struct Pattern {
        let route: Route
        let direction: Int
        let stops: [Int]
        /// Seconds from the first departure to each stop (whole minutes).
        let offsets: [Int]
        let shape: [Coordinate]
        var shapeID: String { "\(route.id)_\(direction)" }
    }

    struct Trip {
        let id: String
        let pattern: Int
        let weekday: Bool
        let start: Int
    }

    let stops: [Stop]
    let patterns: [Pattern]
    let trips: [Trip]

    static let routes: [Route] = [
        Route(
            id: "0101", shortName: "循環", longName: "市内循環線", color: "E4007F",
            labels: [
                "駅:長井", "市役所", "公立病院", "屋城町", "緑町", "十日町二丁目", "横町", "駅:あやめ公園", "幸町",
                "清水町一丁目", "清水町二丁目", "中道二丁目", "宮", "花作町", "駅:南長井", "南ショッピングセンター",
                "館町南", "日の出町", "神明町", "片田町", "東町", "駅:長井",
            ],
            isLoop: true,
            weekday: [
                [
                    7 * 60 + 10, 8 * 60 + 40, 10 * 60 + 10, 11 * 60 + 40, 13 * 60 + 10, 14 * 60 + 40,
                    16 * 60 + 10, 17 * 60 + 40,
                ]
            ],
            holiday: [[9 * 60 + 10, 11 * 60 + 40, 14 * 60 + 10, 16 * 60 + 40]]),
        Route(
            id: "0102", shortName: "豊田", longName: "豊田線", color: "0075C2",
            labels: [
                "駅:長井", "本町一丁目", "四ツ谷一丁目", "駅:南長井", "南ショッピングセンター", "泉", "駅:時庭", "S6",
                "時庭", "歌丸", "駅:今泉", "今泉",
            ],
            isLoop: false, weekday: BusNetwork.outAndBack, holiday: BusNetwork.outAndBackHoliday),
        Route(
            id: "0201", shortName: "西根平野", longName: "西根・平野線", color: "009944",
            labels: ["駅:長井", "中道一丁目", "清水町二丁目", "九野本", "S3", "平山", "寺泉", "平野", "川原沢"],
            isLoop: false, weekday: BusNetwork.outAndBack, holiday: BusNetwork.outAndBackHoliday),
        Route(
            id: "0301", shortName: "伊佐沢", longName: "伊佐沢線", color: "F39800",
            labels: ["駅:長井", "公立病院", "東町", "小出", "中伊佐沢", "S5", "下伊佐沢", "芦沢", "上伊佐沢"],
            isLoop: false, weekday: BusNetwork.outAndBack, holiday: BusNetwork.outAndBackHoliday),
        Route(
            id: "0401", shortName: "致芳白兎", longName: "致芳・白兎線", color: "8F5DA6",
            labels: [
                "駅:長井", "緑町", "舟場", "S2", "成田", "駅:羽前成田", "五十川", "駅:白兎", "白兎", "勧進代", "草岡",
                "S4",
            ],
            isLoop: false, weekday: BusNetwork.outAndBack, holiday: BusNetwork.outAndBackHoliday),
    ]

    /// Departure minutes for direction 0 (out from Nagai station) and 1 (back).
    static let outAndBack = [
        [6 * 60 + 50, 9 * 60, 12 * 60, 15 * 60 + 20, 17 * 60 + 30],
        [6 * 60 + 40, 7 * 60 + 30, 10 * 60 + 20, 13 * 60 + 20, 16 * 60 + 30],
    ]
    static let outAndBackHoliday = [[9 * 60, 15 * 60], [10 * 60 + 20, 16 * 60 + 20]]

    /// The stop's public name for a waypoint label.
    static func stopName(_ label: String) -> String {
        if label.hasPrefix("駅:") { return String(label.dropFirst(2)) + "駅" }
        if let school = Places.schools.first(where: { $0.id == label }) { return school.name + "前" }
        if label == Places.supermarket.name || label == Places.hospital.name || label == Places.cityHall.name {
            return label + "前"
        }
        return label
    }

    init(roads: RoadNetwork) throws(GeneratorError) {
        var stops: [Stop] = []
        var stopIndex: [String: Int] = [:]
        for route in BusNetwork.routes {
            for label in route.labels where stopIndex[label] == nil {
                guard let node = roads.node(label) else { throw GeneratorError("no junction for bus stop \(label)") }
                stopIndex[label] = stops.count
                stops.append(
                    Stop(
                        id: Numbers.padded(stops.count + 1, 4), name: BusNetwork.stopName(label), label: label,
                        node: node))
            }
        }
        var patterns: [Pattern] = []
        var trips: [Trip] = []
        for route in BusNetwork.routes {
            for direction in 0..<(route.isLoop ? 1 : 2) {
                let labels = direction == 0 ? route.labels : route.labels.reversed()
                let sequence = labels.compactMap { stopIndex[$0] }
                var shape = [roads.nodes[stops[sequence[0]].node].coordinate]
                var offsets = [0]
                var seconds = 0.0
                for i in 1..<sequence.count {
                    let from = stops[sequence[i - 1]].node
                    let to = stops[sequence[i]].node
                    let edges = roads.path(from: from, to: to)
                    let metres = edges.reduce(0.0) { $0 + roads.edges[$1].length }
                    shape += roads.polyline(start: from, edges: edges).dropFirst()
                    seconds += metres / (24_000.0 / 3600) + 20
                    offsets.append(max(offsets[i - 1] + 60, Int((seconds / 60).rounded()) * 60))
                }
                let pattern = Pattern(
                    route: route, direction: direction, stops: sequence, offsets: offsets, shape: shape)
                for (weekday, table) in [(true, route.weekday), (false, route.holiday)] {
                    for start in table[direction] {
                        let service = weekday ? "wd" : "hd"
                        trips.append(
                            Trip(
                                id: "\(route.id)_\(direction)_\(service)_\(Numbers.padded(start / 60, 2))"
                                    + Numbers.padded(start % 60, 2),
                                pattern: patterns.count, weekday: weekday, start: start * 60))
                    }
                }
                patterns.append(pattern)
            }
        }
        self.stops = stops
        self.patterns = patterns
        self.trips = trips
    }

    static func clock(_ seconds: Int) -> String {
        "\(Numbers.padded(seconds / 3600, 2)):\(Numbers.padded(seconds / 60 % 60, 2)):\(Numbers.padded(seconds % 60, 2))"
    }
}

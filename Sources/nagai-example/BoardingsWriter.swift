/// Writes `bus_boardings.csv`: RFID card taps on the city bus, 5 September – 2 October 2022
/// (four weeks × scale).
///
/// For every trip that runs on a day, riders board at each stop but the last (Poisson, with
/// a rate by stop and time of day) and alight at a later stop of the same trip. Students ride
/// mornings and afternoons, seniors mid-morning to mid-afternoon (to the hospital and the
/// supermarket), adults throughout. On Fridays the supermarket in the south (南ショッピング
/// センター前) has its sale day: four times the boardings and more alightings between 09:00
/// and 17:00. The remote ends of the village routes (川原沢, 芦沢, 上伊佐沢, 草岡) see almost
/// nobody: fewer than 10 boardings each over the period.
struct BoardingsWriter {
    let bus: BusNetwork
    let scale: Int
    static let firstDay = CivilDate(2022, 9, 5)
    static let quiet: Set<String> = ["川原沢", "芦沢", "上伊佐沢", "草岡"]

    private struct Tap: Comparable {
        let time: LocalTime
        let order: Int
        let text: String

        static func < (a: Tap, b: Tap) -> Bool { a.time != b.time ? a.time < b.time : a.order < b.order }
    }

    func write(to folder: OutputFolder) throws(GeneratorError) {
        var random = SplitMix64(stream: "boardings")
        var taps: [Tap] = []
        for dayOffset in 0..<(28 * scale) {
            let day = BoardingsWriter.firstDay.adding(days: dayOffset)
            let friday = day.isoWeekday == 5
            for trip in bus.trips where trip.weekday == day.isWeekday {
                let pattern = bus.patterns[trip.pattern]
                for i in 0..<(pattern.stops.count - 1) {
                    let stop = bus.stops[pattern.stops[i]]
                    let departure = trip.start + pattern.offsets[i]
                    let shopping =
                        stop.label == Places.supermarket.name && friday
                        && departure >= 9 * 3600 && departure < 17 * 3600
                    let riders = random.poisson(
                        rate(stop: stop, at: departure, weekday: trip.weekday)
                            * (shopping ? 4 : 1))
                    for _ in 0..<riders {
                        let rider = riderType(at: departure, shopping: shopping, random: &random)
                        let later = Array((i + 1)..<pattern.stops.count)
                        let weights = later.map {
                            alightWeight(
                                bus.stops[pattern.stops[$0]], rider: rider, at: departure,
                                friday: friday)
                        }
                        let j = later[random.weightedIndex(weights)]
                        let boardTime = LocalTime(day, seconds: departure - random.int(5...60))
                        let alightTime = LocalTime(day, seconds: trip.start + pattern.offsets[j] + random.int(0...40))
                        let route = pattern.route.id
                        taps.append(
                            Tap(
                                time: boardTime, order: taps.count,
                                text: "\(boardTime.iso),\(route),\(stop.id),board,\(rider)"))
                        taps.append(
                            Tap(
                                time: alightTime, order: taps.count,
                                text: "\(alightTime.iso),\(route),\(bus.stops[pattern.stops[j]].id),alight,\(rider)"))
                    }
                }
            }
        }
        taps.sort()
        var sink = TextSink()
        sink.line("timestamp,route_id,stop_id,event,rider_type")
        for tap in taps { sink.line(tap.text) }
        try folder.write(sink, to: "data/bus_boardings.csv")
    }

    private func rate(stop: BusNetwork.Stop, at seconds: Int, weekday: Bool) -> Double {
        if BoardingsWriter.quiet.contains(stop.label) { return 0.015 }
        var base: Double
        switch stop.label {
        case "駅:長井": base = 1.6
        case Places.hospital.name: base = 1.0
        case Places.supermarket.name: base = 0.7
        case Places.cityHall.name: base = 0.6
        default: base = stop.label.hasPrefix("S") ? 0.3 : 0.45
        }
        let hour = seconds / 3600
        let timeFactor: Double = hour < 9 ? 1.4 : hour < 15 ? 0.9 : hour < 18 ? 1.2 : 0.6
        return base * timeFactor * (weekday ? 1 : 0.6)
    }

    private func riderType(at seconds: Int, shopping: Bool, random: inout SplitMix64) -> String {
        let hour = seconds / 3600
        let weights: [Double] =
            shopping
            ? [0.03, 0.22, 0.75]
            : hour < 9
                ? [0.6, 0.3, 0.1] : hour < 15 ? [0.05, 0.3, 0.65] : hour < 18 ? [0.45, 0.3, 0.25] : [0.3, 0.6, 0.1]
        return ["student", "adult", "senior"][random.weightedIndex(weights)]
    }

    private func alightWeight(_ stop: BusNetwork.Stop, rider: String, at seconds: Int, friday: Bool) -> Double {
        switch stop.label {
        case "駅:長井": return 3
        case Places.hospital.name: return rider == "senior" ? 3 : 1
        case Places.supermarket.name: return friday && seconds >= 8 * 3600 && seconds < 16 * 3600 ? 5 : 1.5
        default:
            if stop.label.hasPrefix("S") { return rider == "student" ? 3 : 0.3 }
            return 1
        }
    }
}

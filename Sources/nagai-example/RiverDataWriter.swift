import Foundation
import GeoCore

/// Writes `river_sensors.csv`, `river_levels.csv` (every 10 min) and `rainfall.csv` (hourly).
///
/// Twenty synthetic gauges: nine on the Mogami where it flows through the city, and eleven on
/// the three synthetic tributaries. The period is 30 July – 8 August 2022 (× scale, extended
/// backwards) with a heavy-rain event like that of 3 August 2022: rain builds from 10:00, peaks
/// at 48 mm/h around 21:00 and stops by 05:00 on the 4th. Each gauge's level is a linear
/// response to hourly rainfall: base + gain × (rain lagged by the gauge's delay, smoothed over a
/// few hours) + 1 cm noise — lags of 5–7 h on the Mogami, 1–2 h on the tributaries — so a
/// per-site linear fit of level on lagged hourly rainfall recovers it. Thresholds are set so
/// three gauges pass their danger level, five more their warning level, and the rest stay below.
struct RiverDataWriter {
    let rivers: RiverSystem
    let scale: Int
    static let lastDay = CivilDate(2022, 8, 8)

    private struct Gauge {
        let id: String
        let river: River
        let coordinate: Coordinate
        let base: Double
        let gain: Double
        let lag: Int
        let kernel: [Double]
        let crossing: Crossing
    }

    private enum Crossing { case danger, warning, none }

    func write(to folder: OutputFolder) throws(GeneratorError) {
        var random = SplitMix64(stream: "river")
        let days = 10 * scale
        let firstDay = RiverDataWriter.lastDay.adding(days: -(days - 1))
        let hours = days * 24
        let rain = rainfall(firstDay: firstDay, hours: hours, random: &random)
        let gauges = makeGauges(random: &random)

        var rainSink = TextSink()
        rainSink.line("timestamp,mm_per_hour")
        for h in 0..<hours {
            // JMA convention: the value stamped hh:00 is the rain of the hour ending then.
            rainSink.line("\(LocalTime(firstDay, seconds: (h + 1) * 3600).iso),\(Numbers.fixed(rain[h], 1))")
        }
        try folder.write(rainSink, to: "data/rainfall.csv")

        var sensors = TextSink()
        sensors.line("site_id,name,river,lat,lon,warning_level_m,danger_level_m")
        var responses: [[Double]] = []
        var names = Set<String>()
        for gauge in gauges {
            let response = (0..<hours).map { h in
                gauge.kernel.enumerated().reduce(0.0) { sum, term in
                    let source = h - gauge.lag - term.offset
                    return sum + (source >= 0 ? term.element * rain[source] : 0)
                }
            }
            responses.append(response)
            let rise = gauge.gain * (response.max() ?? 0)
            let (warning, danger): (Double, Double) =
                switch gauge.crossing {
                case .danger: (0.55, 0.85)
                case .warning: (0.75, 1.25)
                case .none: (1.3, 1.7)
                }
            var name = "\(gauge.river.name) \(nearestTown(gauge.coordinate))"
            var suffix = 2
            while names.contains(name) {
                name = "\(gauge.river.name) \(nearestTown(gauge.coordinate)) \(suffix)"
                suffix += 1
            }
            names.insert(name)
            sensors.record([
                gauge.id, name, gauge.river.name, Numbers.fixed(gauge.coordinate.lat, 6),
                Numbers.fixed(gauge.coordinate.lon, 6), Numbers.fixed(gauge.base + warning * rise, 2),
                Numbers.fixed(gauge.base + danger * rise, 2),
            ])
        }
        try folder.write(sensors, to: "data/river_sensors.csv")

        var levels = TextSink()
        levels.line("site_id,timestamp,level_m")
        for step in 0..<(hours * 6) {
            let stamp = LocalTime(firstDay, seconds: step * 600).iso
            for (index, gauge) in gauges.enumerated() {
                guard !random.chance(0.002) else { continue }  // a dropped reading now and then
                // The hourly response applies to the hour that contains the reading.
                let value = gauge.base + gauge.gain * responses[index][step / 6] + random.normal() * 0.01
                levels.line("\(gauge.id),\(stamp),\(Numbers.fixed(value, 2))")
            }
        }
        try folder.write(levels, to: "data/river_levels.csv")
    }

    private func rainfall(firstDay: CivilDate, hours: Int, random: inout SplitMix64) -> [Double] {
        var rain = (0..<hours).map { _ in random.chance(0.03) ? random.uniform(0.5, 5) : 0 }
        let events: [(CivilDate, Int, [Double])] = [
            (CivilDate(2022, 8, 1), 13, [1.5, 4, 8, 6, 2.5, 1]),
            (
                CivilDate(2022, 8, 3), 10,
                [1, 2, 3, 4.5, 6, 8, 10.5, 14, 19, 27, 38, 48, 42, 33, 24, 16, 10, 6, 3.5, 1.5]
            ),
        ]
        for (day, hour, values) in events {
            let start = (day.dayNumber - firstDay.dayNumber) * 24 + hour
            for (offset, value) in values.enumerated() where start + offset >= 0 && start + offset < hours {
                rain[start + offset] = value
            }
        }
        return rain
    }

    private func makeGauges(random: inout SplitMix64) -> [Gauge] {
        var gauges: [Gauge] = []
        let mogamiLatitudes = [38.060, 38.070, 38.080, 38.090, 38.100, 38.110, 38.120, 38.130, 38.140]
        let mogamiCrossing: [Crossing] = [.none, .warning, .none, .danger, .none, .danger, .none, .warning, .none]
        for (index, lat) in mogamiLatitudes.enumerated() {
            gauges.append(
                Gauge(
                    id: "MG" + Numbers.padded(index + 1, 2), river: rivers.mogami,
                    coordinate: Coordinate(lon: rivers.mogamiLongitude(atLatitude: lat), lat: lat),
                    base: random.uniform(1.2, 2.0), gain: random.uniform(0.085, 0.11), lag: 5 + index / 4,
                    kernel: [0.1, 0.2, 0.25, 0.2, 0.15, 0.1], crossing: mogamiCrossing[index]))
        }
        let tributaryPlan: [(prefix: String, fractions: [Double], crossing: [Crossing])] = [
            ("NG", [0.3, 0.45, 0.6, 0.75, 0.9], [.none, .warning, .none, .danger, .none]),
            ("SK", [0.35, 0.55, 0.75, 0.92], [.none, .none, .warning, .none]),
            ("IZ", [0.4, 0.8], [.none, .warning]),
        ]
        for (river, plan) in zip(rivers.tributaries, tributaryPlan) {
            for (index, fraction) in plan.fractions.enumerated() {
                gauges.append(
                    Gauge(
                        id: plan.prefix + Numbers.padded(index + 1, 2), river: river,
                        coordinate: river.point(atFraction: fraction), base: random.uniform(0.3, 0.7),
                        gain: random.uniform(0.028, 0.04), lag: fraction < 0.6 ? 1 : 2, kernel: [0.5, 0.3, 0.2],
                        crossing: plan.crossing[index]))
            }
        }
        return gauges
    }

    private func nearestTown(_ c: Coordinate) -> String {
        let p = LocalPlane.project(c)
        let nearest = NagaiFacts.towns.min { a, b in
            LocalPlane.project(a.coordinate).distance(to: p) < LocalPlane.project(b.coordinate).distance(to: p)
        }
        return nearest?.name ?? ""
    }
}

import Foundation
import GeoCore

/// Writes `wildlife_cameras.csv` and `wildlife_detections.csv` for 13 synthetic trail cameras.
///
/// Cameras stand at forest edges beyond the villages (west: 平野, 寺泉 …; east: 伊佐沢, 芦沢 …).
/// The season runs April–November 2022. Bears peak in August and come mostly at night and
/// dawn; boar are nocturnal; serow show at dawn, dusk and in the day. The 寺泉 (Teraizumi)
/// camera follows the pattern reported there: 34 bear sightings in August 2022 and 45 of its
/// season's bear sightings between 18:00 and 06:00. Cameras of the second vendor (CAM08–CAM13)
/// label species in Japanese (クマ, イノシシ, カモシカ, その他).
struct WildlifeWriter {
    let scale: Int

    private enum Species: Int, CaseIterable {
        case bear, boar, serow, other

        var english: String { ["bear", "boar", "serow", "other"][rawValue] }
        var japanese: String { ["クマ", "イノシシ", "カモシカ", "その他"][rawValue] }

        /// Relative frequency by month, April … November.
        var months: [Double] {
            switch self {
            case .bear: [0.04, 0.08, 0.12, 0.17, 0.36, 0.13, 0.07, 0.03]
            case .boar: [0.08, 0.1, 0.12, 0.14, 0.16, 0.16, 0.14, 0.1]
            case .serow: [0.14, 0.13, 0.12, 0.11, 0.11, 0.12, 0.13, 0.14]
            case .other: Array(repeating: 1, count: 8)
            }
        }

        /// Relative frequency by hour of day, 0 … 23.
        var hours: [Double] {
            switch self {
            case .bear:
                [
                    2, 2, 2, 3, 4, 4, 1, 0.6, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5, 0.8, 1.2, 2.5, 3.5, 3.5, 3,
                    2.5, 2,
                ]
            case .boar:
                [
                    3, 3, 3, 2.5, 2, 1.5, 0.5, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 3,
                    3, 3, 3,
                ]
            case .serow:
                [
                    0.3, 0.3, 0.3, 0.5, 1.5, 2.5, 2.5, 2, 1.5, 1, 1, 1, 1, 1, 1, 1.2, 1.8, 2.5, 2, 1, 0.5, 0.3,
                    0.3, 0.3,
                ]
            case .other: Array(repeating: 1, count: 24)
            }
        }

        var confidence: ClosedRange<Double> {
            switch self {
            case .bear: 0.6...0.98
            case .boar: 0.55...0.97
            case .serow: 0.5...0.95
            case .other: 0.3...0.9
            }
        }
    }

    private struct Camera {
        let id: String
        let town: String
        let east: Double
        let north: Double
    }

    private static let cameras: [Camera] = [
        Camera(id: "CAM01", town: "寺泉", east: -900, north: 200),
        Camera(id: "CAM02", town: "平野", east: -700, north: 300),
        Camera(id: "CAM03", town: "川原沢", east: -500, north: 600),
        Camera(id: "CAM04", town: "草岡", east: 0, north: 600),
        Camera(id: "CAM05", town: "勧進代", east: 200, north: 700),
        Camera(id: "CAM06", town: "白兎", east: -600, north: 300),
        Camera(id: "CAM07", town: "五十川", east: 300, north: 500),
        Camera(id: "CAM08", town: "森", east: 600, north: 400),
        Camera(id: "CAM09", town: "上伊佐沢", east: 900, north: 200),
        Camera(id: "CAM10", town: "中伊佐沢", east: 800, north: -300),
        Camera(id: "CAM11", town: "芦沢", east: 700, north: -500),
        Camera(id: "CAM12", town: "歌丸", east: -300, north: -200),
        Camera(id: "CAM13", town: "平山", east: -800, north: 0),
    ]

    private struct Detection {
        let time: LocalTime
        let camera: Int
        let species: Species
        let confidence: Double
    }

    func write(to folder: OutputFolder) throws(GeneratorError) {
        var random = SplitMix64(stream: "wildlife")
        var cameraSink = TextSink()
        cameraSink.line("camera_id,name,lat,lon,vendor")
        for (index, camera) in WildlifeWriter.cameras.enumerated() {
            guard let town = NagaiFacts.towns.first(where: { $0.name == camera.town }) else {
                throw GeneratorError("camera town \(camera.town) is not a Nagai town")
            }
            let c = LocalPlane.offset(town.coordinate, east: camera.east, north: camera.north)
            cameraSink.record([
                camera.id, "\(camera.town) 林縁カメラ", Numbers.fixed(c.lat, 6), Numbers.fixed(c.lon, 6),
                index < 7 ? "A" : "B",
            ])
        }
        try folder.write(cameraSink, to: "data/wildlife_cameras.csv")

        // Yearly counts come from their own stream, so --scale multiplies them exactly.
        var countRandom = SplitMix64(stream: "wildlife-counts")
        let yearlyCounts = WildlifeWriter.cameras.indices.map { _ in
            Species.allCases.map { species in
                let range: ClosedRange<Int> =
                    switch species {
                    case .bear: 8...30
                    case .boar: 20...60
                    case .serow: 8...25
                    case .other: 15...40
                    }
                return countRandom.int(range)
            }
        }
        var detections: [Detection] = []
        for camera in WildlifeWriter.cameras.indices {
            for species in Species.allCases {
                if camera == 0 && species == .bear {
                    for _ in 0..<scale { detections += teraizumiBears(random: &random) }
                    continue
                }
                let count = yearlyCounts[camera][species.rawValue] * scale
                for _ in 0..<count {
                    let month = 4 + random.weightedIndex(species.months)
                    let hour = random.weightedIndex(species.hours)
                    detections.append(
                        detection(
                            camera: camera, species: species, month: month, hour: hour,
                            random: &random))
                }
            }
        }
        detections.sort { $0.time != $1.time ? $0.time < $1.time : $0.camera < $1.camera }
        var sink = TextSink()
        sink.line("camera_id,timestamp,species,confidence")
        for d in detections {
            let label = d.camera >= 7 ? d.species.japanese : d.species.english
            sink.line(
                "\(WildlifeWriter.cameras[d.camera].id),\(d.time.isoWithOffset),\(label),"
                    + Numbers.fixed(d.confidence, 2))
        }
        try folder.write(sink, to: "data/wildlife_detections.csv")
    }

    /// The Teraizumi camera's 60 bear sightings: 34 in August; 45 between 18:00 and 06:00.
    private func teraizumiBears(random: inout SplitMix64) -> [Detection] {
        let perMonth = [(4, 1), (5, 3), (6, 5), (7, 9), (8, 34), (9, 5), (10, 2), (11, 1)]
        var out: [Detection] = []
        var otherMonthsNight = 0
        for (month, count) in perMonth {
            for index in 0..<count {
                let night: Bool
                if month == 8 {
                    night = index < 28
                } else {
                    night = otherMonthsNight < 17
                    if night { otherMonthsNight += 1 }
                }
                let hours = Species.bear.hours.enumerated().map { hour, weight in
                    (hour >= 18 || hour < 6) == night ? weight : 0
                }
                out.append(
                    detection(
                        camera: 0, species: .bear, month: month, hour: random.weightedIndex(hours),
                        random: &random))
            }
        }
        return out
    }

    private func detection(
        camera: Int, species: Species, month: Int, hour: Int,
        random: inout SplitMix64
    ) -> Detection {
        let days = [4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30][month] ?? 30
        let day = CivilDate(2022, month, random.int(1...days))
        let seconds = hour * 3600 + random.int(0...3599)
        return Detection(
            time: LocalTime(day, seconds: seconds), camera: camera, species: species,
            confidence: random.uniform(species.confidence.lowerBound, species.confidence.upperBound))
    }
}

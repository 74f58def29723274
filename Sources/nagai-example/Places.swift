import GeoCore

/// A primary school of Nagai: real name and district, synthetic position.
///
/// The names are the city's six primary schools, one per district. No school locations
/// are available offline, so each is placed plausibly near its district's town points;
/// the README and the GeoJSON (`location: "synthetic"`) say so.
struct School: Sendable {
    let id: String
    let name: String
    let nameEnglish: String
    let district: District
    let coordinate: Coordinate
    /// How many of the 325 GPS-carrying children walk to this school.
    let walkers: Int
}

/// Named places the synthetic road and bus networks link: schools and a few services.
enum Places {
    static let schools: [School] = [
        School(
            id: "S1", name: "長井小学校", nameEnglish: "Nagai Elementary School", district: .central,
            coordinate: Coordinate(lon: 140.0345, lat: 38.1125), walkers: 150),
        School(
            id: "S2", name: "致芳小学校", nameEnglish: "Chiho Elementary School", district: .chiho,
            coordinate: Coordinate(lon: 140.0385, lat: 38.1240), walkers: 45),
        School(
            id: "S3", name: "西根小学校", nameEnglish: "Nishine Elementary School", district: .nishine,
            coordinate: Coordinate(lon: 140.0095, lat: 38.0950), walkers: 40),
        School(
            id: "S4", name: "平野小学校", nameEnglish: "Hirano Elementary School", district: .hirano,
            coordinate: Coordinate(lon: 139.9770, lat: 38.1670), walkers: 20),
        School(
            id: "S5", name: "伊佐沢小学校", nameEnglish: "Isazawa Elementary School", district: .isazawa,
            coordinate: Coordinate(lon: 140.0650, lat: 38.0875), walkers: 30),
        School(
            id: "S6", name: "豊田小学校", nameEnglish: "Toyoda Elementary School", district: .toyoda,
            coordinate: Coordinate(lon: 140.0340, lat: 38.0690), walkers: 40),
    ]

    /// The supermarket in the south of the town centre (synthetic), the bus stop with a Friday peak.
    static let supermarket = (name: "南ショッピングセンター", coordinate: Coordinate(lon: 140.0405, lat: 38.0915))
    /// The city hospital and city hall (synthetic positions).
    static let hospital = (name: "公立病院", coordinate: Coordinate(lon: 140.0455, lat: 38.1115))
    static let cityHall = (name: "市役所", coordinate: Coordinate(lon: 140.0395, lat: 38.1083))
}

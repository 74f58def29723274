import GeoCore
import Layers

/// `--bbox W,S,E,N` in degrees.
extension BoundingBox: ExpressibleByArgument {
    init(argument text: String, option: String) throws {
        let expected = "W,S,E,N in degrees with -180 ≤ W < E ≤ 180 and -90 ≤ S < N ≤ 90"
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw UsageError.invalidValue(option, expected: expected, got: text)
        }
        let w = numbers[0] ?? .nan
        let s = numbers[1] ?? .nan
        let e = numbers[2] ?? .nan
        let n = numbers[3] ?? .nan
        guard (-180...180).contains(w), (-180...180).contains(e), (-90...90).contains(s), (-90...90).contains(n) else {
            let hint =
                (-90...90).contains(w) && !(-90...90).contains(s) ? " (latitude first? the order is W,S,E,N)" : ""
            throw UsageError.invalidValue(option, expected: expected + hint, got: text)
        }
        guard w < e, s < n else {
            throw UsageError.invalidValue(
                option, expected: expected + " (west before east, south before north)",
                got: text)
        }
        self.init(west: w, south: s, east: e, north: n)
    }

    static var valueName: String { "W,S,E,N" }
    var argumentDescription: String { "\(west),\(south),\(east),\(north)" }
}

/// `--from LON,LAT` in degrees.
extension Coordinate: ExpressibleByArgument {
    init(argument text: String, option: String) throws {
        let expected = "LON,LAT in degrees with -180 ≤ LON ≤ 180 and -90 ≤ LAT ≤ 90"
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 2, let lon = numbers[0], let lat = numbers[1], lon.isFinite, lat.isFinite else {
            throw UsageError.invalidValue(option, expected: expected, got: text)
        }
        guard (-180...180).contains(lon), (-90...90).contains(lat) else {
            let hint =
                (-90...90).contains(lon) && !(-90...90).contains(lat) ? " (latitude first? the order is LON,LAT)" : ""
            throw UsageError.invalidValue(option, expected: expected + hint, got: text)
        }
        self.init(lon: lon, lat: lat)
    }

    static var valueName: String { "LON,LAT" }
    var argumentDescription: String { "\(lon),\(lat)" }
}

/// `--layers flood-risk,wildlife`.
extension LayerName: ExpressibleByArgument {
    init(argument text: String, option: String) throws {
        guard let name = LayerName(rawValue: text) else {
            let names = LayerName.allCases.map(\.rawValue)
            let suggestion = closestName(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError(
                "\(option): expected layer names from \(names.joined(separator: ", ")), got '\(text)'"
                    + suggestion)
        }
        self = name
    }

    static var valueName: String { "LAYER" }
    var argumentDescription: String { rawValue }
}

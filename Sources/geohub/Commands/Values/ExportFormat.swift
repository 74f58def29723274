/// One output format of DESIGN.md "Outputs".
enum ExportFormat: String, Sendable, Hashable, CaseIterable, ExpressibleByArgument {
    /// `OUT/LAYER/Z/X/Y.png` and `OUT/LAYER/tilejson.json`.
    case tiles
    /// `OUT/LAYER.mbtiles` (MBTiles 1.3).
    case mbtiles
    /// `OUT/LAYER.pmtiles` (PMTiles v3).
    case pmtiles
    /// `OUT/LAYER.geojson` (RFC 7946).
    case geojson
    /// `OUT/LAYER.gpkg` (GeoPackage).
    case gpkg

    init(argument text: String, option: String) throws {
        guard let format = ExportFormat(rawValue: text.lowercased()) else {
            throw UsageError.invalidValue(
                option, expected: "one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))", got: text)
        }
        self = format
    }

    static var valueName: String { "FORMAT" }
    var argumentDescription: String { rawValue }
}

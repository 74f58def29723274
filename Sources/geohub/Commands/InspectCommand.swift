/// `geohub inspect FILE`: describe a source, a hub, an archive or a GeoJSON file.
struct InspectCommand: Command {
    static let configuration = CommandConfiguration(
        name: "inspect",
        abstract: "Describe a source CSV, a hub, an .mbtiles, a .pmtiles or a .geojson file.",
        discussion: "Prints the kind of file, its counts (rows, features, tiles), bounds, zoom range and layers.")

    @Argument(help: "The file to describe.", valueName: "FILE")
    var file: ExistingFile

    func run() throws {
        let report = try LibraryWiring.library().inspect(file.url)
        StandardStreams.out(report.hasSuffix("\n") ? report : report + "\n")
    }
}

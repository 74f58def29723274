import Foundation
import GeoCore
import Layers

/// `geohub export PROJECT --out DIR [--format …] [--layers …] [--zoom …] [--bbox …]
/// [--scale 1|2] [--scenario rain=MM]`.
struct ExportCommand: Command {
    static let configuration = CommandConfiguration(
        name: "export",
        abstract: "Write layers as tile folders, MBTiles, PMTiles, GeoJSON or GeoPackage.",
        discussion: """
            Writes OUT/LAYER/Z/X/Y.png with OUT/LAYER/tilejson.json (tiles), OUT/LAYER.mbtiles, \
            OUT/LAYER.pmtiles, OUT/LAYER.geojson and OUT/LAYER.gpkg. Every file is written under a \
            temporary name and renamed into place; identical inputs give byte-identical files.
            """)

    @Argument(help: "The project folder (the one with geohub.json).", valueName: "PROJECT")
    var project: ProjectFolder
    @Option(name: "out", help: "The folder to write into (created if missing).", valueName: "DIR")
    var out: String
    @Option(
        name: "format",
        help: "Output formats: tiles, mbtiles, pmtiles, geojson, gpkg; repeat the option or separate with commas.")
    var formats: [ExportFormat] = [.tiles]
    @Option(
        name: "layers", help: "The layers to export, comma-separated (default: every layer built).",
        valueName: "NAME,...")
    var layers: [LayerName] = []
    @Option(
        name: "zoom", help: "Zoom levels for tiles: one level (12) or a range (10-16); default: each layer's own range."
    )
    var zoom: ZoomRange?
    @Option(name: "bbox", help: "Only tiles touching this box, in degrees (default: the project's bbox).")
    var bbox: BoundingBox?
    @Option(name: "scale", help: "1 for 256 px tiles, 2 for 512 px @2x tiles.")
    var scale: TileScale = .standard
    @Option(
        name: "scenario", help: "A rainfall scenario for flood-risk (and the layers built on it), e.g. rain=50 mm/h.")
    var scenario: RainScenario?
    @Flag(name: "strict", help: "Exit with status 3 when any input row is rejected.")
    var strict: Bool
    @Flag(name: "quiet", help: "Print only rejected rows and errors, no progress or summary.")
    var quiet: Bool

    func validate() throws {
        let url = URL(fileURLWithPath: out)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw UsageError("--out: '\(out)' is a file; give a folder (it is created if missing)")
        }
        if formats.isEmpty { throw UsageError("--format: give at least one format") }
    }

    func run() throws {
        let reporter = ProgressReporter.standardError(quiet: quiet)
        let started = DispatchTime.now()
        let request = ExportRequest(
            project: project.url, output: URL(fileURLWithPath: out).standardizedFileURL, formats: formats,
            layers: layers, zoom: zoom, bbox: bbox, scale: scale, scenario: scenario, strict: strict)
        let summary = try LibraryWiring.library().export(request, progress: reporter.handler)
        for line in summary.rejections { reporter.warn(line) }
        if !quiet { for line in summary.notes { reporter.warn(line) } }
        reporter.finish(
            "exported \(summary.files.count) file\(summary.files.count == 1 ? "" : "s") and \(summary.tiles) tiles "
                + "(\(ByteCountFormatter.string(fromByteCount: Int64(summary.bytes), countStyle: .file))) "
                + "to \(request.output.path) in \(Elapsed.since(started))")
        if strict, !summary.rejections.isEmpty { throw InputRejectedError(rejectedCount: summary.rejections.count) }
    }
}

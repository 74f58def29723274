import Foundation
import GeoCore
import Layers

extension HubLibrary {
    /// `geohub export`: brings the hub up to date, builds the requested layers (with the
    /// rainfall scenario, if any) and writes each in each requested format.
    ///
    /// Tile formats render one pyramid per layer into every tile store at once
    /// (``TileOutputs``); GeoJSON and GeoPackage write the layer's features
    /// (``FeatureOutputs``). Surfaces (`child-traffic`, `composite`) have no features,
    /// so they get tile formats only. Nothing in the files depends on the clock: the
    /// GeoPackage's change time is the data's reference time.
    func export(_ request: ExportRequest, progress: @escaping ProgressHandler) throws -> ExportSummary {
        let project = try ProjectIngest.load(request.project)
        try Self.checkFormats(request)
        let ingest = try ProjectIngest.run(project, strict: request.strict, progress: progress)
        var summary = ExportSummary(files: [], tiles: 0, bytes: 0, rejections: ingest.rejections)
        summary.notes = ingest.unlistedRejections
        if ingest.rejectedUnderStrict {
            summary.notes.append("nothing exported: rows were rejected under --strict")
            return summary
        }
        let wanted = request.layers.isEmpty ? nil : Set(request.layers)
        let set = try LayerAssembly.build(project, wanted: wanted, scenario: request.scenario, progress: progress)
        let names = try Self.layers(request, set: set)
        try Self.createFolder(request.output)

        let plan = ExportPlan(request: request, set: set)
        for name in names {
            guard let layer = set.layers[name] else { continue }
            let tiles = try TileOutputs.write(layer, plan: plan, progress: progress)
            let features = try FeatureOutputs.write(layer, plan: plan)
            summary.files += tiles.files + features
            summary.tiles += tiles.stored
            summary.notes.append(Self.note(name, tiles: tiles, features: features, plan: plan))
        }
        summary.files.sort { $0.path < $1.path }
        summary.bytes = summary.files.reduce(0) { $0 + Self.size(of: $1) }
        if let scenario = request.scenario, let flood = set.layers[.floodRisk] {
            summary.notes.append("scenario \(scenario): flood-risk " + LayerSummary.describe(flood))
        }
        return summary
    }

    /// `flood-risk: 18 tiles at z10-13 (flood-risk/, flood-risk.pmtiles), flood-risk.geojson`.
    private static func note(_ name: LayerName, tiles: TileOutputs.Result, features: [URL], plan: ExportPlan) -> String
    {
        var parts: [String] = []
        if !tiles.files.isEmpty {
            let zooms = plan.zooms(for: name)
            let names = tiles.files.map { $0.lastPathComponent + ($0.pathExtension.isEmpty ? "/" : "") }
            parts.append(
                "\(tiles.stored) tiles at z\(zooms.lowerBound)-\(zooms.upperBound)\(plan.scale == .retina ? " @2x" : "") "
                    + "(\(names.joined(separator: ", ")))")
        }
        parts += features.map(\.lastPathComponent)
        let skipped = plan.formats.filter { !$0.isTileFormat && !LayerSet.hasFeatures(name) }
        if !skipped.isEmpty {
            parts.append("no \(skipped.map(\.rawValue).joined(separator: "/")): a surface has no features")
        }
        return "\(name): " + parts.joined(separator: ", ")
    }

    /// An explicitly requested surface layer with only feature formats would write nothing.
    private static func checkFormats(_ request: ExportRequest) throws {
        guard !request.formats.contains(where: \.isTileFormat) else { return }
        let surfaces = request.layers.filter { !LayerSet.hasFeatures($0) }
        guard let first = surfaces.first else { return }
        throw UsageError(
            "--layers: \(first) is a surface with no features, so --format "
                + "\(request.formats.map(\.rawValue).joined(separator: ",")) would write nothing for it; "
                + "export it as tiles, mbtiles or pmtiles",
            command: "export")
    }

    /// The layers to write: the requested ones (each must be built), else every built one.
    private static func layers(_ request: ExportRequest, set: LayerSet) throws -> [LayerName] {
        if request.layers.isEmpty {
            guard !set.layers.isEmpty else {
                throw RuntimeError(
                    "no layer could be built from \(request.project.path): add sources to geohub.json "
                        + "(see `geohub build` for what is missing)")
            }
            return set.orderedNames
        }
        for name in request.layers where set.layers[name] == nil {
            if let failure = set.failures[name] { throw RuntimeError("layer \(name) could not be built: \(failure)") }
            throw RuntimeError(
                "layer \(name) is not built: its sources are missing or it is disabled in geohub.json "
                    + "(`geohub build \(request.project.path)` lists what is missing)")
        }
        var seen = Set<LayerName>()
        return request.layers.filter { seen.insert($0).inserted }
    }

    private static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError("cannot create the output folder \(folder.path): \(error.localizedDescription)")
        }
    }

    /// Bytes of a file, or of every file under a folder.
    static func size(of url: URL) -> Int {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return 0 }
        guard isDirectory.boolValue else {
            let attributes = try? manager.attributesOfItem(atPath: url.path)
            return (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        var total = 0
        let enumerator = manager.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey])
        while let item = enumerator?.nextObject() as? URL {
            total += (try? item.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}

/// What one export writes, shared by the format writers.
struct ExportPlan: Sendable {
    let project: Project
    let output: URL
    let formats: [ExportFormat]
    /// The zooms asked for on the command line; nil means each layer's own range.
    let zoom: ZoomRange?
    /// The area to render (the project's bbox unless `--bbox`).
    let bbox: BoundingBox
    let scale: TileScale
    /// The rainfall scenario the layers were built with.
    let scenario: RainScenario?
    /// The data's "now", recorded where a format wants a time.
    let referenceTime: Date

    init(request: ExportRequest, set: LayerSet) {
        project = set.project
        output = request.output
        formats = request.formats
        zoom = request.zoom
        bbox = request.bbox ?? set.project.bbox
        scale = request.scale
        scenario = request.scenario
        referenceTime = set.referenceTime ?? Date(timeIntervalSince1970: 0)
    }

    /// The zooms `layer` is rendered at.
    func zooms(for layer: LayerName) -> ClosedRange<Int> {
        if let zoom { return zoom.levels }
        let options = project.layers.options(for: layer)
        return options.minZoom...max(options.minZoom, options.maxZoom)
    }
}

extension ExportFormat {
    /// Whether the format holds rendered tiles (rather than features).
    var isTileFormat: Bool { self == .tiles || self == .mbtiles || self == .pmtiles }
}

import Foundation
import GeoCore
import Layers
import TileRenderer

/// The real ``MapService`` behind `geohub serve`: a project's layers built from its
/// hub, drawn on demand by the renderer, with live rebuilds when sources change.
///
/// The served state is one immutable ``MapSnapshot`` behind a lock: each request takes
/// the current snapshot and works on it alone. ``refresh(changed:)`` re-ingests the
/// changed sources, rebuilds the affected layers off the lock and then swaps a whole
/// new snapshot in (rebuilt layers with higher revisions), so a request sees either
/// every old layer or every new one, never a half-built one.
///
/// Rainfall scenarios (`?scenario=rain=50`) rebuild flood-risk, the composite and the
/// route planner for that rain once per snapshot (``ScenarioVariants``); every other
/// layer ignores them.
final class HubMapService: MapService {
    let name: String
    let watchedFiles: [URL]
    let project: Project
    let startupReport: [String]
    private let current: Locked<MapSnapshot>
    /// One refresh at a time (the watcher calls from one queue; tests may call directly).
    private let refreshing = NSLock()
    let variants = ScenarioVariants()

    /// Loads `folder`'s project, brings its hub up to date and builds every layer.
    ///
    /// - Parameter progress: ingest and build progress for the `serve` command's display.
    /// - Throws: ``RuntimeError`` when the project or the hub cannot be read.
    init(folder: URL, progress: ProgressHandler?) throws {
        project = try ProjectIngest.load(folder)
        name = project.name
        watchedFiles = project.sources.files.map(\.url)
        let ingest = try ProjectIngest.run(project, strict: false, progress: progress)
        let set = try LayerAssembly.build(project, routing: true, progress: progress)
        startupReport =
            ingest.rejections + ingest.unlistedRejections
            + LayerName.allCases.compactMap { name in set.failures[name].map { "layer \(name): not built: \($0)" } }
        current = Locked(try MapSnapshot(set: set, previous: nil, rebuilt: Set(set.layers.keys)))
    }

    /// The snapshot requests are answered from right now.
    var snapshot: MapSnapshot { current.withLock { $0 } }

    func layers() -> [MapLayer] { snapshot.layers }

    func tile(layer: LayerName, z: Int, x: Int, y: Int, scale: TileScale, scenario: RainScenario?) throws -> Data? {
        let tile: TileID
        do {
            tile = try TileID(z: z, x: x, y: y)
        } catch {
            throw MapServiceError.invalidRequest("tile \(z)/\(x)/\(y): \(error)")
        }
        return try served(layer, scenario: scenario).png(tile, scale: scale.renderer)
    }

    func tileJSON(layer: LayerName, tileURLTemplate: String) throws -> Data {
        let now = snapshot
        guard let entry = now.layers.first(where: { $0.name == layer }), let served = now.served[layer] else {
            throw MapServiceError.layerNotBuilt(layer)
        }
        let metadata = TilesetMetadata(
            name: layer.rawValue, description: served.prepared.style.title,
            attribution: TileOutputs.attribution(project), bounds: entry.bounds, minZoom: entry.minZoom,
            maxZoom: entry.maxZoom, extra: ["legend": served.prepared.legend.jsonValue])
        return metadata.tileJSON(tilesURL: tileURLTemplate).jsonData()
    }

    func geoJSON(layer: LayerName, scenario: RainScenario?) throws -> Data {
        let features = try served(layer, scenario: scenario).layer.features
        do {
            // A copy at its exact size: the writer's buffer grew by appending, and the
            // server's cache counts what a body occupies by its size.
            return try GeoJSONWriter().data(for: features).withUnsafeBytes { Data($0) }
        } catch {
            throw RuntimeError("cannot write \(layer) as GeoJSON: \(error)")
        }
    }

    func route(from: Coordinate, to: Coordinate, at: TimeOfDay?, scenario: RainScenario?) throws -> Data {
        let now = snapshot
        let (planner, problem) =
            try scenario.map { scenario -> (RouteService?, String?) in
                let variant = try variants.variant(for: scenario, of: now)
                return (variant.routes, variant.routeProblem)
            } ?? (now.routes, now.routeProblem)
        guard let routes = planner else {
            throw MapServiceError.invalidRequest("routes cannot be planned: \(problem ?? "no road network")")
        }
        do {
            return try routes.geoJSON(from: from, to: to, at: at)
        } catch let error as RouteError {
            throw MapServiceError.invalidRequest(error.message)
        }
    }

    /// The served layer `name`, under `scenario` when the layer depends on rain.
    private func served(_ name: LayerName, scenario: RainScenario?) throws -> ServedLayer {
        let now = snapshot
        guard let base = now.served[name] else { throw MapServiceError.layerNotBuilt(name) }
        guard let scenario, LayerSet.isScenarioAware(name) else { return base }
        return try variants.variant(for: scenario, of: now).layers[name] ?? base
    }

    func refresh(changed: [URL]) throws -> [String] {
        refreshing.lock()
        defer { refreshing.unlock() }
        let paths = Set(changed.map(\.standardizedFileURL.path))
        let kinds = Set(project.sources.files.filter { paths.contains($0.url.standardizedFileURL.path) }.map(\.kind))
        guard !kinds.isEmpty else { return [] }
        let (ingested, rejections) = try ProjectIngest.refresh(project, kinds: kinds)
        guard !ingested.isEmpty else { return rejections }
        let previous = snapshot
        let (set, rebuilt) = try LayerAssembly.rebuild(previous.set, after: ingested)
        let next = try MapSnapshot(set: set, previous: previous, rebuilt: rebuilt)
        current.withLock { $0 = next }
        ProcessMemory.releaseFreeMemory()
        let failures = rebuilt.sorted { $0.rawValue < $1.rawValue }.compactMap { name in
            set.failures[name].map { "layer \(name): not rebuilt, no longer served: \($0)" }
        }
        return rejections + failures
    }
}

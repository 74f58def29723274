import Foundation
import GeoCore
import Layers
import TileRenderer

/// Everything the map service serves at one moment: built and prepared layers, their
/// catalogue entries with revisions, and the route planner. Immutable; a refresh
/// makes a new snapshot and swaps it in whole, so no request sees a half-built layer.
struct MapSnapshot: Sendable {
    let set: LayerSet
    let served: [LayerName: ServedLayer]
    let layers: [MapLayer]
    let routes: RouteService?
    /// Why routes cannot be planned, when ``routes`` is nil.
    let routeProblem: String?
    /// Grows with every swap (scenario variants are keyed on it).
    let generation: Int
    /// The highest revision each layer ever had, kept while a layer is absent, so a layer
    /// that disappears (its source deleted) and comes back never reuses a revision the
    /// server's caches may still hold.
    let highestRevisions: [LayerName: Int]

    /// A snapshot of `set`: layers in `rebuilt` (or new) get `revision + 1` and `now`
    /// as their build time; the others keep what `previous` had.
    ///
    /// The snapshot keeps `set` without its grids (``LayerSet/releasingGrids()``): the
    /// layers built anew are prepared from `set` here, the others were already.
    init(set: LayerSet, previous: MapSnapshot?, rebuilt: Set<LayerName>, now: Date = Date()) throws {
        var served: [LayerName: ServedLayer] = [:]
        var layers: [MapLayer] = []
        var highest = previous?.highestRevisions ?? [:]
        for name in set.orderedNames {
            guard let layer = set.layers[name] else { continue }
            let old = previous?.layers.first { $0.name == name }
            if let old, !rebuilt.contains(name), let kept = previous?.served[name] {
                served[name] = kept
                layers.append(old)
                continue
            }
            let entry = try ServedLayer(layer, style: LayerStyles.style(for: name, project: set.project))
            let revision = (highest[name] ?? 0) + 1
            highest[name] = revision
            served[name] = entry
            layers.append(
                Self.catalogueEntry(entry, project: set.project, revision: revision, now: now))
        }
        self.set = set.releasingGrids()
        self.served = served
        self.layers = layers
        highestRevisions = highest
        generation = (previous?.generation ?? 0) + 1
        if let kept = previous?.routes, !rebuilt.contains(.composite), !rebuilt.contains(.basemap) {
            routes = kept
            routeProblem = nil
        } else {
            do {
                routes = try RouteService(set: set)
                routeProblem = nil
            } catch {
                routes = nil
                routeProblem = error.message
            }
        }
    }

    /// What `/layers.json` says about one layer.
    static func catalogueEntry(_ served: ServedLayer, project: Project, revision: Int, now: Date) -> MapLayer {
        let name = served.layer.name
        let options = project.layers.options(for: name)
        return MapLayer(
            name: name, isPublic: options.isPublic, minZoom: options.minZoom, maxZoom: options.maxZoom,
            bounds: Self.extent(served.prepared.bounds, or: project.bbox),
            legend: MapLegend.json(served.prepared.legend, layer: name),
            builtAt: now, revision: revision, hasFeatures: LayerSet.hasFeatures(name),
            isScenarioAware: LayerSet.isScenarioAware(name))
    }

    /// The layer's extent, widened to a small box around a lone point, or the project's bbox.
    static func extent(_ bounds: BoundingBox?, or fallback: BoundingBox) -> BoundingBox {
        guard let bounds else { return fallback }
        let pad = 0.001
        return BoundingBox(
            west: bounds.west - (bounds.width > 0 ? 0 : pad), south: bounds.south - (bounds.height > 0 ? 0 : pad),
            east: bounds.east + (bounds.width > 0 ? 0 : pad), north: bounds.north + (bounds.height > 0 ? 0 : pad))
    }
}

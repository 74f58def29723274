import Foundation
import GeoCore
import Layers

/// Builds a project's layers from its hub: every enabled layer whose sources are in
/// the hub, the composite from the layers it combines, and what routes need.
///
/// Builders run one after another on the calling thread (the grid builders use every
/// core themselves), all reading the one ``Catalogue`` opened for the call.
enum LayerAssembly {
    /// The layers the project can have now: enabled in `geohub.json` and with their
    /// sources in the hub.
    static func buildable(_ project: Project, catalogue: Catalogue) throws -> Set<LayerName> {
        var names: Set<LayerName> = []
        for name in LayerName.allCases where project.layers.options(for: name).enabled {
            let (all, anyOf) = name.requiredSources
            var present = true
            for kind in all { present = try present && catalogue.has(kind) }
            if present, !anyOf.isEmpty {
                var any = false
                for kind in anyOf { any = try any || catalogue.has(kind) }
                present = any
            }
            if present { names.insert(name) }
        }
        return names
    }

    /// Builds `wanted` (every buildable layer when nil) plus the layers they are
    /// computed from, and loads the roads when `routing` is set (building the composite
    /// too, for the risk routes avoid).
    ///
    /// A layer whose builder fails is left out with its reason in ``LayerSet/failures``;
    /// only a hub that cannot be read throws.
    ///
    /// - Parameters:
    ///   - scenario: rainfall for flood-risk predictions (and the composite through them).
    ///   - progress: `(layers done, layers to build, "building LAYER")`.
    static func build(
        _ project: Project, wanted: Set<LayerName>? = nil, routing: Bool = false, scenario: RainScenario? = nil,
        progress: ProgressHandler? = nil
    ) throws -> LayerSet {
        let catalogue = try open(project)
        let buildable = try buildable(project, catalogue: catalogue)
        var needed = wanted.map { $0.intersection(buildable) } ?? buildable
        if routing, buildable.contains(.composite) { needed.insert(.composite) }
        if needed.contains(.composite) { needed.formUnion(LayerName.composite.inputs.filter(buildable.contains)) }

        var set = LayerSet(project: project)
        set.scenario = scenario
        set.referenceTime = try read { try catalogue.referenceTime(for: project) }
        if routing { set.roads = try read { try catalogue.basemapFeatures(.roads) } }
        if needed.contains(.composite) { set.rivers = try read { try catalogue.basemapFeatures(.rivers) } }
        // LayerName's order puts the composite after the three layers it combines.
        let order = LayerName.allCases.filter(needed.contains)
        for (index, name) in order.enumerated() {
            progress?(index, order.count, "building \(name)")
            buildOne(name, into: &set, catalogue: catalogue)
        }
        progress?(order.count, order.count, "built \(order.count) layers")
        return set
    }

    /// `base` after the sources of `kinds` changed in the hub: the layers fed by them
    /// (and the composite, when one of its inputs is rebuilt) are built again, layers
    /// whose sources appeared are built, layers whose sources vanished are dropped;
    /// every other layer is shared with `base`.
    ///
    /// - Returns: the new set and the layers built anew or dropped.
    static func rebuild(_ base: LayerSet, after kinds: Set<SourceKind>) throws -> (LayerSet, Set<LayerName>) {
        let project = base.project
        let catalogue = try open(project)
        let buildable = try buildable(project, catalogue: catalogue)
        var dirty = Set(kinds.flatMap(\.layers))
        if kinds.contains(.rivers) { dirty.insert(.composite) }
        var set = base
        set.referenceTime = try read { try catalogue.referenceTime(for: project) }
        if kinds.contains(.roads) { set.roads = try read { try catalogue.basemapFeatures(.roads) } }
        if kinds.contains(.rivers) { set.rivers = try read { try catalogue.basemapFeatures(.rivers) } }
        var rebuilt: Set<LayerName> = []
        for name in LayerName.allCases {
            guard buildable.contains(name) else {
                // A layer that vanished counts as rebuilt (as nothing), so what
                // depends on it (routes on the composite) is made again.
                if base.layers[name] != nil { rebuilt.insert(name) }
                set.layers[name] = nil
                set.failures[name] = nil
                if name == .composite { set.surface = nil }
                if name == .childTraffic {
                    set.exposure = nil
                    set.compositeExposure = nil
                }
                continue
            }
            let isNew = base.layers[name] == nil && base.failures[name] == nil
            let inputRebuilt = !rebuilt.isDisjoint(with: name.inputs)
            guard dirty.contains(name) || isNew || inputRebuilt else { continue }
            if name == .composite, set.rivers.isEmpty {
                set.rivers = try read { try catalogue.basemapFeatures(.rivers) }
            }
            buildOne(name, into: &set, catalogue: catalogue)
            rebuilt.insert(name)
        }
        return (set, rebuilt)
    }

    /// `base` under another rainfall scenario: flood-risk rebuilt with the scenario and
    /// the composite recomputed from it; every other layer is shared with `base`.
    static func variant(of base: LayerSet, scenario: RainScenario?) throws -> LayerSet {
        var set = base
        set.scenario = scenario
        guard base.layers[.floodRisk] != nil else { return set }
        let catalogue = try open(base.project)
        buildOne(.floodRisk, into: &set, catalogue: catalogue)
        if base.layers[.composite] != nil { buildOne(.composite, into: &set, catalogue: catalogue) }
        if let failure = set.failures[.floodRisk] ?? set.failures[.composite] {
            throw RuntimeError("the scenario \(scenario?.argumentDescription ?? "none") cannot be built: \(failure)")
        }
        return set
    }

    /// Builds one layer into `set` (the composite from the layers already there),
    /// recording a failure instead of throwing.
    private static func buildOne(_ name: LayerName, into set: inout LayerSet, catalogue: Catalogue) {
        let project = set.project
        set.failures[name] = nil
        do {
            switch name {
            case .childTraffic:
                let builder = try ChildTrafficBuilder(project: project)
                let layer = try builder.build(catalogue: catalogue)
                set.layers[name] = layer
                let window = project.layers.composite.exposureWindow
                if let window, window != project.layers.childTraffic.defaultWindow {
                    set.exposure = try builder.build(catalogue: catalogue, window: window)
                } else {
                    set.exposure = layer
                }
                set.compositeExposure = nil
            case .composite:
                let builder = try CompositeBuilder(project: project)
                let (layer, surface) =
                    if set.exposure == nil, let kept = set.compositeExposure {
                        try builder.build(
                            exposure: kept.grid, exposureWindow: kept.window, floodRisk: set.layers[.floodRisk],
                            wildlife: set.layers[.wildlife], rivers: set.rivers)
                    } else {
                        try builder.build(
                            childTraffic: set.exposure, floodRisk: set.layers[.floodRisk],
                            wildlife: set.layers[.wildlife], rivers: set.rivers)
                    }
                set.layers[name] = layer
                set.surface = surface
            default:
                set.layers[name] = try LayerBuilder.build(
                    name, catalogue: catalogue, project: project,
                    scenario: LayerBuilder.Scenario(rain: set.scenario?.millimetresPerHour))
            }
        } catch {
            set.layers[name] = nil
            if name == .composite { set.surface = nil }
            set.failures[name] = String(describing: error)
        }
    }

    /// Opens the project's hub.
    ///
    /// - Throws: ``RuntimeError`` saying to run `geohub build` when there is none.
    private static func open(_ project: Project) throws -> Catalogue {
        try read { try Hub.catalogue(for: project) }
    }

    /// Runs a hub read, turning ``HubError`` into a ``RuntimeError`` with its message.
    private static func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HubError {
            throw RuntimeError(error.description)
        }
    }
}

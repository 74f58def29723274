import Foundation
import GeoCore
import Layers

/// The scenario-aware layers (flood-risk, composite) rebuilt for rainfall scenarios,
/// kept for the few most recent scenarios of the current snapshot.
///
/// A variant is built once (under a lock, so a burst of tile requests for a new
/// scenario builds it once) and then shared by every request; a new snapshot
/// (generation) makes the old variants unreachable.
final class ScenarioVariants: Sendable {
    private struct Key: Hashable {
        var generation: Int
        var scenario: String
    }

    private struct State {
        var layers: [Key: [LayerName: ServedLayer]] = [:]
        var order: [Key] = []
    }

    /// How many scenarios are kept at once.
    static let capacity = 8
    private let state = Locked(State())
    private let building = Locked(())

    /// The scenario-aware layers of `snapshot` under `scenario`.
    ///
    /// - Throws: what rebuilding flood-risk or the composite throws.
    func layers(for scenario: RainScenario, of snapshot: MapSnapshot) throws -> [LayerName: ServedLayer] {
        let key = Key(generation: snapshot.generation, scenario: scenario.argumentDescription)
        if let found = state.withLock({ $0.layers[key] }) { return found }
        return try building.withLock { _ in
            if let found = state.withLock({ $0.layers[key] }) { return found }
            let set = try LayerAssembly.variant(of: snapshot.set, scenario: scenario)
            var layers: [LayerName: ServedLayer] = [:]
            for name in LayerName.allCases where LayerSet.isScenarioAware(name) {
                guard let layer = set.layers[name] else { continue }
                layers[name] = try ServedLayer(
                    layer, style: LayerStyles.style(for: name, project: set.project, scenario: scenario))
            }
            defer { ProcessMemory.releaseFreeMemory() }
            state.withLock { state in
                state.layers[key] = layers
                state.order.append(key)
                while state.order.count > Self.capacity
                    || state.order.first.map({ $0.generation < key.generation }) == true
                {
                    state.layers[state.order.removeFirst()] = nil
                }
            }
            return layers
        }
    }
}

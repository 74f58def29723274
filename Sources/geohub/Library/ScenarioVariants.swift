import Foundation
import GeoCore
import Layers

/// The scenario-aware layers (flood-risk, composite) and the route planner rebuilt for
/// rainfall scenarios, kept for the few most recent scenarios of the current snapshot.
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
        var variants: [Key: ScenarioVariant] = [:]
        var order: [Key] = []
    }

    /// How many scenarios are kept at once.
    static let capacity = 8
    private let state = Locked(State())
    private let building = Locked(())

    /// The scenario-aware layers and routes of `snapshot` under `scenario`.
    ///
    /// - Throws: what rebuilding flood-risk or the composite throws.
    func variant(for scenario: RainScenario, of snapshot: MapSnapshot) throws -> ScenarioVariant {
        let key = Key(generation: snapshot.generation, scenario: scenario.argumentDescription)
        if let found = state.withLock({ $0.variants[key] }) { return found }
        return try building.withLock { _ in
            if let found = state.withLock({ $0.variants[key] }) { return found }
            let set = try LayerAssembly.variant(of: snapshot.set, scenario: scenario)
            var layers: [LayerName: ServedLayer] = [:]
            for name in LayerName.allCases where LayerSet.isScenarioAware(name) {
                guard let layer = set.layers[name] else { continue }
                layers[name] = try ServedLayer(
                    layer, style: LayerStyles.style(for: name, project: set.project, scenario: scenario))
            }
            let (routes, problem) = Self.routes(on: set, base: snapshot)
            let variant = ScenarioVariant(layers: layers, routes: routes, routeProblem: problem)
            defer { ProcessMemory.releaseFreeMemory() }
            state.withLock { state in
                state.variants[key] = variant
                state.order.append(key)
                while state.order.count > Self.capacity
                    || state.order.first.map({ $0.generation < key.generation }) == true
                {
                    state.variants[state.order.removeFirst()] = nil
                }
            }
            return variant
        }
    }

    /// Routes on the variant's composite, or why there are none: the snapshot's own
    /// planner when rain changes nothing routes avoid (no flood-risk or no composite to
    /// rebuild) or when the snapshot cannot plan routes either.
    private static func routes(on set: LayerSet, base snapshot: MapSnapshot) -> (RouteService?, String?) {
        guard snapshot.routes != nil, snapshot.set.layers[.floodRisk] != nil, snapshot.set.layers[.composite] != nil
        else { return (snapshot.routes, snapshot.routeProblem) }
        do {
            return (try RouteService(set: set), nil)
        } catch {
            return (nil, error.message)
        }
    }
}

/// One rainfall scenario of a snapshot: its flood-risk and composite layers, ready to
/// draw, and the route planner on that composite's risk.
struct ScenarioVariant: Sendable {
    let layers: [LayerName: ServedLayer]
    /// Nil when routes cannot be planned under the scenario; ``routeProblem`` says why.
    let routes: RouteService?
    let routeProblem: String?
}

import Foundation
import GeoCore

/// The one entry point from a project's hub to a built layer, for the CLI, the
/// server and the exporters.
///
/// ```swift
/// let project = try Project.load(from: folder)
/// let catalogue = try Hub.catalogue(for: project)
/// let flood = try LayerBuilder.build(.floodRisk, catalogue: catalogue, project: project,
///                                    scenario: try .init(parsing: "rain=50"))
/// ```
///
/// Each layer's builder can also be used on its own with plain values (see
/// ``FloodRiskBuilder``, ``WildlifeBuilder``, ``CensusDeltaBuilder``,
/// ``BusRoutesBuilder``, ``BasemapBuilder``), which is how tests feed them.
public enum LayerBuilder {
    /// The layers this entry point builds from vector sources.
    public static let vectorLayers: [LayerName] = [.floodRisk, .wildlife, .censusDelta, .busRoutes, .basemap]

    /// Builds one layer from the hub.
    ///
    /// - Parameters:
    ///   - name: the layer.
    ///   - catalogue: the project's hub, opened on this thread.
    ///   - project: settings, CRS, zone and as-of time.
    ///   - scenario: what-if values (`rain=N` for flood-risk).
    /// - Throws: ``HubError`` when the hub cannot be read, ``LayerBuildError`` when the
    ///   data or settings cannot make the layer, ``GEOSError``/``PROJError`` when geometry
    ///   or projection fails.
    public static func build(
        _ name: LayerName, catalogue: Catalogue, project: Project,
        scenario: Scenario = Scenario()
    ) throws -> BuiltLayer {
        switch name {
        case .floodRisk:
            return try FloodRiskBuilder(project: project, scenario: scenario).build(catalogue: catalogue)
        case .wildlife:
            return try WildlifeBuilder(project: project).build(catalogue: catalogue)
        case .censusDelta:
            return try CensusDeltaBuilder(project: project).build(catalogue: catalogue)
        case .busRoutes:
            return try BusRoutesBuilder(project: project).build(catalogue: catalogue, project: project)
        case .basemap:
            return try BasemapBuilder().build(catalogue: catalogue)
        default:
            throw LayerBuildError(layer: name, message: "is not a vector layer; its builder is called directly")
        }
    }
}

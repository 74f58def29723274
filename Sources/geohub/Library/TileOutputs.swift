import Foundation
import GeoCore
import Layers
import TileRenderer

/// Writes a layer's tile formats (folder + TileJSON, MBTiles, PMTiles) from one
/// rendered pyramid, through the renderer's ``TileExport``.
enum TileOutputs {
    struct Result: Sendable {
        var files: [URL] = []
        var rendered = 0
        var stored = 0
    }

    /// Renders `layer` over the plan's bbox and zooms into every tile format the plan asks for.
    ///
    /// - Throws: the renderer's errors (``TileStoreError``, ``PNGError``, ``PROJError``,
    ///   ``TileError``) as ``RuntimeError``s naming the layer.
    static func write(_ layer: BuiltLayer, plan: ExportPlan, progress: ProgressHandler?) throws -> Result {
        let formats = plan.formats.compactMap(\.tileStoreFormat)
        guard !formats.isEmpty else { return Result() }
        let name = layer.name
        let zooms = plan.zooms(for: name)
        do {
            let prepared = try PreparedLayer(
                layer, style: LayerStyles.style(for: name, project: plan.project, scenario: plan.scenario))
            let phase = "\(name) tiles z\(zooms.lowerBound)-\(zooms.upperBound)"
            let summary = try TileExport.run(
                prepared, formats: formats, directory: plan.output, zooms: zooms, bbox: plan.bbox,
                scale: plan.scale.renderer, attribution: attribution(plan.project)
            ) { step in
                progress?(step.rendered, step.total, phase)
            }
            return Result(files: summary.outputs, rendered: summary.rendered, stored: summary.stored)
        } catch {
            throw RuntimeError("cannot write the tiles of \(name): \(error)")
        }
    }

    /// The credit line stored in every tileset.
    static func attribution(_ project: Project) -> String {
        "\(project.name) data via geohub"
    }
}

extension ExportFormat {
    /// The renderer's store for a tile format; nil for feature formats.
    var tileStoreFormat: TileStoreFormat? {
        switch self {
        case .tiles: .tiles
        case .mbtiles: .mbtiles
        case .pmtiles: .pmtiles
        case .geojson, .gpkg: nil
        }
    }
}

extension TileScale {
    /// The renderer's scale of the same pixel density.
    var renderer: TileRenderer.TileScale { self == .retina ? .retina : .standard }
}

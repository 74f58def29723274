import GeoCore
import Layers

/// The composite's view of children's exposure: the density resampled onto the
/// composite's grid (``CompositeBuilder/exposure(from:)``) and the window it came from.
struct CompositeExposure: Sendable {
    var grid: MetricGrid
    var window: String?
}

extension LayerSet {
    /// This set as a long-running server keeps it, once its layers are prepared for
    /// drawing: the built layers without their grids (each prepared layer keeps what
    /// drawing needs, compactly) and, in place of the child-traffic density, only what
    /// rebuilding the composite reads of it (``compositeExposure``).
    ///
    /// The child-traffic density alone is 1.5 million cells for Nagai (6 MB); the
    /// composite's exposure is 42 thousand. A rebuild or scenario variant made from the
    /// result builds the composite from ``compositeExposure``, with the same values.
    /// When the exposure cannot be computed (no composite settings for the project),
    /// the density is kept.
    func releasingGrids() -> LayerSet {
        var set = self
        if let density = exposure?.grid,
            let builder = try? CompositeBuilder(project: project),
            var grid = try? builder.exposure(from: density)
        {
            // Share the storage of the surface's identical grid rather than keep two.
            if let kept = surface?.exposure, kept == grid { grid = kept }
            set.compositeExposure = CompositeExposure(grid: grid, window: exposure?.metadata["window"]?.stringValue)
            set.exposure = nil
        }
        for name in set.layers.keys { set.layers[name]?.grid = nil }
        return set
    }
}

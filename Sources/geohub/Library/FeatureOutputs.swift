import Foundation
import GeoCore
import Layers

/// Writes a layer's features as GeoJSON (RFC 7946) and GeoPackage, each atomically
/// (a temporary name renamed into place).
enum FeatureOutputs {
    /// Writes the feature formats the plan asks for; surfaces (no features) get none.
    ///
    /// - Returns: the files written.
    /// - Throws: ``RuntimeError`` naming the file and what failed.
    static func write(_ layer: BuiltLayer, plan: ExportPlan) throws -> [URL] {
        guard LayerSet.hasFeatures(layer.name) else { return [] }
        var files: [URL] = []
        let features = layer.features
        if plan.formats.contains(.geojson) {
            let url = plan.output.appendingPathComponent("\(layer.name).geojson")
            do {
                try GeoJSONWriter().write(features, to: url)
            } catch {
                throw RuntimeError("cannot write \(url.path): \(error)")
            }
            files.append(url)
        }
        if plan.formats.contains(.gpkg) {
            let url = plan.output.appendingPathComponent("\(layer.name).gpkg")
            let table = GeoPackageWriter.Layer(
                name: table(layer.name), description: "\(layer.name.title) (\(plan.project.name))", features: features)
            do {
                try GeoPackageWriter(lastChange: plan.referenceTime).write([table], to: url)
            } catch {
                throw RuntimeError("cannot write \(url.path): \(error)")
            }
            files.append(url)
        }
        return files
    }

    /// The GeoPackage table name: the layer name with `_` for `-` (a plain SQL
    /// identifier that QGIS and ogr2ogr accept without quoting).
    static func table(_ name: LayerName) -> String {
        name.rawValue.replacingOccurrences(of: "-", with: "_")
    }
}

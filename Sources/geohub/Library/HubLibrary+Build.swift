import Foundation
import GeoCore
import Layers

extension HubLibrary {
    /// `geohub build`: ingests the changed sources, builds every enabled layer whose
    /// sources are present, and describes both in ``BuildSummary/notes``.
    ///
    /// Under `--strict` with rejected rows nothing is built (the hub keeps the previous
    /// data of the rolled-back sources) and the command exits 3.
    func build(_ request: BuildRequest, progress: @escaping ProgressHandler) throws -> BuildSummary {
        let project = try ProjectIngest.load(request.project)
        let ingest = try ProjectIngest.run(project, strict: request.strict, progress: progress)
        var summary = BuildSummary(
            hub: project.hubURL, acceptedRows: 0, rejections: ingest.rejections, layers: [:],
            notes: ingest.report.summaryLines + ingest.unlistedRejections)
        let catalogue = try Hub.catalogue(for: project)
        summary.acceptedRows = try catalogue.provenance().reduce(0) { $0 + $1.rows }
        if ingest.rejectedUnderStrict {
            summary.notes.append("layers not built: rows were rejected under --strict")
            return summary
        }
        let set = try LayerAssembly.build(project, progress: progress)
        for name in set.orderedNames {
            guard let layer = set.layers[name] else { continue }
            summary.layers[name] = layer.features.count
        }
        summary.notes += LayerSummary.lines(for: set, catalogue: catalogue)
        return summary
    }
}

/// One line per layer for the build summary.
enum LayerSummary {
    static func lines(for set: LayerSet, catalogue: Catalogue) -> [String] {
        LayerName.allCases.compactMap { name in
            if let layer = set.layers[name] { return "layer \(name): " + describe(layer) }
            if let failure = set.failures[name] { return "layer \(name): not built: \(failure)" }
            guard set.project.layers.options(for: name).enabled else { return "layer \(name): disabled in geohub.json" }
            let (all, anyOf) = name.requiredSources
            let kinds = (all + anyOf).map(\.rawValue).joined(separator: all.isEmpty ? " or " : ", ")
            return "layer \(name): left out (no \(kinds) in the hub)"
        }
    }

    /// `12 features (12 point)` or `grid 1500×1020 cells of 16.7 m, maximum 41.2 pings per hectare`.
    static func describe(_ layer: BuiltLayer) -> String {
        var parts: [String] = []
        if !layer.features.isEmpty {
            var kinds: [String: Int] = [:]
            for feature in layer.features { kinds[feature.shape.typeName, default: 0] += 1 }
            let breakdown = kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            parts.append("\(layer.features.count) features (\(breakdown))")
        }
        if let grid = layer.grid {
            let unit = layer.metadata["unit"]?.stringValue.map { " \($0)" } ?? ""
            parts.append(
                "grid \(grid.columns)×\(grid.rows) cells of \(Self.number(grid.cellSize)) m, maximum "
                    + Self.number(Double(grid.maximum)) + unit)
        }
        if layer.name == .floodRisk {
            var statuses: [String: Int] = [:]
            for feature in layer.features {
                if let status = feature.properties["status"]?.stringValue { statuses[status, default: 0] += 1 }
                if let predicted = feature.properties["predicted_status"]?.stringValue {
                    statuses["predicted \(predicted)", default: 0] += 1
                }
            }
            if !statuses.isEmpty {
                parts.append(
                    statuses.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
        }
        return parts.isEmpty ? "empty" : parts.joined(separator: "; ")
    }

    /// At most one decimal, no trailing `.0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

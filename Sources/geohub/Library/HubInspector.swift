import Foundation
import GeoCore
import Layers

/// `geohub inspect` on a hub (`hub.sqlite`: where every source came from) and on a
/// project file (`geohub.json`: area, CRS, sources present or missing, layers).
enum HubInspector {
    static func inspect(hub file: URL) throws -> InspectReport {
        let catalogue: Catalogue
        let sources: [SourceProvenance]
        do {
            catalogue = try Catalogue(url: file)
            sources = try catalogue.provenance()
        } catch {
            throw RuntimeError("\(file.path) is not a geohub hub: \(error)")
        }
        var report = InspectReport("\(file.lastPathComponent): geohub hub")
        report.add("sources", String(sources.count))
        report.add("rows", String(sources.reduce(0) { $0 + $1.rows }))
        report.add("rejected rows", String(sources.reduce(0) { $0 + $1.rejected }))
        if let newest = try? catalogue.newestTimestamp() { report.add("newest data", InspectReport.time(newest)) }
        for source in sources {
            report.line("\(source.id): \(source.path)")
            report.item(
                "rows \(source.rows), rejected \(source.rejected), \(InspectReport.bytes(source.size)), "
                    + "crc32 \(String(format: "%08x", source.crc32))")
            let filtered = source.filtered.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            if !filtered.isEmpty {
                report.item("filtered " + filtered.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
            if !source.details.isEmpty {
                report.item(
                    source.details.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if let range = source.timeRange {
                report.item(
                    "data from \(InspectReport.time(range.lowerBound)) to \(InspectReport.time(range.upperBound))")
            }
            report.item(
                "file modified \(InspectReport.time(source.modified)), ingested \(InspectReport.time(source.ingestedAt)) "
                    + "in \(String(format: "%.2f", source.duration)) s")
            let rejections = (try? catalogue.rejections(of: source.id)) ?? []
            for rejection in rejections.prefix(CSVInspector.listedRejections) { report.item("rejected " + rejection) }
            if source.rejected > CSVInspector.listedRejections {
                report.item("… and \(source.rejected - CSVInspector.listedRejections) more rejected")
            }
        }
        return report
    }

    static func inspect(project file: URL) throws -> InspectReport {
        let project = try ProjectIngest.load(file.deletingLastPathComponent())
        var report = InspectReport("\(file.lastPathComponent): geohub project \(project.name)")
        report.add("bbox", InspectReport.bbox(project.bbox))
        report.add("crs", project.crs.description)
        report.add(
            "hub",
            FileManager.default.fileExists(atPath: project.hubURL.path)
                ? project.hubURL.path : "not built yet (geohub build)")
        for source in project.sources.files {
            report.item("\(source.id): \(source.path)" + (source.exists ? "" : " (missing: its layers are left out)"))
        }
        let enabled = LayerName.allCases.filter { project.layers.options(for: $0).enabled }
        report.add("layers enabled", enabled.map(\.rawValue).joined(separator: ", "))
        let privateLayers = enabled.filter { !project.layers.isPublic($0) }
        report.add(
            "private layers", privateLayers.isEmpty ? "none" : privateLayers.map(\.rawValue).joined(separator: ", "))
        return report
    }
}

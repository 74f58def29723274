import Foundation
import GeoCore

extension BusRoutesBuilder {
    /// The boardings period: the last `periodDays` before the as-of time (the
    /// project's, else the newest boarding), or without `periodDays` every boarding
    /// from the oldest to the as-of time; nil when the hub has no boardings.
    public func period(catalogue: Catalogue, asOf: Date?) throws(HubError) -> DateInterval? {
        let newest = try catalogue.newestTimestamp(of: [.busBoardings])
        guard newest != nil, let end = asOf ?? newest else { return nil }
        if let days = settings.periodDays {
            return DateInterval(start: end.addingTimeInterval(-days * 86_400), end: end)
        }
        let first = try catalogue.provenance().filter { $0.kind == .busBoardings }.compactMap(\.timeRange?.lowerBound)
            .min()
        return DateInterval(start: min(first ?? end, end), end: end)
    }

    /// Reads the feed, boardings and census from the hub and builds the result.
    ///
    /// Catchments use the census-delta layer's cells (its years, mesh size and secrecy
    /// groups); without two census years they are left out.
    ///
    /// - Throws: ``HubError``, ``GEOSError``, ``PROJError``; a census-delta error only
    ///   when the census data is present but unreadable in another way.
    public func result(catalogue: Catalogue, project: Project) throws -> BusRoutesResult {
        let period = try period(catalogue: catalogue, asOf: project.asOf)
        let counts = try period.map { interval throws(HubError) in try catalogue.boardingCounts(in: interval) } ?? []
        var census: CensusDeltaResult?
        do {
            census = try CensusDeltaBuilder(project: project).result(catalogue: catalogue)
        } catch is LayerBuildError {
            census = nil  // fewer than two census years: no catchments
        }
        return try build(feed: try catalogue.gtfsFeed(), boardings: counts, period: period, census: census)
    }

    /// Reads the hub and builds the layer.
    public func build(catalogue: Catalogue, project: Project) throws -> BuiltLayer {
        layer(try result(catalogue: catalogue, project: project))
    }
}

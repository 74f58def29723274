/// All tiles covering a lon/lat box over a range of zooms: one ``TileRange`` per
/// zoom (two where the box crosses the antimeridian).
///
/// A sequence of ``TileID`` (zoom by zoom, each range column-major) whose
/// `count` is computed from the ranges, so the size of a pyramid is known before
/// anything is rendered.
public struct TileCover: Sendable, Hashable, Sequence {
    /// The ranges, by increasing zoom.
    public let ranges: [TileRange]

    /// The tiles covering `box` at every zoom in `zooms` (see ``TileRange/covering(_:zoom:)``).
    ///
    /// - Throws: ``TileError`` for zooms outside `0...TileID.maxZoom` or a non-finite box.
    public init(covering box: BoundingBox, zooms: ClosedRange<Int>) throws(TileError) {
        var ranges: [TileRange] = []
        for zoom in zooms { ranges += try TileRange.covering(box, zoom: zoom) }
        self.ranges = ranges
    }

    /// Total number of tiles.
    public var count: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Number of tiles at each zoom, in increasing zoom order.
    public var countsByZoom: [(zoom: Int, count: Int)] {
        var result: [(zoom: Int, count: Int)] = []
        for range in ranges {
            if let last = result.last, last.zoom == range.zoom {
                result[result.count - 1].count += range.count
            } else {
                result.append((range.zoom, range.count))
            }
        }
        return result
    }

    /// Whether `tile` is part of the cover.
    public func contains(_ tile: TileID) -> Bool { ranges.contains { $0.contains(tile) } }

    public var underestimatedCount: Int { count }

    public func makeIterator() -> FlattenSequence<[TileRange]>.Iterator {
        ranges.joined().makeIterator()
    }
}

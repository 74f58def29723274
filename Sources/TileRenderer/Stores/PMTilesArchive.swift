import Foundation
import GeoCore

/// Reads a PMTiles v3 archive (for `geohub inspect` and for serving archives):
/// header facts, the JSON metadata and tiles by address.
public final class PMTilesArchive {
    public let url: URL
    private let data: Data
    private let header: PMTilesHeader

    /// Opens (memory-maps) an archive.
    ///
    /// - Throws: ``TileStoreError`` when the file cannot be read or is not PMTiles v3.
    public init(url: URL) throws(TileStoreError) {
        self.url = url
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw TileStoreError(path: url.path, "cannot read: \(error.localizedDescription)")
        }
        guard let header = PMTilesHeader(data) else {
            throw TileStoreError(path: url.path, "not a PMTiles v3 archive (no 'PMTiles' magic and version 3)")
        }
        guard header.internalCompression == 1 || header.internalCompression == 2 else {
            throw TileStoreError(path: url.path, "unsupported internal compression \(header.internalCompression)")
        }
        self.header = header
    }

    public var minZoom: Int { Int(header.minZoom) }
    public var maxZoom: Int { Int(header.maxZoom) }
    public var bounds: BoundingBox { header.bounds }
    public var center: Coordinate { header.center }
    public var centerZoom: Int { Int(header.centerZoom) }
    /// Tiles addressed (identical tiles counted each time).
    public var addressedTiles: Int { Int(header.addressedTiles) }
    /// Directory entries pointing at tile data.
    public var tileEntries: Int { Int(header.tileEntries) }
    /// Distinct tile contents stored.
    public var tileContents: Int { Int(header.tileContents) }
    public var isClustered: Bool { header.clustered }
    /// Whether tiles are PNG (tile type 2).
    public var isPNG: Bool { header.tileType == 2 }

    /// The archive's JSON metadata.
    public func metadata() throws(TileStoreError) -> JSONValue {
        let bytes = try section(header.metadataOffset, header.metadataLength)
        do {
            return try JSONValue(parsing: try decompress(bytes), source: url.lastPathComponent)
        } catch let error as TileStoreError {
            throw error
        } catch {
            throw TileStoreError(path: url.path, "metadata is not JSON: \(error)")
        }
    }

    /// The bytes of `tile`, nil when the archive does not hold it.
    public func tile(_ tile: TileID) throws(TileStoreError) -> Data? {
        let id = PMTilesID.id(tile)
        var offset = header.rootOffset
        var length = header.rootLength
        for _ in 0..<4 {
            let entries = try directory(offset, length)
            guard let entry = PMTilesArchive.find(id, in: entries) else { return nil }
            if entry.runLength == 0 {
                offset = header.leafOffset + entry.offset
                length = UInt64(entry.length)
                continue
            }
            return try section(header.tileDataOffset + entry.offset, UInt64(entry.length))
        }
        throw TileStoreError(path: url.path, "directories nest deeper than 4 levels")
    }

    /// Every tile the archive addresses, in tile-id order.
    public func tiles() throws(TileStoreError) -> [TileID] {
        var result: [TileID] = []
        try collect(header.rootOffset, header.rootLength, depth: 0, into: &result)
        return result
    }

    private func collect(_ offset: UInt64, _ length: UInt64, depth: Int, into result: inout [TileID])
        throws(TileStoreError)
    {
        guard depth < 4 else { throw TileStoreError(path: url.path, "directories nest deeper than 4 levels") }
        for entry in try directory(offset, length) {
            if entry.runLength == 0 {
                try collect(header.leafOffset + entry.offset, UInt64(entry.length), depth: depth + 1, into: &result)
            } else {
                for k in 0..<UInt64(entry.runLength) {
                    guard let tile = PMTilesID.tile(entry.tileID + k) else {
                        throw TileStoreError(path: url.path, "tile id \(entry.tileID + k) is beyond zoom 30")
                    }
                    result.append(tile)
                }
            }
        }
    }

    private func directory(_ offset: UInt64, _ length: UInt64) throws(TileStoreError) -> [PMTilesEntry] {
        let bytes = try decompress(try section(offset, length))
        guard let entries = PMTilesDirectory.deserialize([UInt8](bytes)) else {
            throw TileStoreError(path: url.path, "corrupt directory at byte \(offset)")
        }
        return entries
    }

    private func section(_ offset: UInt64, _ length: UInt64) throws(TileStoreError) -> Data {
        guard offset + length <= UInt64(data.count) else {
            throw TileStoreError(path: url.path, "section \(offset)+\(length) runs past the end of the file")
        }
        return data.subdata(in: Int(offset)..<Int(offset + length))
    }

    private func decompress(_ bytes: Data) throws(TileStoreError) -> Data {
        header.internalCompression == 2 ? try Gzip.decompress(bytes) : bytes
    }

    /// The entry covering `id` (its own, a run containing it, or the leaf that may).
    static func find(_ id: UInt64, in entries: [PMTilesEntry]) -> PMTilesEntry? {
        var lo = 0
        var hi = entries.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if entries[mid].tileID < id {
                lo = mid + 1
            } else if entries[mid].tileID > id {
                hi = mid - 1
            } else {
                return entries[mid]
            }
        }
        guard hi >= 0 else { return nil }
        let candidate = entries[hi]
        if candidate.runLength == 0 || id - candidate.tileID < UInt64(candidate.runLength) { return candidate }
        return nil
    }
}

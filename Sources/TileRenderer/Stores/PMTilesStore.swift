import Foundation
import GeoCore

/// A PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md)
/// for static hosting: a 127-byte header, a gzip root directory, gzip JSON metadata,
/// gzip leaf directories when the root would pass 16 KiB, then the tile data.
///
/// Tiles are spooled to a temporary file as they arrive. ``finish()`` orders them by
/// Hilbert tile id (a *clustered* archive), stores identical tiles once (entries
/// point to the same bytes; runs of consecutive identical tiles become one entry),
/// writes `OUT/.LAYER.pmtiles.tmp-…` and renames it to `OUT/LAYER.pmtiles`.
public final class PMTilesStore: TileStore {
    public let url: URL
    public let metadata: TilesetMetadata
    private let temporary: URL
    private let spoolURL: URL
    private var spool: FileHandle?
    private var spoolLength: UInt64 = 0
    private var pending: [Pending] = []
    private var finished = false

    private struct Pending {
        let tileID: UInt64
        let offset: UInt64
        let length: UInt32
        let digest: UInt64
    }

    /// Largest header + root directory the spec allows.
    static let rootLimit = 16_384

    public init(directory: URL, metadata: TilesetMetadata) throws {
        try AtomicOutput.ensureDirectory(directory)
        url = directory.appendingPathComponent("\(metadata.name).pmtiles")
        self.metadata = metadata
        temporary = AtomicOutput.temporaryURL(for: url)
        spoolURL = AtomicOutput.temporaryURL(for: url.appendingPathExtension("tiles"))
        guard FileManager.default.createFile(atPath: spoolURL.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: spoolURL.path)
        else { throw TileStoreError(path: spoolURL.path, "cannot create the tile spool file") }
        spool = handle
    }

    deinit {
        if !finished { cancel() }
    }

    public func write(_ tile: RenderedTile) throws {
        guard let spool else { throw TileStoreError(path: url.path, "the store is closed") }
        guard !tile.png.isEmpty, let length = UInt32(exactly: tile.png.count) else {
            throw TileStoreError(path: url.path, "tile \(tile.tile) is empty or larger than 4 GiB")
        }
        do {
            try spool.write(contentsOf: tile.png)
        } catch {
            throw TileStoreError(path: spoolURL.path, "cannot spool tile \(tile.tile): \(error.localizedDescription)")
        }
        pending.append(
            Pending(
                tileID: PMTilesID.id(tile.tile), offset: spoolLength, length: length,
                digest: PMTilesStore.fnv1a(tile.png)))
        spoolLength += UInt64(length)
    }

    public func finish() throws {
        guard let spool else { throw TileStoreError(path: url.path, "the store is closed") }
        try? spool.close()
        self.spool = nil
        defer { try? FileManager.default.removeItem(at: spoolURL) }
        let data: Data
        do {
            data = try Data(contentsOf: spoolURL, options: .alwaysMapped)
        } catch {
            throw TileStoreError(path: spoolURL.path, "cannot read the tile spool: \(error.localizedDescription)")
        }
        let (entries, copies, contents) = try layOut(data)
        let (root, leaves) = try PMTilesStore.directories(entries, metadataLimit: PMTilesStore.rootLimit - 127)
        let json = try Gzip.compress(metadataJSON().jsonData())
        let tileBytes = copies.reduce(UInt64(0)) { $0 + UInt64($1.count) }

        var header = PMTilesHeader()
        header.rootOffset = 127
        header.rootLength = UInt64(root.count)
        header.metadataOffset = header.rootOffset + header.rootLength
        header.metadataLength = UInt64(json.count)
        header.leafOffset = header.metadataOffset + header.metadataLength
        header.leafLength = UInt64(leaves.count)
        header.tileDataOffset = header.leafOffset + header.leafLength
        header.tileDataLength = tileBytes
        header.addressedTiles = UInt64(pending.count)
        header.tileEntries = UInt64(entries.count)
        header.tileContents = UInt64(contents)
        header.minZoom = UInt8(clamping: metadata.minZoom)
        header.maxZoom = UInt8(clamping: metadata.maxZoom)
        header.bounds = metadata.bounds
        header.center = metadata.center
        header.centerZoom = UInt8(clamping: metadata.centerZoom)

        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let out = FileHandle(forWritingAtPath: temporary.path)
        else { throw TileStoreError(path: temporary.path, "cannot create the archive") }
        do {
            try out.write(contentsOf: header.serialized())
            try out.write(contentsOf: root)
            try out.write(contentsOf: json)
            try out.write(contentsOf: leaves)
            for range in copies { try out.write(contentsOf: data[range]) }
            try out.close()
        } catch {
            try? out.close()
            try? FileManager.default.removeItem(at: temporary)
            throw TileStoreError(path: temporary.path, "cannot write the archive: \(error.localizedDescription)")
        }
        try AtomicOutput.publish(temporary, as: url)
        finished = true
    }

    public func cancel() {
        try? spool?.close()
        spool = nil
        try? FileManager.default.removeItem(at: spoolURL)
        try? FileManager.default.removeItem(at: temporary)
        finished = true
    }

    /// Entries in tile-id order, the spool ranges to copy (in order) and the number of
    /// distinct tile contents.
    private func layOut(_ data: Data) throws -> ([PMTilesEntry], [Range<Int>], Int) {
        let sorted = pending.sorted { $0.tileID < $1.tileID }
        var entries: [PMTilesEntry] = []
        var copies: [Range<Int>] = []
        var placed: [UInt64: [(spool: Range<Int>, offset: UInt64)]] = [:]
        var dataLength: UInt64 = 0
        var previousID: UInt64?
        for tile in sorted {
            if tile.tileID == previousID {
                throw TileStoreError(path: url.path, "tile id \(tile.tileID) written twice")
            }
            previousID = tile.tileID
            let range = Int(tile.offset)..<Int(tile.offset) + Int(tile.length)
            // Identical bytes (same digest and same content) share one copy.
            var offset: UInt64?
            for candidate in placed[tile.digest] ?? [] where data[candidate.spool] == data[range] {
                offset = candidate.offset
                break
            }
            if offset == nil {
                offset = dataLength
                placed[tile.digest, default: []].append((range, dataLength))
                copies.append(range)
                dataLength += UInt64(tile.length)
            }
            let at = offset ?? 0
            if let last = entries.last, last.offset == at, last.length == tile.length,
                last.tileID + UInt64(last.runLength) == tile.tileID
            {
                entries[entries.count - 1].runLength += 1
            } else {
                entries.append(PMTilesEntry(tileID: tile.tileID, offset: at, length: tile.length, runLength: 1))
            }
        }
        return (entries, copies, copies.count)
    }

    /// The gzip root directory and leaf directories: everything in the root when it
    /// fits in `metadataLimit` bytes, else leaves of 4096 entries (doubling until the
    /// root of leaf pointers fits).
    static func directories(_ entries: [PMTilesEntry], metadataLimit: Int) throws -> (root: Data, leaves: Data) {
        guard !entries.isEmpty else { throw TileStoreError(path: "pmtiles", "no tiles to archive (all were empty)") }
        let whole = try Gzip.compress(Data(PMTilesDirectory.serialize(entries)))
        if whole.count <= metadataLimit { return (whole, Data()) }
        var leafSize = 4096
        while true {
            var rootEntries: [PMTilesEntry] = []
            var leaves = Data()
            var start = 0
            while start < entries.count {
                let chunk = Array(entries[start..<min(start + leafSize, entries.count)])
                let leaf = try Gzip.compress(Data(PMTilesDirectory.serialize(chunk)))
                rootEntries.append(
                    PMTilesEntry(
                        tileID: chunk[0].tileID, offset: UInt64(leaves.count),
                        length: UInt32(leaf.count), runLength: 0))
                leaves.append(leaf)
                start += leafSize
            }
            let root = try Gzip.compress(Data(PMTilesDirectory.serialize(rootEntries)))
            if root.count <= metadataLimit { return (root, leaves) }
            leafSize *= 2
        }
    }

    /// The archive's JSON metadata (string values, as the spec recommends, plus extras).
    private func metadataJSON() -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(metadata.name), "type": "overlay", "version": "1.0.0", "format": "png",
            "description": .string(metadata.description.isEmpty ? metadata.name : metadata.description),
            "attribution": .string(metadata.attribution),
        ]
        if metadata.scale != .standard { object["tileSize"] = .int(metadata.scale.tileSize) }
        for (key, value) in metadata.extra where object[key] == nil { object[key] = value }
        return .object(object)
    }

    /// 64-bit FNV-1a of `data`: the dedup key (equal bytes are still compared).
    static func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

import Foundation

/// Where rendered tiles go: a folder, an MBTiles file or a PMTiles archive.
///
/// Stores are written by one thread (pyramids hand over tiles in order on the calling
/// thread) under a temporary name in the output folder; ``finish()`` completes the
/// file and renames it into place, so a crash or an interrupt never leaves a
/// half-written archive under the final name. ``cancel()`` removes the temporary file.
public protocol TileStore: AnyObject {
    /// The final location (present only after ``finish()``).
    var url: URL { get }
    /// Adds one non-empty tile.
    func write(_ tile: RenderedTile) throws
    /// Completes the store and moves it to ``url``.
    func finish() throws
    /// Abandons the store, removing what was written.
    func cancel()
}

/// The tile store formats geohub writes.
public enum TileStoreFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// `OUT/LAYER/Z/X/Y.png` plus `OUT/LAYER/tilejson.json`.
    case tiles
    /// `OUT/LAYER.mbtiles` (MBTiles 1.3).
    case mbtiles
    /// `OUT/LAYER.pmtiles` (PMTiles v3).
    case pmtiles

    /// Opens a store of this format for `metadata.name` in `directory`.
    public func makeStore(in directory: URL, metadata: TilesetMetadata) throws -> any TileStore {
        switch self {
        case .tiles: try FolderTileStore(directory: directory, metadata: metadata)
        case .mbtiles: try MBTilesStore(directory: directory, metadata: metadata)
        case .pmtiles: try PMTilesStore(directory: directory, metadata: metadata)
        }
    }
}

/// Temporary names beside the final one, and the rename that publishes them.
enum AtomicOutput {
    /// A hidden temporary name in the same folder as `url` (so the rename stays on one
    /// file system), unique to this process and call.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
    }

    /// Moves `temporary` to `final`, replacing whatever was there.
    ///
    /// Files are replaced by `rename(2)`, atomically. A folder cannot replace a non-empty
    /// folder in one step: the old one is first renamed aside, then removed.
    static func publish(_ temporary: URL, as final: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: final.path, isDirectory: &isDirectory) && isDirectory.boolValue {
            let old = temporaryURL(for: final)
            do {
                try fm.moveItem(at: final, to: old)
                try fm.moveItem(at: temporary, to: final)
                try? fm.removeItem(at: old)
            } catch {
                throw TileStoreError(path: final.path, "cannot replace the folder: \(error.localizedDescription)")
            }
            return
        }
        guard rename(temporary.path, final.path) == 0 else {
            throw TileStoreError(path: final.path, "cannot rename into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `directory` (and parents) when missing.
    static func ensureDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TileStoreError(path: directory.path, "cannot create the output folder: \(error.localizedDescription)")
        }
    }
}

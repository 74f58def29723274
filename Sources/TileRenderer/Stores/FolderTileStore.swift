import Foundation

/// Tiles as files, `OUT/LAYER/Z/X/Y.png` (`Y@2x.png` for 512 px tiles), with
/// `OUT/LAYER/tilejson.json` (TileJSON 3.0.0, tile URLs relative to the folder).
///
/// The folder is built as `OUT/.LAYER.tmp-…` and renamed to `OUT/LAYER` by ``finish()``.
public final class FolderTileStore: TileStore {
    public let url: URL
    public let metadata: TilesetMetadata
    private let temporary: URL
    private var createdColumns: Set<String> = []
    private var finished = false

    public init(directory: URL, metadata: TilesetMetadata) throws {
        try AtomicOutput.ensureDirectory(directory)
        url = directory.appendingPathComponent(metadata.name, isDirectory: true)
        self.metadata = metadata
        temporary = AtomicOutput.temporaryURL(for: url)
        try AtomicOutput.ensureDirectory(temporary)
    }

    deinit {
        if !finished { cancel() }
    }

    public func write(_ tile: RenderedTile) throws {
        let column = "\(tile.tile.z)/\(tile.tile.x)"
        let folder = temporary.appendingPathComponent(column, isDirectory: true)
        if !createdColumns.contains(column) {
            try AtomicOutput.ensureDirectory(folder)
            createdColumns.insert(column)
        }
        let file = folder.appendingPathComponent(metadata.fileName(tile.tile))
        guard FileManager.default.createFile(atPath: file.path, contents: tile.png) else {
            throw TileStoreError(path: file.path, "cannot write the tile: \(String(cString: strerror(errno)))")
        }
    }

    public func finish() throws {
        let template = "./{z}/{x}/{y}\(metadata.scale.suffix).png"
        let json = metadata.tileJSON(tilesURL: template).jsonData(indent: 2)
        let file = temporary.appendingPathComponent("tilejson.json")
        guard FileManager.default.createFile(atPath: file.path, contents: json) else {
            throw TileStoreError(path: file.path, "cannot write TileJSON")
        }
        try AtomicOutput.publish(temporary, as: url)
        finished = true
    }

    public func cancel() {
        try? FileManager.default.removeItem(at: temporary)
        finished = true
    }
}

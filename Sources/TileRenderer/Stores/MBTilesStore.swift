import Foundation
import GeoCore

/// An MBTiles 1.3 file (https://github.com/mapbox/mbtiles-spec/blob/master/1.3/spec.md):
/// an SQLite database with a `tiles` table in TMS rows (row 0 at the south) and a
/// `metadata` table (name, format, bounds, center, minzoom, maxzoom, attribution, …).
///
/// Tiles are inserted in transactions of a few thousand; the file is built as
/// `OUT/.LAYER.mbtiles.tmp-…` without a journal (a crash only loses the temporary
/// file) and renamed to `OUT/LAYER.mbtiles` by ``finish()``.
public final class MBTilesStore: TileStore {
    public let url: URL
    public let metadata: TilesetMetadata
    private let temporary: URL
    private var database: SQLiteDatabase?
    private var insert: SQLiteStatement?
    private var pending = 0
    private var finished = false
    static let transactionSize = 2000

    public init(directory: URL, metadata: TilesetMetadata) throws {
        try AtomicOutput.ensureDirectory(directory)
        url = directory.appendingPathComponent("\(metadata.name).mbtiles")
        self.metadata = metadata
        temporary = AtomicOutput.temporaryURL(for: url)
        do {
            let db = try SQLiteDatabase(path: temporary.path, mode: .create)
            try db.execute(
                """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA page_size = 4096;
                CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);
                CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,
                                    tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);
                CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
                CREATE UNIQUE INDEX name ON metadata (name);
                """)
            insert = try db.prepare(
                "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)")
            database = db
            try db.execute("BEGIN")
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw TileStoreError(path: url.path, "cannot create MBTiles: \(error)")
        }
    }

    deinit {
        if !finished { cancel() }
    }

    public func write(_ tile: RenderedTile) throws {
        guard let database, let insert else { throw TileStoreError(path: url.path, "the store is closed") }
        do {
            try insert.execute(tile.tile.z, tile.tile.x, tile.tile.tmsY, tile.png)
            pending += 1
            if pending >= MBTilesStore.transactionSize {
                try database.execute("COMMIT; BEGIN")
                pending = 0
            }
        } catch {
            throw TileStoreError(path: url.path, "cannot insert tile \(tile.tile): \(error)")
        }
    }

    /// The `metadata` rows, in the order they are written.
    var metadataRows: [(String, String)] {
        var rows: [(String, String)] = [
            ("name", metadata.name), ("format", "png"), ("type", "overlay"), ("version", "1.0.0"),
            ("description", metadata.description.isEmpty ? metadata.name : metadata.description),
            ("attribution", metadata.attribution), ("bounds", metadata.boundsText), ("center", metadata.centerText),
            ("minzoom", String(metadata.minZoom)), ("maxzoom", String(metadata.maxZoom)),
        ]
        if metadata.scale != .standard { rows.append(("scale", String(metadata.scale.rawValue))) }
        if !metadata.extra.isEmpty { rows.append(("json", JSONValue.object(metadata.extra).jsonText())) }
        return rows
    }

    public func finish() throws {
        guard let database else { throw TileStoreError(path: url.path, "the store is closed") }
        do {
            let statement = try database.prepare("INSERT INTO metadata (name, value) VALUES (?, ?)")
            for (name, value) in metadataRows { try statement.execute(name, value) }
            try database.execute("COMMIT")
        } catch {
            throw TileStoreError(path: url.path, "cannot write MBTiles metadata: \(error)")
        }
        // Close the connection (statements first) before the rename.
        insert = nil
        self.database = nil
        try AtomicOutput.publish(temporary, as: url)
        finished = true
    }

    public func cancel() {
        insert = nil
        database = nil
        try? FileManager.default.removeItem(at: temporary)
        finished = true
    }
}

import GeoCore

/// The tables of `hub.sqlite`.
///
/// The hub is a cache of the project's sources: when the schema version changes, the
/// tables are dropped and every source is ingested again. Times are epoch seconds
/// (UTC, REAL); positions are lon/lat degrees; ids are TEXT as written. Children's GPS
/// is stored only as per-window cell aggregates (`gps_cells`), never as pings.
enum HubSchema {
    /// Bumped whenever a table changes; a hub with another version is rebuilt.
    static let version = 1

    static let tables = [
        "hub_meta", "provenance", "rejections", "gps_grid", "gps_windows", "gps_cells", "river_sensors",
        "river_levels", "rainfall", "wildlife_cameras", "wildlife_detections", "census", "gtfs_stops", "gtfs_routes",
        "gtfs_trips", "gtfs_stop_times", "gtfs_shapes", "gtfs_calendar", "gtfs_calendar_dates", "bus_boardings",
        "basemap_features",
    ]

    static let sql = """
        CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS provenance (
            source TEXT PRIMARY KEY, kind TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
            modified REAL NOT NULL, crc32 INTEGER NOT NULL, settings TEXT NOT NULL, rows INTEGER NOT NULL,
            rejected INTEGER NOT NULL, filtered TEXT NOT NULL, details TEXT NOT NULL,
            first_time REAL, last_time REAL, ingested_at REAL NOT NULL, duration REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS rejections (source TEXT NOT NULL, file TEXT NOT NULL, line INTEGER, message TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS rejections_source ON rejections (source);
        CREATE TABLE IF NOT EXISTS gps_grid (crs TEXT NOT NULL, cell_size REAL NOT NULL, devices INTEGER NOT NULL,
            pings INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gps_windows (name TEXT PRIMARY KEY, position INTEGER NOT NULL, start_minute INTEGER NOT NULL,
            end_minute INTEGER NOT NULL, days TEXT NOT NULL, pings INTEGER NOT NULL, devices INTEGER NOT NULL,
            cells INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gps_cells (window TEXT NOT NULL, col INTEGER NOT NULL, row INTEGER NOT NULL,
            pings INTEGER NOT NULL, devices INTEGER NOT NULL, PRIMARY KEY (window, col, row)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS river_sensors (site_id TEXT PRIMARY KEY, name TEXT NOT NULL, lon REAL NOT NULL,
            lat REAL NOT NULL, warning_level REAL NOT NULL, danger_level REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS river_levels (site_id TEXT NOT NULL, t REAL NOT NULL, level REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS river_levels_site_time ON river_levels (site_id, t);
        CREATE TABLE IF NOT EXISTS rainfall (t REAL NOT NULL, mm_per_hour REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS rainfall_time ON rainfall (t);
        CREATE TABLE IF NOT EXISTS wildlife_cameras (camera_id TEXT PRIMARY KEY, name TEXT NOT NULL, lon REAL NOT NULL,
            lat REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS wildlife_detections (camera_id TEXT NOT NULL, t REAL NOT NULL, species TEXT NOT NULL,
            confidence REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS wildlife_detections_time ON wildlife_detections (t);
        CREATE TABLE IF NOT EXISTS census (source TEXT NOT NULL, mesh_code TEXT NOT NULL, year INTEGER NOT NULL,
            population INTEGER, households INTEGER, secrecy TEXT NOT NULL, merged_into TEXT, merged_from TEXT,
            PRIMARY KEY (year, mesh_code));
        CREATE INDEX IF NOT EXISTS census_source ON census (source);
        CREATE TABLE IF NOT EXISTS gtfs_stops (stop_id TEXT PRIMARY KEY, name TEXT NOT NULL, lon REAL, lat REAL,
            location_type INTEGER NOT NULL, parent_station TEXT, position INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gtfs_routes (route_id TEXT PRIMARY KEY, agency_id TEXT, short_name TEXT, long_name TEXT,
            route_type INTEGER NOT NULL, color TEXT, position INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gtfs_trips (trip_id TEXT PRIMARY KEY, route_id TEXT NOT NULL, service_id TEXT NOT NULL,
            shape_id TEXT, direction_id INTEGER, headsign TEXT, position INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gtfs_stop_times (trip_id TEXT NOT NULL, stop_sequence INTEGER NOT NULL,
            stop_id TEXT NOT NULL, arrival INTEGER, departure INTEGER, position INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS gtfs_stop_times_trip ON gtfs_stop_times (trip_id, stop_sequence);
        CREATE TABLE IF NOT EXISTS gtfs_shapes (shape_id TEXT NOT NULL, seq INTEGER NOT NULL, lon REAL NOT NULL,
            lat REAL NOT NULL, dist REAL, position INTEGER NOT NULL, PRIMARY KEY (shape_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS gtfs_calendar (service_id TEXT NOT NULL, weekdays TEXT NOT NULL,
            start_date INTEGER NOT NULL, end_date INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gtfs_calendar_dates (service_id TEXT NOT NULL, date INTEGER NOT NULL,
            exception INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS bus_boardings (t REAL NOT NULL, route_id TEXT NOT NULL, stop_id TEXT NOT NULL,
            event TEXT NOT NULL, rider_type TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS bus_boardings_time ON bus_boardings (t);
        CREATE TABLE IF NOT EXISTS basemap_features (kind TEXT NOT NULL, position INTEGER NOT NULL, feature_id TEXT,
            geometry TEXT NOT NULL, properties TEXT NOT NULL, min_lon REAL NOT NULL, min_lat REAL NOT NULL,
            max_lon REAL NOT NULL, max_lat REAL NOT NULL, PRIMARY KEY (kind, position)) WITHOUT ROWID;
        """

    /// The statements that remove everything one source stored (bound to its id).
    static func clearStatements(for kind: SourceKind) -> [String] {
        switch kind {
        case .childGPS: ["DELETE FROM gps_grid", "DELETE FROM gps_windows", "DELETE FROM gps_cells"]
        case .riverSensors: ["DELETE FROM river_sensors"]
        case .riverLevels: ["DELETE FROM river_levels"]
        case .rainfall: ["DELETE FROM rainfall"]
        case .wildlifeCameras: ["DELETE FROM wildlife_cameras"]
        case .wildlifeDetections: ["DELETE FROM wildlife_detections"]
        case .census: ["DELETE FROM census WHERE source = ?1"]
        case .gtfs:
            [
                "DELETE FROM gtfs_stops", "DELETE FROM gtfs_routes", "DELETE FROM gtfs_trips",
                "DELETE FROM gtfs_stop_times",
                "DELETE FROM gtfs_shapes", "DELETE FROM gtfs_calendar", "DELETE FROM gtfs_calendar_dates",
            ]
        case .busBoardings: ["DELETE FROM bus_boardings"]
        case .boundary, .roads, .rivers, .schools: ["DELETE FROM basemap_features WHERE kind = '\(kind.rawValue)'"]
        }
    }

    /// Deletes everything the source `id` of `kind` stored.
    static func clear(_ kind: SourceKind, id: String, in db: SQLiteDatabase) throws {
        for statement in clearStatements(for: kind) {
            if statement.contains("?1") { try db.run(statement, id) } else { try db.execute(statement) }
        }
    }

    /// Opens (creating if needed) the hub at `path` in WAL mode with the current schema.
    ///
    /// WAL keeps readers (a running server) working during an ingest, and with
    /// `synchronous=NORMAL` a killed process loses at most the transaction in flight:
    /// the previous contents stay intact.
    static func open(path: String) throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: path, mode: .create)
        try db.execute(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;")
        let stored: Int? =
            try db.tableExists("hub_meta")
            ? try db.scalar("SELECT value FROM hub_meta WHERE key = 'schema_version'")?.string.flatMap { Int($0) } : nil
        if let stored, stored != version {
            try db.transaction {
                for table in tables { try db.execute("DROP TABLE IF EXISTS \(table)") }
            }
        }
        try db.transaction {
            try db.execute(sql)
            try db.run("INSERT OR REPLACE INTO hub_meta (key, value) VALUES ('schema_version', ?)", String(version))
        }
        return db
    }
}

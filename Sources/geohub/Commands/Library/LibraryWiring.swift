/// Where the commands get the library from: the one place that names the concrete
/// Layers/TileRenderer implementation of ``GeohubLibrary``.
enum LibraryWiring {
    static func library() throws -> any GeohubLibrary {
        HubLibrary()
    }

    /// The message printed by a geohub built without its data library. Kept for the
    /// binary tests, which skip rather than fail on such a build.
    static let notWiredMessage =
        "this geohub was built without its data library (Layers/TileRenderer are not wired into the CLI yet)"
}

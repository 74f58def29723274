/// Where the commands get the library from: the one place that names the concrete
/// Layers/TileRenderer implementation of ``GeohubLibrary``.
///
/// The data side (hub, layer builders, renderer, stores) is not merged yet, so there
/// is no implementation to return: every command that needs data fails with exit
/// status 1 and says so. Wiring is replacing the body with the real implementation,
/// e.g. `return HubLibrary()`.
enum LibraryWiring {
    static func library() throws -> any GeohubLibrary {
        throw RuntimeError(Self.notWiredMessage)
    }

    /// The message printed while the library is not wired (tests look for it).
    static let notWiredMessage =
        "this geohub was built without its data library (Layers/TileRenderer are not wired into the CLI yet)"
}

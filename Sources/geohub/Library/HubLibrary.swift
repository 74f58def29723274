import Foundation
import GeoCore
import Layers

/// The real ``GeohubLibrary``: the hub (Layers), the layer builders and the renderer
/// (TileRenderer) behind the five commands.
///
/// Each command's work lives in its own file: `HubLibrary+Build.swift`,
/// `HubLibrary+Export.swift`, `HubLibrary+Route.swift`, `HubLibrary+Inspect.swift`;
/// `geohub serve` opens a ``HubMapService``. The library keeps no state between calls.
struct HubLibrary: GeohubLibrary {
    func serverSettings(project: URL) throws -> ServerSettings {
        try ProjectIngest.load(project).server
    }

    func openMapService(project: URL, progress: @escaping ProgressHandler) throws -> any MapService {
        try HubMapService(folder: project, progress: progress)
    }
}

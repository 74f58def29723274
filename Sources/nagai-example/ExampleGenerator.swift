import Foundation

/// Generates the whole reference project: basemap, data files, project file and READMEs.
struct ExampleGenerator {
    let options: GeneratorOptions

    /// Runs every writer; returns the files written (relative paths) and their total size.
    func run() throws(GeneratorError) -> (files: Int, bytes: Int) {
        let project = OutputFolder(url: options.out)
        let basemapFolder = OutputFolder(url: options.basemap)
        let rivers = RiverSystem()
        let roads = try RoadNetwork.build(rivers: rivers)

        try BasemapWriter(roads: roads, rivers: rivers).write(to: basemapFolder)
        try ChildGPSWriter(roads: roads, scale: options.scale).write(to: project)
        try RiverDataWriter(rivers: rivers, scale: options.scale).write(to: project)
        try WildlifeWriter(scale: options.scale).write(to: project)
        let census = try CensusModel()
        try project.write(census.csv(), to: "data/census_mesh.csv")
        try project.write(EStatMeshFile(census: census).data(), to: "data/\(EStatMeshFile.fileName)")
        let bus = try BusNetwork(roads: roads)
        try project.write(GTFSWriter(bus: bus, roads: roads).data(), to: "data/gtfs.zip")
        try BoardingsWriter(bus: bus, scale: options.scale).write(to: project)
        try project.write(ProjectFileWriter.text(basemap: options.basemapRelativeToOut), to: "geohub.json")
        try project.write(ExampleReadme.text(scale: options.scale), to: "README.md")

        var files = 0
        var bytes = 0
        for folder in [options.out, options.basemap] {
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
            while let url = enumerator?.nextObject() as? URL {
                if let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize {
                    files += 1
                    bytes += size
                }
            }
        }
        return (files, bytes)
    }
}

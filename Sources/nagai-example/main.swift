import Foundation

// nagai-example: writes the Nagai reference project (examples/nagai) and basemap/ reproducibly.
do {
    let options = try GeneratorOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.help {
        print(GeneratorOptions.usage)
    } else {
        let (files, bytes) = try ExampleGenerator(options: options).run()
        print(
            "nagai-example: wrote \(files) files (\(bytes / 1024) KiB) to \(options.out.path) and \(options.basemap.path)"
        )
    }
} catch {
    FileHandle.standardError.write(Data("nagai-example: \(error)\n".utf8))
    exit(error.isUsage ? 2 : 1)
}

import Foundation

// The release-mode drivers behind `make bench`. Each benchmark lives in its own file
// (`JoinBenchmark.swift`, `TilesBenchmark.swift`, `HeatmapBenchmark.swift`) and is run by
// Benchmarks/run, which also runs the peer named in its issue on the same data and
// prints the final `RESULT name=… geohub=… peer=… unit=… ratio=…` line.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
    FileHandle.standardError.write(Data("usage: geohub-bench join|tiles|heatmap ARGS…\n".utf8))
    exit(2)
}
do {
    switch name {
    case "join": try JoinBenchmark.run(Array(arguments.dropFirst()))
    case "tiles": try TilesBenchmark.run(Array(arguments.dropFirst()))
    case "heatmap": try HeatmapBenchmark.run(Array(arguments.dropFirst()))
    default:
        FileHandle.standardError.write(Data("geohub-bench: unknown benchmark \(name)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("geohub-bench \(name): \(error)\n".utf8))
    exit(1)
}

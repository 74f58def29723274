import Foundation

/// Command-line options of `nagai-example`.
struct GeneratorOptions {
    /// The project folder to write (geohub.json + data/).
    var out: URL
    /// The basemap folder to write (boundary, roads, rivers, schools).
    var basemap: URL
    /// Multiplies the synthetic volumes (children, days of readings, detections, weeks of taps).
    var scale: Int
    var help: Bool

    static let usage = """
        USAGE: nagai-example [--out DIR] [--basemap DIR] [--scale N]

        Writes the Nagai reference project, reproducibly (same files, byte for byte, on every run).
          --out DIR      project folder (default: examples/nagai)
          --basemap DIR  basemap folder (default: basemap, or DIR/basemap when --out is given)
          --scale N      N× the synthetic volumes, for benchmarks (default 1); needs --out
          --help         show this text
        """

    static func parse(_ arguments: [String]) throws(GeneratorError) -> GeneratorOptions {
        var out: String?
        var basemap: String?
        var scale = 1
        var help = false
        var index = 0
        func value(_ name: String) throws(GeneratorError) -> String {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                throw GeneratorError("\(name) needs a value\n\n\(usage)", usage: true)
            }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--out": out = try value("--out")
            case "--basemap": basemap = try value("--basemap")
            case "--scale":
                let text = try value("--scale")
                guard let n = Int(text), n >= 1, n <= 1000 else {
                    throw GeneratorError("--scale takes a whole number from 1 to 1000, not \(text)", usage: true)
                }
                scale = n
            case "--help", "-h": help = true
            default: throw GeneratorError("unknown argument \(arguments[index])\n\n\(usage)", usage: true)
            }
            index += 1
        }
        if scale != 1 && out == nil {
            throw GeneratorError(
                "--scale writes a benchmark copy: give it a folder with --out (the committed example stays at scale 1)",
                usage: true)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let outURL = URL(fileURLWithPath: out ?? "examples/nagai", relativeTo: cwd).standardizedFileURL
        let basemapURL =
            basemap.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
            ?? (out == nil ? cwd.appendingPathComponent("basemap") : outURL.appendingPathComponent("basemap"))
        return GeneratorOptions(out: outURL, basemap: basemapURL.standardizedFileURL, scale: scale, help: help)
    }

    /// `basemap` relative to `out`, with `/` separators (e.g. `../../basemap`).
    var basemapRelativeToOut: String {
        let from = out.pathComponents
        let to = basemap.pathComponents
        var common = 0
        while common < from.count && common < to.count && from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

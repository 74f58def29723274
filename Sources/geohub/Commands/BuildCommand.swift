import Foundation

/// `geohub build PROJECT`: ingest the sources into `PROJECT/hub.sqlite`, build the
/// layers and print a summary.
struct BuildCommand: Command {
    static let configuration = CommandConfiguration(
        name: "build",
        abstract: "Ingest a project's sources into PROJECT/hub.sqlite and build its layers.",
        discussion: """
            Every rejected input row is printed as file:line: reason and counted in the summary. \
            A missing source leaves its layer out. With --strict any rejected row makes the exit status 3.
            """)

    @Argument(help: "The project folder (the one with geohub.json).", valueName: "PROJECT")
    var project: ProjectFolder
    @Flag(name: "strict", help: "Exit with status 3 when any input row is rejected.")
    var strict: Bool
    @Flag(name: "quiet", help: "Print only rejected rows and errors, no progress or summary.")
    var quiet: Bool

    func run() throws {
        let reporter = ProgressReporter.standardError(quiet: quiet)
        let started = DispatchTime.now()
        let summary = try LibraryWiring.library().build(
            BuildRequest(project: project.url, strict: strict), progress: reporter.handler)
        for line in summary.rejections { reporter.warn(line) }
        if !quiet { for line in summary.notes { reporter.warn(line) } }
        let layers = summary.layers.keys.map(\.rawValue).sorted()
        reporter.finish(
            "built \(layers.count) layer\(layers.count == 1 ? "" : "s") (\(layers.joined(separator: ", "))) "
                + "from \(summary.acceptedRows) rows, \(summary.rejections.count) rejected, "
                + "into \(summary.hub.path) in \(Elapsed.since(started))")
        if strict, !summary.rejections.isEmpty { throw InputRejectedError(rejectedCount: summary.rejections.count) }
    }
}

/// Wall-clock durations for summary lines.
enum Elapsed {
    /// `0.42 s`, `12.3 s`, `2 min 5 s`.
    static func since(_ start: DispatchTime) -> String {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        return "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
    }
}

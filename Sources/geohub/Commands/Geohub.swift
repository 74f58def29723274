import Foundation

/// The `geohub` tool: dispatches to a subcommand, answers `--help` and `--version`,
/// and turns errors into the exit codes of DESIGN.md "CLI".
enum Geohub {
    /// The release version, printed by `--version` and served by `/health`.
    static let version = "0.1.0"

    static let abstract = "A geospatial data hub: build map layers from a city's data, export and serve them."

    /// Every subcommand, in the order `--help` lists them.
    static var commands: [any Command.Type] {
        [BuildCommand.self, ExportCommand.self, ServeCommand.self, RouteCommand.self, InspectCommand.self]
    }

    /// Runs the tool on `arguments` (without the program name) and returns the exit code.
    static func main(_ arguments: [String]) -> ExitCode {
        guard let first = arguments.first else {
            StandardStreams.err(rootHelp())
            return .usage
        }
        switch first {
        case "--help", "-h":
            StandardStreams.out(rootHelp())
            return .success
        case "--version":
            StandardStreams.out("geohub \(version)\n")
            return .success
        case "help":
            guard let name = arguments.dropFirst().first else {
                StandardStreams.out(rootHelp())
                return .success
            }
            guard let type = commands.first(where: { $0.configuration.name == name }) else {
                return report(unknownCommand(name))
            }
            StandardStreams.out(help(for: type))
            return .success
        default:
            guard let type = commands.first(where: { $0.configuration.name == first }) else {
                return report(unknownCommand(first))
            }
            return run(type, Array(arguments.dropFirst()))
        }
    }

    private static func run<C: Command>(_ type: C.Type, _ arguments: [String]) -> ExitCode {
        do {
            switch try CommandParser<C>(arguments: arguments).parse() {
            case .help:
                StandardStreams.out(HelpGenerator.help(for: type))
                return .success
            case .run(let command):
                try command.run()
                return .success
            }
        } catch {
            return report(error)
        }
    }

    /// Prints `error` the way its kind asks and returns its exit code.
    static func report(_ error: any Error) -> ExitCode {
        switch error {
        case let usage as UsageError:
            let command = usage.command.map { " \($0)" } ?? ""
            StandardStreams.err("geohub\(command): \(usage.message)\nRun 'geohub\(command) --help' for usage.\n")
            return .usage
        case let rejected as InputRejectedError:
            StandardStreams.err("geohub: \(rejected)\n")
            return .inputRejected
        default:
            StandardStreams.err("geohub: error: \(error)\n")
            return .failure
        }
    }

    private static func unknownCommand(_ name: String) -> UsageError {
        let names = commands.map { $0.configuration.name }
        let suggestion = closestName(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        return UsageError("unknown command '\(name)'\(suggestion); commands: \(names.joined(separator: ", "))")
    }

    private static func help(for type: any Command.Type) -> String {
        func open<C: Command>(_ type: C.Type) -> String { HelpGenerator.help(for: type) }
        return open(type)
    }

    /// `geohub --help`.
    static func rootHelp() -> String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: geohub <command> [options]\n\nCOMMANDS:\n"
        for type in commands { text += HelpGenerator.row(type.configuration.name, type.configuration.abstract) }
        text += "\nOPTIONS:\n"
        text += HelpGenerator.row("--version", "Show the version.")
        text += HelpGenerator.row("-h, --help", "Show help information.")
        text += """

            EXIT STATUS:
              0 success, 1 runtime failure, 2 usage error, 3 input rejected under --strict.

            See 'geohub <command> --help' for a command's options.

            """
        return text
    }
}

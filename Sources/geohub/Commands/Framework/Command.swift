/// The static description of a command: its name, one-line abstract and discussion,
/// from which the usage line and `--help` are generated.
struct CommandConfiguration: Sendable {
    var name: String
    var abstract: String
    var discussion: String

    init(name: String, abstract: String, discussion: String = "") {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
    }
}

/// One `geohub` subcommand, shaped like swift-argument-parser's `ParsableCommand`:
/// options are declared as properties with `@Option`, `@Flag` and `@Argument`;
/// `validate()` checks what the types alone cannot and throws ``UsageError``;
/// `run()` calls the library. `--help` is generated from the same declarations.
protocol Command {
    static var configuration: CommandConfiguration { get }
    /// A command with every declaration at its default, ready for the parser to fill.
    init()
    /// Checks combinations of options after parsing; throws ``UsageError`` (exit 2).
    mutating func validate() throws
    /// Does the work. Throws ``RuntimeError`` (exit 1), ``InputRejectedError`` (exit 3)
    /// or any library error (exit 1).
    func run() throws
}

extension Command {
    mutating func validate() throws {}
}

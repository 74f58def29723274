/// What a declared option, flag or positional argument looks like to the parser and
/// to the help generator. Built by the property wrappers; never by hand.
struct ArgumentDeclaration: Sendable {
    enum Kind: Sendable, Equatable {
        /// `--name VALUE` or `--name=VALUE`.
        case option
        /// `--name`, no value.
        case flag
        /// A bare value, matched by position.
        case positional
    }

    var kind: Kind
    /// The long name without dashes (`"zoom"`), or the value name for positionals.
    var name: String
    var help: String
    /// How the value is shown in help (`"Z1-Z2"`, `"DIR"`).
    var valueName: String
    var isRequired: Bool
    /// Whether the option may be given more than once (and comma-separated).
    var isRepeatable: Bool
    /// The default shown in help, if any.
    var defaultDescription: String?

    /// `--zoom` for options and flags, `PROJECT` for positionals.
    var displayName: String { kind == .positional ? valueName : "--\(name)" }
}

/// The parser's view of one declared property: it records the raw strings given on
/// the command line and converts them to the property's type when parsing ends.
///
/// Slots are classes so that a command struct and the copy the parser reflects on
/// share them. A command is built, parsed and run on the main thread only.
class ArgumentSlot {
    let declaration: ArgumentDeclaration
    private(set) var rawValues: [String] = []

    init(_ declaration: ArgumentDeclaration) { self.declaration = declaration }

    func record(_ raw: String) { rawValues.append(raw) }

    /// Converts the recorded values; throws ``UsageError`` for a bad or missing value.
    func finish() throws {}
}

/// A slot with a typed value: the default until the parser converts what was given.
final class TypedArgumentSlot<Value>: ArgumentSlot {
    private(set) var value: Value
    private let convert: ([String]) throws -> Value

    init(_ declaration: ArgumentDeclaration, default value: Value, convert: @escaping ([String]) throws -> Value) {
        self.value = value
        self.convert = convert
        super.init(declaration)
    }

    override func finish() throws {
        if rawValues.isEmpty {
            if declaration.isRequired {
                let help = declaration.help.prefix(1).lowercased() + declaration.help.dropFirst()
                throw UsageError(
                    declaration.kind == .positional
                        ? "missing \(declaration.valueName), \(help)"
                        : "missing \(declaration.displayName) \(declaration.valueName), \(help)")
            }
            return
        }
        if !declaration.isRepeatable, rawValues.count > 1 {
            throw UsageError("\(declaration.displayName) was given \(rawValues.count) times; give it once")
        }
        value = try convert(rawValues)
    }
}

/// Something a command declares with a property wrapper; the parser finds these by
/// reflection (`Mirror`), in declaration order.
protocol DeclaredArgument {
    var slot: ArgumentSlot { get }
}

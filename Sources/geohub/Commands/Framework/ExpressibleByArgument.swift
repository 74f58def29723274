/// A type that can be read from one command-line value.
///
/// Conformers throw ``UsageError`` with a message that says what was expected, what
/// was given and, where it helps, what to do (`--zoom: expected Z or Z1-Z2 with
/// 0 ≤ Z ≤ 22, got '18-12'`).
protocol ExpressibleByArgument {
    /// Parses `text`, the value given to `option` (`"--zoom"`), or throws ``UsageError``.
    init(argument text: String, option: String) throws
    /// How the value is shown in help (`"Z1-Z2"`).
    static var valueName: String { get }
    /// The value as it would be written on the command line, for defaults in help.
    var argumentDescription: String { get }
}

extension String: ExpressibleByArgument {
    init(argument text: String, option: String) throws {
        guard !text.isEmpty else { throw UsageError.invalidValue(option, expected: "a non-empty value", got: text) }
        self = text
    }

    static var valueName: String { "VALUE" }
    var argumentDescription: String { self }
}

extension Int: ExpressibleByArgument {
    init(argument text: String, option: String) throws {
        guard let value = Int(text) else { throw UsageError.invalidValue(option, expected: "an integer", got: text) }
        self = value
    }

    static var valueName: String { "N" }
    var argumentDescription: String { String(self) }
}

extension Double: ExpressibleByArgument {
    init(argument text: String, option: String) throws {
        guard let value = Double(text), value.isFinite else {
            throw UsageError.invalidValue(option, expected: "a number", got: text)
        }
        self = value
    }

    static var valueName: String { "X" }
    var argumentDescription: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

/// Splits comma-separated values and drops surrounding spaces: `"tiles, geojson"`.
func splitCommaSeparated(_ raws: [String]) -> [String] {
    raws.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        .map { $0.trimmingCharacters(in: .whitespaces) }
}

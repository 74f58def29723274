/// Generates `--help` text from a command's declarations, so help cannot drift from
/// what the parser accepts.
enum HelpGenerator {
    /// The full help of one subcommand: overview, usage, arguments and options.
    static func help<C: Command>(for type: C.Type, toolName: String = "geohub") -> String {
        let configuration = C.configuration
        let declarations = C().declaredSlots.map(\.declaration)
        var text = "OVERVIEW: \(configuration.abstract)\n"
        if !configuration.discussion.isEmpty {
            text += "\n" + wrap(configuration.discussion, width: 96).joined(separator: "\n") + "\n"
        }
        text += "\nUSAGE: \(usage(for: type, toolName: toolName))\n"
        let positionals = declarations.filter { $0.kind == .positional }
        if !positionals.isEmpty {
            text += "\nARGUMENTS:\n"
            for declaration in positionals { text += row(declaration.valueName, declaration.help) }
        }
        text += "\nOPTIONS:\n"
        for declaration in declarations where declaration.kind != .positional {
            var help = declaration.help
            if let value = declaration.defaultDescription { help += " (default: \(value))" }
            text += row(label(declaration), help)
        }
        text += row("-h, --help", "Show help information.")
        return text
    }

    /// One line: `geohub export PROJECT --out DIR [--format FORMAT ...] …`.
    static func usage<C: Command>(for type: C.Type, toolName: String = "geohub") -> String {
        let declarations = C().declaredSlots.map(\.declaration)
        let words = declarations.map { declaration -> String in
            let repeats =
                declaration.isRepeatable && declaration.kind == .option && !declaration.valueName.hasSuffix("...")
            let word = label(declaration) + (repeats ? " ..." : "")
            return declaration.isRequired ? word : "[\(word)]"
        }
        return ([toolName, C.configuration.name] + words).joined(separator: " ")
    }

    private static func label(_ declaration: ArgumentDeclaration) -> String {
        switch declaration.kind {
        case .positional: declaration.valueName
        case .flag: "--\(declaration.name)"
        case .option: "--\(declaration.name) \(declaration.valueName)"
        }
    }

    /// A two-column row; long labels put their help on the next line.
    static func row(_ label: String, _ help: String, width: Int = 28) -> String {
        let indent = String(repeating: " ", count: width)
        let lines = wrap(help, width: 100 - width)
        var text = "  \(label)"
        if label.count + 2 < width - 1 {
            text += String(repeating: " ", count: width - label.count - 2) + (lines.first ?? "") + "\n"
        } else {
            text += "\n" + indent + (lines.first ?? "") + "\n"
        }
        for line in lines.dropFirst() { text += indent + line + "\n" }
        return text
    }

    /// Greedy word wrap.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

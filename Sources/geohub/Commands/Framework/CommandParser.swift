/// Turns the words after the subcommand name into a parsed, validated command.
///
/// Long options only: `--name VALUE`, `--name=VALUE`, `--flag`; `-h`/`--help`
/// anywhere asks for help; `--` ends options. A value may begin with one dash
/// (`--bbox -10,…`) but not two, so `--out --format x` reports the missing value
/// instead of writing into a folder called `--format`.
struct CommandParser<C: Command> {
    enum Outcome {
        case run(C)
        case help
    }

    let arguments: [String]

    func parse() throws -> Outcome {
        if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help }
        var command = C()
        let slots = command.declaredSlots
        let named = Dictionary(
            slots.filter { $0.declaration.kind != .positional }.map { ($0.declaration.name, $0) },
            uniquingKeysWith: { first, _ in first })
        var positionals = slots.filter { $0.declaration.kind == .positional }[...]
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if !optionsEnded, word == "--" {
                optionsEnded = true
                continue
            }
            if !optionsEnded, word.hasPrefix("-"), word.count > 1 {
                try parseOption(word, named: named, next: &index)
                continue
            }
            guard let slot = positionals.popFirst() else {
                throw usage("unexpected argument '\(word)'")
            }
            slot.record(word)
        }
        do {
            for slot in slots { try slot.finish() }
            try command.validate()
        } catch var error as UsageError {
            error.command = error.command ?? C.configuration.name
            throw error
        }
        return .run(command)
    }

    private func parseOption(_ word: String, named: [String: ArgumentSlot], next index: inout Int) throws {
        guard word.hasPrefix("--") else {
            throw usage("unknown option '\(word)'; options are long (--name), see --help")
        }
        let body = word.dropFirst(2)
        let name: String
        let inlineValue: String?
        if let equals = body.firstIndex(of: "=") {
            name = String(body[..<equals])
            inlineValue = String(body[body.index(after: equals)...])
        } else {
            name = String(body)
            inlineValue = nil
        }
        guard let slot = named[name] else {
            let suggestion = closestName(to: name, among: Array(named.keys)).map { "; did you mean --\($0)?" } ?? ""
            throw usage("unknown option '--\(name)'\(suggestion)")
        }
        switch slot.declaration.kind {
        case .flag:
            guard inlineValue == nil else { throw usage("--\(name) takes no value") }
            slot.record("")
        case .option:
            if let inlineValue {
                slot.record(inlineValue)
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                slot.record(arguments[index])
                index += 1
            } else {
                throw usage("--\(name) needs a value (\(slot.declaration.valueName)): \(slot.declaration.help)")
            }
        case .positional:
            throw usage("unknown option '--\(name)'")
        }
    }

    private func usage(_ message: String) -> UsageError {
        UsageError(message, command: C.configuration.name)
    }
}

/// The declared name nearest to a mistyped one, when it is near enough to suggest.
func closestName(to name: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
    return best
}

/// Levenshtein distance between two short strings (option names).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

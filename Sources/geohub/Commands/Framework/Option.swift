import Foundation

/// A `--name VALUE` option declared as a property, like swift-argument-parser's.
///
/// ```swift
/// @Option(name: "port", help: "TCP port; 0 picks a free one.") var port = 8080
/// @Option(name: "out", help: "Folder to write into.", valueName: "DIR") var out: String?
/// @Option(name: "format", help: "…") var formats: [ExportFormat] = [.tiles]
/// ```
/// An array option may be repeated and takes comma-separated values.
@propertyWrapper
struct Option<Value>: DeclaredArgument {
    private let typedSlot: TypedArgumentSlot<Value?>
    var slot: ArgumentSlot { typedSlot }
    /// Only nil for a required option read before parsing; a command built without
    /// parsing is never run.
    var wrappedValue: Value {
        guard let value = typedSlot.value else {
            preconditionFailure("--\(typedSlot.declaration.name) read before parsing")
        }
        return value
    }

    /// A required option (`--out DIR` of export).
    init(name: String, help: String, valueName: String? = nil) where Value: ExpressibleByArgument {
        let declaration = ArgumentDeclaration(
            kind: .option, name: name, help: help, valueName: valueName ?? Value.valueName,
            isRequired: true, isRepeatable: false, defaultDescription: nil)
        typedSlot = TypedArgumentSlot(declaration, default: nil) { raws in
            try Value(argument: raws[raws.count - 1], option: "--\(name)")
        }
    }

    /// An option with a default value.
    init(wrappedValue: Value, name: String, help: String, valueName: String? = nil) where Value: ExpressibleByArgument {
        let declaration = ArgumentDeclaration(
            kind: .option, name: name, help: help, valueName: valueName ?? Value.valueName,
            isRequired: false, isRepeatable: false, defaultDescription: wrappedValue.argumentDescription)
        typedSlot = TypedArgumentSlot(declaration, default: wrappedValue) { raws in
            try Value(argument: raws[raws.count - 1], option: "--\(name)")
        }
    }

    /// An option without a default: nil when not given.
    init<Wrapped: ExpressibleByArgument>(name: String, help: String, valueName: String? = nil)
    where Value == Wrapped? {
        let declaration = ArgumentDeclaration(
            kind: .option, name: name, help: help, valueName: valueName ?? Wrapped.valueName,
            isRequired: false, isRepeatable: false, defaultDescription: nil)
        typedSlot = TypedArgumentSlot(declaration, default: .some(nil)) { raws in
            try Wrapped(argument: raws[raws.count - 1], option: "--\(name)")
        }
    }

    /// An option that is nil when not given, whose default comes from elsewhere (the
    /// project file's settings, say); `defaultDescription` says what it is in help.
    init<Wrapped: ExpressibleByArgument>(
        name: String, help: String, valueName: String? = nil, defaultDescription: String
    ) where Value == Wrapped? {
        let declaration = ArgumentDeclaration(
            kind: .option, name: name, help: help, valueName: valueName ?? Wrapped.valueName,
            isRequired: false, isRepeatable: false, defaultDescription: defaultDescription)
        typedSlot = TypedArgumentSlot(declaration, default: .some(nil)) { raws in
            try Wrapped(argument: raws[raws.count - 1], option: "--\(name)")
        }
    }

    /// A repeatable, comma-separated option; duplicates are dropped, order is kept.
    init<Element: ExpressibleByArgument & Hashable>(
        wrappedValue: [Element], name: String, help: String, valueName: String? = nil
    ) where Value == [Element] {
        let declaration = ArgumentDeclaration(
            kind: .option, name: name, help: help, valueName: valueName ?? Element.valueName,
            isRequired: false, isRepeatable: true,
            defaultDescription: wrappedValue.isEmpty
                ? nil : wrappedValue.map(\.argumentDescription).joined(separator: ","))
        typedSlot = TypedArgumentSlot(declaration, default: wrappedValue) { raws in
            var seen = Set<Element>()
            var values: [Element] = []
            for text in splitCommaSeparated(raws) {
                let value = try Element(argument: text, option: "--\(name)")
                if seen.insert(value).inserted { values.append(value) }
            }
            return values
        }
    }
}

/// A `--name` switch declared as a `Bool` property; false unless given.
@propertyWrapper
struct Flag: DeclaredArgument {
    private let typedSlot: TypedArgumentSlot<Bool>
    var slot: ArgumentSlot { typedSlot }
    var wrappedValue: Bool { typedSlot.value }

    init(wrappedValue: Bool = false, name: String, help: String) {
        let declaration = ArgumentDeclaration(
            kind: .flag, name: name, help: help, valueName: "", isRequired: false, isRepeatable: true,
            defaultDescription: nil)
        typedSlot = TypedArgumentSlot(declaration, default: wrappedValue) { _ in true }
    }
}

/// A positional argument (`PROJECT`, `FILE`), required.
@propertyWrapper
struct Argument<Value: ExpressibleByArgument>: DeclaredArgument {
    private let typedSlot: TypedArgumentSlot<Value?>
    var slot: ArgumentSlot { typedSlot }
    /// Only read after a successful parse, where a required positional is always set;
    /// a command built without parsing is never run.
    var wrappedValue: Value {
        guard let value = typedSlot.value else {
            preconditionFailure("\(typedSlot.declaration.valueName) read before parsing")
        }
        return value
    }

    init(help: String, valueName: String) {
        let declaration = ArgumentDeclaration(
            kind: .positional, name: valueName.lowercased(), help: help, valueName: valueName,
            isRequired: true, isRepeatable: false, defaultDescription: nil)
        typedSlot = TypedArgumentSlot(declaration, default: nil) { raws in
            try Value(argument: raws[raws.count - 1], option: valueName)
        }
    }
}

extension Command {
    /// The declared arguments of this command, in declaration order.
    var declaredSlots: [ArgumentSlot] {
        Mirror(reflecting: self).children.compactMap { ($0.value as? DeclaredArgument)?.slot }
    }
}

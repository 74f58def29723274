/// A feature-table column derived from the properties of a layer's features.
struct PropertyColumn {
    enum SQLType: String {
        case integer = "INTEGER"
        case real = "REAL"
        case text = "TEXT"
    }

    let name: String
    let type: SQLType

    /// One column per property key (sorted, so the table layout is deterministic),
    /// typed by the most general value any feature holds for that key.
    static func columns(for features: [Feature]) -> [PropertyColumn] {
        var types: [String: SQLType] = [:]
        for feature in features {
            for (key, value) in feature.properties {
                let valueType: SQLType? =
                    switch value {
                    case .null: nil
                    case .int, .bool: .integer
                    case .double: .real
                    default: .text
                    }
                guard let valueType else { continue }
                types[key] = merge(types[key], valueType)
            }
        }
        // Keys that are null everywhere still get a column, so no property is lost.
        for feature in features { for key in feature.properties.keys where types[key] == nil { types[key] = .text } }
        return types.keys.sorted().compactMap { key in types[key].map { PropertyColumn(name: key, type: $0) } }
    }

    private static func merge(_ a: SQLType?, _ b: SQLType) -> SQLType {
        switch (a, b) {
        case (nil, _): b
        case (.some(.text), _), (_, .text): .text
        case (.some(.real), _), (_, .real): .real
        default: .integer
        }
    }

    /// The SQLite value of this column for `feature`.
    func value(in feature: Feature) -> SQLiteValue {
        guard let value = feature.properties[name] else { return .null }
        switch (type, value) {
        case (_, .null): return .null
        case (.integer, .bool(let b)): return .integer(b ? 1 : 0)
        case (.integer, .int(let i)): return .integer(Int64(i))
        case (.real, _): return value.doubleValue.map { .real($0) } ?? .null
        case (_, .string(let s)): return .text(s)
        default: return .text(value.jsonText())
        }
    }
}

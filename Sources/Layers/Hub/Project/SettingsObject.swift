import Foundation
import GeoCore

/// Reads one JSON object of the project file, key by key, knowing its JSON path.
///
/// Every typed accessor records the key as known, whether present or not, so that
/// ``finish()`` can reject any other key with the list of keys that are allowed.
/// Errors carry the member's full JSON path (`layers.wildlife.zoneRadius`).
final class SettingsObject {
    let path: String
    let values: [String: JSONValue]
    private(set) var known: [String] = []

    init(_ value: JSONValue, path: String) throws(ProjectError) {
        guard case .object(let object) = value else {
            throw ProjectError(path: path, reason: "expected an object, got \(value.kindDescription)")
        }
        self.path = path
        self.values = object
    }

    /// The JSON path of `key` inside this object.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value of `key`, marking the key as known; nil when absent or null.
    func value(_ key: String) -> JSONValue? {
        if !known.contains(key) { known.append(key) }
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    func error(_ key: String, _ reason: String) -> ProjectError { ProjectError(path: path(key), reason: reason) }

    /// Rejects every key no accessor asked for.
    func finish() throws(ProjectError) {
        for key in values.keys.sorted() where !known.contains(key) {
            throw ProjectError(path: path(key), reason: "unknown key (allowed here: \(known.joined(separator: ", ")))")
        }
    }

    // MARK: Typed accessors

    func string(_ key: String) throws(ProjectError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw error(key, "expected a string, got \(value.kindDescription)")
        }
        return text
    }

    func nonEmptyString(_ key: String, default fallback: String) throws(ProjectError) -> String {
        guard let text = try string(key) else { return fallback }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(key, "expected a non-empty string")
        }
        return text
    }

    func bool(_ key: String, default fallback: Bool) throws(ProjectError) -> Bool {
        guard let value = value(key) else { return fallback }
        guard case .bool(let flag) = value else {
            throw error(key, "expected true or false, got \(value.kindDescription)")
        }
        return flag
    }

    func number(_ key: String) throws(ProjectError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number.isFinite else {
            throw error(key, "expected a number, got \(value.kindDescription)")
        }
        return number
    }

    /// An integer within `range`; `expectation` words the error (`a positive integer`).
    func integer(
        _ key: String, default fallback: Int, in range: ClosedRange<Int>,
        expectation: String
    ) throws(ProjectError) -> Int {
        guard let value = value(key) else { return fallback }
        guard let number = value.intValue, range.contains(number) else {
            throw error(key, "expected \(expectation), got \(value.kindDescription)")
        }
        return number
    }

    func positiveInteger(_ key: String, default fallback: Int) throws(ProjectError) -> Int {
        try integer(key, default: fallback, in: 1...Int.max, expectation: "a positive integer")
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>, expectation: String) throws(ProjectError) -> Int? {
        guard values[key] != nil, values[key] != .null else {
            _ = value(key)
            return nil
        }
        return try integer(key, default: 0, in: range, expectation: expectation)
    }

    /// A number within `range`; `expectation` words the error.
    func number(
        _ key: String, default fallback: Double, in range: ClosedRange<Double>,
        expectation: String
    ) throws(ProjectError) -> Double {
        guard let value = value(key) else { return fallback }
        guard let number = value.doubleValue, number.isFinite, range.contains(number) else {
            throw error(key, "expected \(expectation), got \(value.kindDescription)")
        }
        return number
    }

    /// A number greater than zero (and at most `maximum`).
    func positiveNumber(
        _ key: String, default fallback: Double, maximum: Double = .greatestFiniteMagnitude,
        unit: String = ""
    ) throws(ProjectError) -> Double {
        let expectation =
            maximum < .greatestFiniteMagnitude
            ? "a positive number\(unit) of at most \(maximum.settingText)" : "a positive number\(unit)"
        guard let value = value(key) else { return fallback }
        guard let number = value.doubleValue, number.isFinite, number > 0, number <= maximum else {
            throw error(key, "expected \(expectation), got \(value.kindDescription)")
        }
        return number
    }

    func nonNegativeNumber(_ key: String, default fallback: Double, unit: String = "") throws(ProjectError) -> Double {
        try number(
            key, default: fallback, in: 0...Double.greatestFiniteMagnitude,
            expectation: "a number\(unit) of zero or more")
    }

    func fraction(_ key: String, default fallback: Double) throws(ProjectError) -> Double {
        try number(key, default: fallback, in: 0...1, expectation: "a number from 0 to 1")
    }

    func object(_ key: String) throws(ProjectError) -> SettingsObject? {
        guard let value = value(key) else { return nil }
        return try SettingsObject(value, path: path(key))
    }

    func array(_ key: String) throws(ProjectError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else {
            throw error(key, "expected an array, got \(value.kindDescription)")
        }
        return items
    }
}

extension JSONValue {
    /// How the value reads in an error message: `0`, `"5"`, `an object`.
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): d.settingText
        case .string(let s): "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension Double {
    /// `50` rather than `50.0`, for messages and docs.
    var settingText: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

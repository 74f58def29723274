/// One data record of a ``CSVReader``, valid only inside the `forEachRow` body.
///
/// Fields are views into the reader's current chunk; accessors decode what is asked
/// for, when it is asked for: numbers and timestamps are parsed from bytes, strings
/// are made only by ``string(_:)``. The type is non-copyable so a row cannot
/// outlive the chunk it points into.
///
/// Typed accessors throw an ``InputError`` such as
/// `child_gps.csv:17: lat "abc" is not a number`; thrown out of the body, it
/// rejects the row and reading goes on. Values of the reader's sensitive columns
/// never appear in these messages.
public struct CSVRow: ~Copyable {
    let base: UnsafePointer<UInt8>
    let spans: UnsafePointer<FieldSpan>
    /// The number of fields (always the header's count inside `forEachRow`).
    public let fieldCount: Int
    /// The physical line (1-based) where the record starts.
    public let line: Int
    unowned(unsafe) let context: CSVRowContext

    /// Calls `body` with the raw UTF-8 bytes of field `index` (quotes undoubled).
    public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < fieldCount else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let span = spans[index]
        let raw = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
        guard span.escaped else { return try body(raw) }
        var undoubled: [UInt8] = []
        undoubled.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            undoubled.append(raw[i])
            i += raw[i] == UInt8(ascii: "\"") && i + 1 < raw.count && raw[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return try undoubled.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the raw UTF-8 bytes of `column`'s field.
    public func withBytes<R>(_ column: CSVColumn, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBytes(at: column.index, body)
    }

    /// Field `index` as a string, exactly as written (quotes removed and undoubled).
    public func string(at index: Int) -> String {
        withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// `column`'s field as a string, exactly as written (not trimmed).
    public func string(_ column: CSVColumn) -> String { string(at: column.index) }

    /// `column`'s field trimmed of surrounding whitespace, or nil when that leaves nothing.
    public func optionalString(_ column: CSVColumn) -> String? {
        let text = withBytes(column) { String(decoding: DecimalParser.trimmed($0), as: UTF8.self) }
        return text.isEmpty ? nil : text
    }

    /// Whether `column`'s field is empty or only spaces.
    public func isEmpty(_ column: CSVColumn) -> Bool {
        withBytes(column) { DecimalParser.trimmed($0).isEmpty }
    }

    /// Whether `column`'s field (trimmed) is exactly `text`, compared without making a string.
    public func matches(_ column: CSVColumn, _ text: String) -> Bool {
        var text = text
        return withBytes(column) { field in
            let field = DecimalParser.trimmed(field)
            return text.withUTF8 { $0.elementsEqual(field) }
        }
    }

    /// `column`'s field as a number (`12`, `-3.5`, `1e-3`; surrounding spaces allowed).
    public func double(_ column: CSVColumn) throws(InputError) -> Double {
        guard let value = try optionalDouble(column) else { throw error(column, "is empty") }
        return value
    }

    /// `column`'s field as a number, or nil when it is empty.
    public func optionalDouble(_ column: CSVColumn) throws(InputError) -> Double? {
        let parsed: Double?? = withBytes(column) { bytes in
            let trimmed = DecimalParser.trimmed(bytes)
            return trimmed.isEmpty ? .some(nil) : DecimalParser.double(trimmed).map { .some($0) } ?? nil
        }
        guard let parsed else { throw invalidValue(column, "is not a number") }
        guard let value = parsed else { return nil }
        guard value.isFinite else { throw invalidValue(column, "is not a finite number") }
        return value
    }

    /// `column`'s field as an integer (`42`, `-7`; surrounding spaces allowed).
    public func int(_ column: CSVColumn) throws(InputError) -> Int {
        guard let value = try optionalInt(column) else { throw error(column, "is empty") }
        return value
    }

    /// `column`'s field as an integer, or nil when it is empty.
    public func optionalInt(_ column: CSVColumn) throws(InputError) -> Int? {
        let parsed: Int?? = withBytes(column) { bytes in
            let trimmed = DecimalParser.trimmed(bytes)
            return trimmed.isEmpty ? .some(nil) : DecimalParser.int(trimmed).map { .some($0) } ?? nil
        }
        guard let parsed else { throw invalidValue(column, "is not a whole number") }
        return parsed
    }

    /// `column`'s field as an ISO 8601 date-time in epoch seconds; a time without an
    /// offset is taken at the reader's default offset (Asia/Tokyo).
    public func timestamp(_ column: CSVColumn) throws(InputError) -> Double {
        let offset = context.options.defaultUTCOffsetSeconds
        let parsed: Double?? = withBytes(column) { bytes in
            let trimmed = DecimalParser.trimmed(bytes)
            return trimmed.isEmpty
                ? .some(nil)
                : ISO8601Timestamp.epochSeconds(bytes: trimmed, defaultOffsetSeconds: offset).map { .some($0) } ?? nil
        }
        guard let parsed else { throw invalidValue(column, "is not an ISO 8601 date-time") }
        guard let value = parsed else { throw error(column, "is empty") }
        return value
    }

    /// An error for this row: `file:line: column reason` (`reason` must not quote
    /// private values; use ``invalidValue(_:_:)`` to quote the field when allowed).
    public func error(_ column: CSVColumn?, _ reason: String) -> InputError {
        InputError(file: context.file, line: line, column: column?.name, reason: reason)
    }

    /// An error quoting the field's value unless its column is sensitive or the
    /// reader does not quote values: `species "cat" is not one of bear, boar`.
    public func invalidValue(_ column: CSVColumn, _ reason: String) -> InputError {
        let options = context.options
        guard options.quoteValuesInErrors, !options.sensitiveColumns.contains(column.name) else {
            return error(column, reason)
        }
        var value = string(column)
        if value.count > 40 { value = String(value.prefix(40)) + "…" }
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return error(column, "\"\(escaped)\" \(reason)")
    }
}

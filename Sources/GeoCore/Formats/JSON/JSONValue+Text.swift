import Foundation

extension JSONValue {
    /// Parses JSON text (RFC 8259).
    ///
    /// - Parameter source: the name used in errors (a file name, `"request body"`).
    /// - Throws: ``InputError`` `source:line: reason, found … (column c)`.
    public init(parsing data: Data, source: String = "JSON") throws(InputError) {
        let result: Result<JSONValue, InputError> = data.withUnsafeBytes { raw in
            do throws(InputError) {
                return .success(try JSONParser.parse(raw.bindMemory(to: UInt8.self), file: source))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses JSON text (RFC 8259); see ``init(parsing:source:)-(Data,_)``.
    public init(parsing text: String, source: String = "JSON") throws(InputError) {
        try self.init(parsing: Data(text.utf8), source: source)
    }

    /// Reads and parses a JSON file; errors name the file by its last path component.
    public init(contentsOf url: URL) throws(InputError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(
                file: url.lastPathComponent, reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(parsing: data, source: url.lastPathComponent)
    }

    /// JSON text with sorted keys, so equal values always give identical bytes.
    ///
    /// - Parameter indent: spaces per level for pretty output, or nil (default) for compact.
    public func jsonData(indent: Int? = nil) -> Data {
        var writer = JSONTextWriter(indent: indent)
        writer.append(self)
        return Data(writer.bytes)
    }

    /// ``jsonData(indent:)`` as a string.
    public func jsonText(indent: Int? = nil) -> String {
        var writer = JSONTextWriter(indent: indent)
        writer.append(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

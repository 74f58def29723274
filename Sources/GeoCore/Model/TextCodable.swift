/// A value that JSON holds as one string: its text form, validated when read back.
///
/// Conforming types get `Codable` from their parsing initializer and their text: a
/// decoding error carries the parser's own message (`invalid mesh code '5339x': …`) at
/// the coding path of the bad value.
public protocol TextCodable: Codable {
    associatedtype TextError: Error & CustomStringConvertible

    /// Parses and validates `text`.
    init(_ text: String) throws(TextError)

    /// The text that is written; parsing it gives the same value.
    var codingText: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codingText)
    }
}

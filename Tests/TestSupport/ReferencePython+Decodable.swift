import Foundation

extension ReferencePython {
    /// Runs `script` and decodes its JSON stdout as `T` with `JSONDecoder`.
    ///
    /// Prefer this to `json(_:packages:)` whenever doubles are compared closely:
    /// on Linux `JSONSerialization` parses `146.83749999999998` as
    /// `146.83749999999995` (a few ulps off), while `JSONDecoder` parses exactly.
    public static func decode<T: Decodable>(_ type: T.Type, _ script: String, packages: [String],
                                            input: Data = Data(), arguments: [String] = []) throws -> T {
        let out = try run(script, packages: packages, input: input, arguments: arguments)
        return try JSONDecoder().decode(T.self, from: out)
    }

    /// Runs `script`, feeding `input` encoded with `JSONEncoder` on stdin, and
    /// decodes its JSON stdout as `T` with `JSONDecoder` (both exact for doubles).
    public static func decode<Input: Encodable, T: Decodable>(_ type: T.Type, _ script: String, packages: [String],
                                                              sending input: Input) throws -> T {
        try decode(T.self, script, packages: packages, input: JSONEncoder().encode(input))
    }
}

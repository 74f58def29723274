/// Checks `Authorization: Bearer TOKEN` against the configured token in constant
/// time, so response timing does not reveal how much of a guess was right.
struct BearerAuthorization: Sendable {
    private let expected: [UInt8]?

    /// `token` nil or empty: no request is ever authorised (private layers stay closed).
    init(token: String?) {
        if let token, !token.isEmpty { expected = Array(token.utf8) } else { expected = nil }
    }

    /// Whether the header carries the configured token.
    func authorises(_ header: String?) -> Bool {
        guard let expected, let header else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return Self.constantTimeEquals(Array(parts[1].trimmingCharacters(in: .whitespaces).utf8), expected)
    }

    /// Compares every byte of `expected` whatever `given` holds; the time depends on
    /// the expected length only.
    static func constantTimeEquals(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt(given.count ^ expected.count)
        for index in expected.indices {
            let byte = index < given.count ? given[index] : ~expected[index]
            difference |= UInt(byte ^ expected[index])
        }
        return difference == 0
    }
}

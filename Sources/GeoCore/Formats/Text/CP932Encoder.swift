#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Encodes UTF-8 text as CP932 (Windows Shift_JIS) with `iconv`, refusing
/// characters CP932 cannot represent instead of replacing them silently.
final class CP932Encoder {
    private let handle: iconv_t
    private let label: String

    /// Opens the converter; `iconv_open` returns `(iconv_t)-1` on failure.
    init(label: String) throws(OutputError) {
        let handle = iconv_open("CP932", "UTF-8")
        guard handle != iconv_t(bitPattern: -1), let handle else {
            throw OutputError(path: label, reason: "this system's iconv cannot encode CP932 (Shift_JIS)")
        }
        self.handle = handle
        self.label = label
    }

    deinit { iconv_close(handle) }

    /// Appends `text` in CP932 to `output`.
    ///
    /// `iconv` returns `(size_t)-1` with `errno` E2BIG (output full: grow and go on)
    /// or EILSEQ (a character with no CP932 code: an error naming it).
    func append(_ text: String, to output: inout [UInt8]) throws(OutputError) {
        var input = Array(text.utf8)
        guard !input.isEmpty else { return }
        var scratch = [UInt8](repeating: 0, count: input.count * 2 + 8)
        var failedAt: Int?
        var producedTotal = 0
        input.withUnsafeMutableBytes { inBytes in
            guard let inBase = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = inBase
            var inLeft = inBytes.count
            scratch.withUnsafeMutableBytes { outBytes in
                guard let outBase = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
                var outPointer: UnsafeMutablePointer<CChar>? = outBase
                var outLeft = outBytes.count
                if iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    failedAt = inBytes.count - inLeft
                }
                producedTotal = outBytes.count - outLeft
            }
        }
        if let failedAt {
            // Reset the converter's shift state for the next call.
            iconv(handle, nil, nil, nil, nil)
            let character = String(decoding: input[failedAt...], as: UTF8.self).first.map(String.init) ?? "?"
            throw OutputError(path: label, reason: "\"\(character)\" cannot be written in Shift_JIS (CP932)")
        }
        output.append(contentsOf: scratch[0..<producedTotal])
    }
}

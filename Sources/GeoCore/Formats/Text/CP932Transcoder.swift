#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts CP932 (Windows Shift_JIS) bytes to UTF-8 with the C library's `iconv`.
///
/// glibc's `CP932` converter decodes the Microsoft extensions (①, Ⅲ, NEC and IBM
/// kanji) that its plain `SHIFT_JIS` converter rejects, and maps 0x5C/0x7E to `\`
/// and `~` as Windows does. Works on chunks: a character cut at a chunk's end is
/// left unconsumed for the next call. A byte that is not CP932 becomes U+FFFD.
final class CP932Transcoder {
    private let handle: iconv_t

    /// Opens the converter; `iconv_open` returns `(iconv_t)-1` on failure.
    init(file: String) throws(InputError) {
        let handle = iconv_open("UTF-8", "CP932")
        guard handle != iconv_t(bitPattern: -1), let handle else {
            throw InputError(file: file, reason: "this system's iconv cannot decode CP932 (Shift_JIS)")
        }
        self.handle = handle
    }

    deinit { iconv_close(handle) }

    /// Converts as much of `input` as fits into `output` (which must hold at least 4
    /// bytes). Returns the bytes consumed and produced. A trailing incomplete
    /// character is not consumed unless `final`, when it becomes U+FFFD.
    ///
    /// `iconv` returns `(size_t)-1` with `errno` E2BIG (output full), EINVAL
    /// (incomplete sequence at the end) or EILSEQ (invalid sequence); it advances
    /// the pointers past everything it did convert in every case.
    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, final: Bool)
        -> (consumed: Int, produced: Int)
    {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return (0, 0) }
        var inPointer = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: CChar.self))
        var outPointer = outBase.assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var outLeft = output.count
        while inLeft > 0 {
            var inOptional: UnsafeMutablePointer<CChar>? = inPointer
            var outOptional: UnsafeMutablePointer<CChar>? = outPointer
            let result = iconv(handle, &inOptional, &inLeft, &outOptional, &outLeft)
            if let inOptional { inPointer = inOptional }
            if let outOptional { outPointer = outOptional }
            if result != -1 { break }
            let code = errno
            if code == E2BIG { break }
            if code == EINVAL && !final { break }
            // EILSEQ, or EINVAL at the very end: replace one byte with U+FFFD.
            guard outLeft >= 3 else { break }
            for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
                outPointer.pointee = CChar(bitPattern: byte)
                outPointer += 1
            }
            outLeft -= 3
            inPointer += 1
            inLeft -= 1
        }
        return (input.count - inLeft, output.count - outLeft)
    }
}

/// Turns a ``ByteSource`` in UTF-8 (BOM or not) or CP932 into a stream of UTF-8
/// bytes, detecting the encoding on the fly when asked to.
///
/// Detection (``TextEncoding/automatic``) looks at the first non-ASCII bytes: valid
/// UTF-8 there means UTF-8, anything else means CP932. Pure-ASCII prefixes pass
/// through untouched while undecided, so a file whose first megabytes are ASCII and
/// whose Shift_JIS starts later is still decoded right. A UTF-8 byte-order mark is
/// dropped; a UTF-16 one is an error (geohub reads UTF-8 and Shift_JIS only).
final class UTF8Stream {
    private enum Mode { case undecided, utf8, cp932 }

    private let source: ByteSource
    private let file: String
    private var mode: Mode
    private var transcoder: CP932Transcoder?
    private let raw: UnsafeMutableRawBufferPointer
    private var rawStart = 0
    private var rawEnd = 0
    private var rawEOF = false
    private var atStart = true

    /// The encoding in use once known (nil while an automatic stream has seen only ASCII).
    var encoding: TextEncoding? {
        switch mode {
        case .undecided: nil
        case .utf8: .utf8
        case .cp932: .shiftJIS
        }
    }

    init(source: ByteSource, encoding: TextEncoding, file: String, chunkSize: Int) throws(InputError) {
        self.source = source
        self.file = file
        switch encoding {
        case .automatic: mode = .undecided
        case .utf8: mode = .utf8
        case .shiftJIS:
            mode = .cp932
            transcoder = try CP932Transcoder(file: file)
        }
        raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 16), alignment: 8)
    }

    deinit { raw.deallocate() }

    private var available: Int { rawEnd - rawStart }

    /// Moves unread raw bytes to the front and reads more after them.
    private func refill() throws(InputError) {
        guard !rawEOF else { return }
        if rawStart > 0 {
            if available > 0, let base = raw.baseAddress {
                base.copyMemory(from: base + rawStart, byteCount: available)
            }
            rawEnd = available
            rawStart = 0
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[rawEnd...]))
        if count == 0 { rawEOF = true }
        rawEnd += count
    }

    /// Writes up to `output.count` (at least 4) UTF-8 bytes; returns 0 only at the end.
    func read(into output: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            if available == 0 || (atStart && available < 3 && !rawEOF) {
                if rawEOF && available == 0 { return 0 }
                try refill()
                continue
            }
            if atStart {
                atStart = false
                try checkByteOrderMark()
                continue
            }
            switch mode {
            case .utf8:
                return copyRaw(count: min(available, output.count), into: output)
            case .cp932:
                let input = UnsafeRawBufferPointer(rebasing: raw[rawStart..<rawEnd])
                let (consumed, produced) =
                    transcoder?.convert(input, into: output, final: rawEOF) ?? (0, 0)
                rawStart += consumed
                if produced > 0 { return produced }
                if rawEOF && consumed == 0 { return 0 }
                try refill()
            case .undecided:
                let firstHigh = firstNonASCII()
                if firstHigh > rawStart {
                    return copyRaw(count: min(firstHigh - rawStart, output.count), into: output)
                }
                if firstHigh == rawEnd { continue }  // nothing available (cannot happen: available > 0)
                switch UTF8Validation.check(UnsafeRawBufferPointer(rebasing: raw[rawStart..<rawEnd])) {
                case .valid: mode = .utf8
                case .invalid: try switchToCP932()
                case .incomplete(let validPrefix):
                    if validPrefix > 0 {
                        mode = .utf8
                    } else if rawEOF || rawStart == 0 && rawEnd == raw.count {
                        try switchToCP932()
                    } else {
                        try refill()
                    }
                }
            }
        }
    }

    private func switchToCP932() throws(InputError) {
        transcoder = try CP932Transcoder(file: file)
        mode = .cp932
    }

    private func checkByteOrderMark() throws(InputError) {
        let b = raw.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self) + rawStart) }
        guard let b else { return }
        if available >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            rawStart += 3
            if mode == .undecided { mode = .utf8 }
        } else if available >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
            throw InputError(
                file: file, line: 1, reason: "is UTF-16; save it as UTF-8 (or Shift_JIS) and load it again")
        }
    }

    private func firstNonASCII() -> Int {
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return rawEnd }
        var i = rawStart
        while i < rawEnd, base[i] < 0x80 { i += 1 }
        return i
    }

    private func copyRaw(count: Int, into output: UnsafeMutableRawBufferPointer) -> Int {
        output.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[rawStart..<(rawStart + count)]))
        rawStart += count
        return count
    }
}

/// One field of the record being read: `buffer[start..<end]`, quotes removed;
/// `escaped` when the field holds doubled quotes still to be undoubled.
struct FieldSpan {
    var start: Int
    var end: Int
    var escaped: Bool
}

/// What the scanner found at the current position.
enum RecordOutcome {
    /// A record of `fieldCount` fields in `spans`, starting at physical line `line`.
    case record(fieldCount: Int, line: Int)
    /// An empty line.
    case blank
    /// A record that cannot be split into fields.
    case malformed(InputError)
    /// The end of the input.
    case end
}

private enum ScanResult {
    case record(next: Int, fieldCount: Int, extraLines: Int, problem: String?)
    case needMore
    case unterminatedQuote
}

private let quote = UInt8(ascii: "\"")
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D

extension CSVReader {
    /// Reads the next record into `spans`, refilling the chunk as needed.
    func nextRecord() throws(InputError) -> RecordOutcome {
        while true {
            if position == end {
                if atEOF { return .end }
                try refill()
                continue
            }
            if skipUntilNewline {
                try skipRestOfLine()
                continue
            }
            let first = buffer[position]
            if first == lineFeed || first == carriageReturn {
                if first == carriageReturn && position + 1 == end && !atEOF {
                    try refill()
                    continue
                }
                position += (first == carriageReturn && position + 1 < end && buffer[position + 1] == lineFeed) ? 2 : 1
                line += 1
                return .blank
            }
            switch scan() {
            case .needMore:
                if end - position >= options.maxRecordBytes {
                    let recordLine = line
                    skipUntilNewline = true
                    return .malformed(
                        InputError(
                            file: fileName, line: recordLine,
                            reason:
                                "has a record longer than \(options.maxRecordBytes) bytes (a quote that never closes?); "
                                + "reading resumes on the next line"))
                }
                try refill()
            case .unterminatedQuote:
                let recordLine = line
                position = end
                return .malformed(
                    InputError(
                        file: fileName, line: recordLine,
                        reason: "has a quoted field that never closes (is the file truncated?)"))
            case .record(let next, let fieldCount, let extraLines, let problem):
                let recordLine = line
                position = next
                line += 1 + extraLines
                if let problem { return .malformed(InputError(file: fileName, line: recordLine, reason: problem)) }
                return .record(fieldCount: fieldCount, line: recordLine)
            }
        }
    }

    /// Drops bytes up to and including the next line break (after an overlong record).
    private func skipRestOfLine() throws(InputError) {
        while position < end {
            let b = buffer[position]
            position += 1
            if b == lineFeed || b == carriageReturn {
                if b == carriageReturn {
                    if position == end && !atEOF { try refill() }
                    if position < end && buffer[position] == lineFeed { position += 1 }
                }
                line += 1
                skipUntilNewline = false
                return
            }
        }
        if atEOF { skipUntilNewline = false } else { try refill() }
    }

    /// Keeps the unread bytes, moves them to the front, grows the chunk when one
    /// record fills it, and reads more decoded bytes after them.
    func refill() throws(InputError) {
        let unread = end - position
        if position > 0 {
            if unread > 0 { buffer.update(from: buffer + position, count: unread) }
            position = 0
            end = unread
        }
        if capacity - end < max(capacity / 4, 8) {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let count = try stream.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if count == 0 { atEOF = true }
        end += count
    }

    private func ensureSpanCapacity(_ needed: Int) {
        guard needed > spanCapacity else { return }
        let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity * 2)
        grown.moveInitialize(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = grown
        spanCapacity *= 2
    }

    /// Splits the record at `position` into `spans` without moving `position`.
    ///
    /// Returns `.needMore` when the record may continue past `end` and more input
    /// can come; the caller refills and scans the record again from its start (the
    /// buffer is never modified, so rescanning is safe).
    private func scan() -> ScanResult {
        let base = buffer
        let end = self.end
        let eof = atEOF
        let delimiter = options.delimiter
        var i = position
        var count = 0
        var extraLines = 0
        var problem: String?
        while true {
            if count == spanCapacity { ensureSpanCapacity(count + 1) }
            if i < end && base[i] == quote {
                i += 1
                let contentStart = i
                var escaped = false
                var closed = false
                while i < end {
                    let b = base[i]
                    if b == quote {
                        if i + 1 < end {
                            if base[i + 1] == quote {
                                escaped = true
                                i += 2
                                continue
                            }
                        } else if !eof {
                            return .needMore
                        }
                        closed = true
                        break
                    } else if b == lineFeed {
                        extraLines += 1
                    } else if b == carriageReturn {
                        if i + 1 < end {
                            if base[i + 1] != lineFeed { extraLines += 1 }
                        } else if !eof {
                            return .needMore
                        } else {
                            extraLines += 1
                        }
                    }
                    i += 1
                }
                guard closed else { return eof ? .unterminatedQuote : .needMore }
                spans[count] = FieldSpan(start: contentStart, end: i, escaped: escaped)
                count += 1
                i += 1
                if i < end {
                    let b = base[i]
                    if b != delimiter && b != lineFeed && b != carriageReturn {
                        if problem == nil {
                            problem = "field \(count) (\(columnName(count - 1))) has text after its closing quote"
                        }
                        while i < end {
                            let c = base[i]
                            if c == delimiter || c == lineFeed || c == carriageReturn { break }
                            i += 1
                        }
                    }
                }
            } else {
                let fieldStart = i
                while i < end {
                    let b = base[i]
                    if b == delimiter || b == lineFeed || b == carriageReturn { break }
                    i += 1
                }
                spans[count] = FieldSpan(start: fieldStart, end: i, escaped: false)
                count += 1
            }
            if i >= end {
                return eof ? .record(next: end, fieldCount: count, extraLines: extraLines, problem: problem) : .needMore
            }
            let b = base[i]
            if b == delimiter {
                i += 1
                continue
            }
            if b == lineFeed {
                return .record(next: i + 1, fieldCount: count, extraLines: extraLines, problem: problem)
            }
            if i + 1 < end {
                let next = base[i + 1] == lineFeed ? i + 2 : i + 1
                return .record(next: next, fieldCount: count, extraLines: extraLines, problem: problem)
            }
            return eof ? .record(next: i + 1, fieldCount: count, extraLines: extraLines, problem: problem) : .needMore
        }
    }

    private func columnName(_ index: Int) -> String {
        index < header.count ? header[index] : "column \(index + 1)"
    }
}

/// Writes RFC 4180 CSV: a header, then records, quoting only fields that need it.
///
/// A field is quoted when it contains the delimiter, a quote, CR or LF, or starts
/// or ends with a space (so readers that trim keep it); quotes inside are doubled.
/// Output is UTF-8 (optionally with a BOM, which Excel wants to show Japanese
/// correctly) or Shift_JIS (CP932, as e-Stat and many city systems write it).
///
/// ```swift
/// let output = try ByteOutput(atomicallyWritingTo: url)
/// let csv = try CSVWriter(output: output, header: ["site_id", "timestamp", "level_m"])
/// try csv.writeRow(["s1", "2022-08-03T14:10:00+09:00", NumberText.decimal(1.52) ?? ""])
/// try output.commit()
/// ```
public final class CSVWriter {
    /// Line endings and encoding of the output.
    public struct Options: Sendable, Hashable {
        /// UTF-8 or Shift_JIS (``TextEncoding/automatic`` means UTF-8).
        public var encoding: TextEncoding = .utf8
        /// Starts a UTF-8 file with a byte-order mark.
        public var byteOrderMark: Bool = false
        /// `"\r\n"` (RFC 4180) or `"\n"`.
        public var lineEnding: String = "\r\n"
        /// The field separator (default `,`).
        public var delimiter: UInt8 = UInt8(ascii: ",")

        public init(encoding: TextEncoding = .utf8, byteOrderMark: Bool = false, lineEnding: String = "\r\n") {
            self.encoding = encoding
            self.byteOrderMark = byteOrderMark
            self.lineEnding = lineEnding
        }
    }

    private let output: ByteOutput
    private let options: Options
    private let encoder: CP932Encoder?
    private let lineEnding: [UInt8]
    private var line: [UInt8] = []
    /// The number of fields every record must have (the header's).
    public let fieldCount: Int

    /// Starts the file: the BOM when asked for, then `header`.
    public init(output: ByteOutput, header: [String], options: Options = Options()) throws(OutputError) {
        self.output = output
        self.options = options
        fieldCount = header.count
        lineEnding = Array(options.lineEnding.utf8)
        encoder = options.encoding == .shiftJIS ? try CP932Encoder(label: output.label) : nil
        if options.byteOrderMark && encoder == nil { output.write(bytes: [0xEF, 0xBB, 0xBF]) }
        try writeRow(header)
    }

    /// Writes one record of exactly ``fieldCount`` fields.
    public func writeRow(_ fields: [String]) throws(OutputError) {
        guard fields.count == fieldCount else {
            throw OutputError(
                path: output.label, reason: "a record has \(fields.count) fields, the header \(fieldCount)")
        }
        line.removeAll(keepingCapacity: true)
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(options.delimiter) }
            appendField(field)
        }
        line.append(contentsOf: lineEnding)
        if let encoder {
            var encoded: [UInt8] = []
            try encoder.append(String(decoding: line, as: UTF8.self), to: &encoded)
            output.write(bytes: encoded)
        } else {
            output.write(bytes: line)
        }
        try output.flushIfNeeded()
    }

    private func appendField(_ field: String) {
        var field = field
        field.withUTF8 { bytes in
            var needsQuotes = bytes.first == 0x20 || bytes.last == 0x20
            if !needsQuotes {
                for b in bytes where b == options.delimiter || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                    needsQuotes = true
                    break
                }
            }
            guard needsQuotes else {
                line.append(contentsOf: bytes)
                return
            }
            line.append(UInt8(ascii: "\""))
            for b in bytes {
                line.append(b)
                if b == UInt8(ascii: "\"") { line.append(b) }
            }
            line.append(UInt8(ascii: "\""))
        }
    }
}

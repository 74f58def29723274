extension CSVReader {
    /// How a ``CSVReader`` decodes, splits and reports.
    public struct Options: Sendable, Hashable {
        /// The file's encoding; ``TextEncoding/automatic`` detects UTF-8 vs Shift_JIS.
        public var encoding: TextEncoding = .automatic
        /// The field separator, an ASCII byte other than `"`, CR or LF (default `,`).
        public var delimiter: UInt8 = UInt8(ascii: ",")
        /// Bytes read per chunk; memory use is about twice this, whatever the file size.
        public var chunkSize: Int = 1 << 20
        /// The longest record accepted (a quote that never closes would otherwise
        /// swallow the rest of the file). A longer one is rejected and reading
        /// resumes on the next physical line.
        public var maxRecordBytes: Int = 16 << 20
        /// Records after the header to skip unread (e-Stat files have a second,
        /// Japanese header row).
        public var rowsToSkipAfterHeader: Int = 0
        /// Columns whose values must never appear in error messages (children's GPS:
        /// `device_id`, `timestamp`, `lat`, `lon`).
        public var sensitiveColumns: Set<String> = []
        /// Whether error messages quote the offending value (never for sensitive columns).
        public var quoteValuesInErrors: Bool = true
        /// The UTC offset of timestamps written without one (default Asia/Tokyo).
        public var defaultUTCOffsetSeconds: Int = ISO8601Timestamp.tokyoOffsetSeconds
        /// How many rejections an ``InputReport`` keeps in full.
        public var maxKeptErrors: Int = 1000

        public init(
            encoding: TextEncoding = .automatic, sensitiveColumns: Set<String> = [],
            rowsToSkipAfterHeader: Int = 0
        ) {
            self.encoding = encoding
            self.sensitiveColumns = sensitiveColumns
            self.rowsToSkipAfterHeader = rowsToSkipAfterHeader
        }
    }
}

/// A column found by name in a CSV header; use it to read fields of a ``CSVRow``.
public struct CSVColumn: Sendable, Hashable, CustomStringConvertible {
    /// 0-based position in the header.
    public let index: Int
    /// The header name as written (trimmed).
    public let name: String

    public init(index: Int, name: String) {
        self.index = index
        self.name = name
    }

    public var description: String { name }
}

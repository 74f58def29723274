import Foundation

/// A streaming RFC 4180 CSV reader for geohub's inputs.
///
/// - The first record is the header; columns are found by name in any order and
///   unknown columns are ignored (``column(_:)``, ``requireColumns(_:)``).
/// - UTF-8 with or without BOM, or Shift_JIS (CP932), detected or forced
///   (``Options/encoding``); CRLF, LF, CR or a mix; quoted fields with commas,
///   doubled quotes and line breaks.
/// - Constant memory: the file is read in ``Options/chunkSize`` chunks and a row's
///   fields are views into the chunk (``CSVRow``), with typed accessors that parse
///   numbers and timestamps from bytes without making strings.
/// - Bad rows never stop the load: a record with the wrong number of fields, broken
///   quoting, or a value the caller's body rejects (by throwing the row's
///   ``InputError``) is counted in the returned ``InputReport``, passed to
///   ``onReject`` as `file:line: reason`, and reading goes on. Line numbers are the
///   physical line where the record starts.
///
/// ```swift
/// let reader = try CSVReader(contentsOf: url, options: .init(sensitiveColumns: ["device_id", "lat", "lon"]))
/// let c = try reader.requireColumns(["device_id", "timestamp", "lat", "lon"])
/// reader.onReject = { print($0) }
/// let report = try reader.forEachRow { row in
///     let time = try row.timestamp(c[1]), lat = try row.double(c[2]), lon = try row.double(c[3])
///     …
/// }
/// ```
///
/// A reader is used by one thread and reads its input once.
public final class CSVReader {
    /// The file name used in error messages.
    public let fileName: String
    /// The header's column names, trimmed of surrounding spaces.
    public private(set) var header: [String] = []
    /// The options the reader was made with.
    public let options: Options

    let stream: UTF8Stream
    let context: CSVRowContext
    /// The current chunk: decoded UTF-8 bytes in `buffer[position..<end]`.
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var position = 0
    var end = 0
    var atEOF = false
    /// Field spans of the record being read, reused for every record.
    var spans: UnsafeMutablePointer<FieldSpan>
    var spanCapacity = 64
    /// The physical line where the next record starts.
    var line = 1
    var skipUntilNewline = false

    /// The encoding in use, once known (nil while an automatic read has seen only ASCII).
    public var detectedEncoding: TextEncoding? { stream.encoding }

    /// Called with every rejected record as ``forEachRow(_:)`` meets it (for
    /// printing `file:line: reason` as the load goes); the returned ``InputReport``
    /// has the counts and the first errors either way.
    public var onReject: ((InputError) -> Void)?

    /// Opens `url` and reads its header; `name` (default the file name) appears in errors.
    public convenience init(contentsOf url: URL, name: String? = nil, options: Options = Options()) throws(InputError) {
        let display = name ?? url.lastPathComponent
        try self.init(source: FileByteSource(path: url.path, name: display), name: display, options: options)
    }

    /// Reads CSV text already in memory.
    public convenience init(data: Data, name: String, options: Options = Options()) throws(InputError) {
        try self.init(source: MemoryByteSource([UInt8](data)), name: name, options: options)
    }

    /// Reads from `read`, which fills the buffer it is given and returns the byte
    /// count (0 at the end); for streams such as a zip member being inflated.
    public convenience init(
        name: String, options: Options = Options(),
        read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int
    ) throws(InputError) {
        try self.init(source: FunctionByteSource(name: name, read), name: name, options: options)
    }

    init(source: ByteSource, name: String, options: Options) throws(InputError) {
        guard options.delimiter < 0x80, options.delimiter != UInt8(ascii: "\""), options.delimiter != 0x0A,
            options.delimiter != 0x0D
        else {
            throw InputError(
                file: name, reason: "the CSV delimiter must be an ASCII character other than a quote or a line break")
        }
        fileName = name
        self.options = options
        let chunk = max(options.chunkSize, 16)
        stream = try UTF8Stream(source: source, encoding: options.encoding, file: name, chunkSize: chunk)
        capacity = chunk
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: spanCapacity)
        // The header is needed before anything else; the context is completed after.
        context = CSVRowContext(file: name, options: options)
        var headerNames: [String]?
        while headerNames == nil {
            switch try nextRecord() {
            case .end:
                throw InputError(file: name, line: 1, reason: "is empty; a header row is required")
            case .blank: continue
            case .malformed(let error): throw error
            case .record(let count, _):
                headerNames = (0..<count).map { index in
                    fieldString(index).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        header = headerNames ?? []
        context.header = header
        var skipped = 0
        while skipped < options.rowsToSkipAfterHeader {
            switch try nextRecord() {
            case .end: skipped = options.rowsToSkipAfterHeader
            case .blank: continue
            case .record, .malformed: skipped += 1
            }
        }
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
    }

    /// The column called `name` (exact match first, then ignoring case), or nil.
    public func column(_ name: String) -> CSVColumn? {
        if let index = header.firstIndex(of: name) { return CSVColumn(index: index, name: header[index]) }
        let lowered = name.lowercased()
        if let index = header.firstIndex(where: { $0.lowercased() == lowered }) {
            return CSVColumn(index: index, name: header[index])
        }
        return nil
    }

    /// The columns called `names`, in that order.
    ///
    /// - Throws: one ``InputError`` at line 1 naming every missing column and the
    ///   columns the header does have.
    public func requireColumns(_ names: [String]) throws(InputError) -> [CSVColumn] {
        var found: [CSVColumn] = []
        var missing: [String] = []
        for name in names {
            if let column = column(name) { found.append(column) } else { missing.append(name) }
        }
        guard missing.isEmpty else {
            let plural = missing.count == 1 ? "column" : "columns"
            throw InputError(
                file: fileName, line: 1,
                reason: "is missing the required \(plural) \(missing.joined(separator: ", ")) "
                    + "(the header has \(header.joined(separator: ", ")))")
        }
        return found
    }

    /// Calls `body` with every data record, in order, and returns what was accepted
    /// and rejected.
    ///
    /// Records the reader cannot split (wrong field count, broken quoting, a record
    /// longer than ``Options/maxRecordBytes``, an unterminated quote at the end of a
    /// truncated file) are rejected without calling `body`. When `body` throws an
    /// ``InputError`` (typically from a ``CSVRow`` accessor) the record is rejected
    /// and reading goes on; any other error stops reading and is rethrown. Every
    /// rejection is passed to ``onReject`` as it happens. Blank lines are skipped.
    ///
    /// - Throws: a read failure of the underlying file (``InputError``) or whatever
    ///   non-``InputError`` `body` throws.
    @discardableResult
    public func forEachRow(_ body: (borrowing CSVRow) throws -> Void) throws -> InputReport {
        try read(onReject: onReject ?? { _ in }, body)
    }

    /// ``forEachRow(_:)`` with the rejection handler given per call (instead of
    /// ``onReject``).
    @discardableResult
    public func forEachRow(onReject: (InputError) -> Void, _ body: (borrowing CSVRow) throws -> Void) throws
        -> InputReport
    {
        try read(onReject: onReject, body)
    }

    private func read(onReject: (InputError) -> Void, _ body: (borrowing CSVRow) throws -> Void) throws -> InputReport {
        var report = InputReport(file: fileName, maxKeptErrors: options.maxKeptErrors)
        let expected = header.count
        while true {
            switch try nextRecord() {
            case .end: return report
            case .blank: continue
            case .malformed(let error):
                report.reject(error)
                onReject(error)
            case .record(let count, let recordLine):
                if count != expected {
                    let error = InputError(
                        file: fileName, line: recordLine,
                        reason: "has \(count) fields, expected \(expected) as in the header")
                    report.reject(error)
                    onReject(error)
                    continue
                }
                let row = CSVRow(
                    base: UnsafePointer(buffer), spans: UnsafePointer(spans), fieldCount: count,
                    line: recordLine, context: context)
                do {
                    try body(row)
                    report.accept()
                } catch let error as InputError {
                    report.reject(error)
                    onReject(error)
                }
            }
        }
    }

    /// The field at `index` of the record just read, as a string (header only).
    private func fieldString(_ index: Int) -> String {
        CSVRow(
            base: UnsafePointer(buffer), spans: UnsafePointer(spans), fieldCount: index + 1, line: line,
            context: context
        ).string(at: index)
    }
}

/// What a ``CSVRow`` needs besides its bytes, shared by every row of a reader.
final class CSVRowContext {
    let file: String
    let options: Options
    var header: [String] = []

    init(file: String, options: CSVReader.Options) {
        self.file = file
        self.options = options
    }

    typealias Options = CSVReader.Options
}

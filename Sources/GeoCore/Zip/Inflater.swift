import Foundation
internal import CZlib

/// Inflates raw DEFLATE data (zip method 8) with zlib, on demand: each call fills the
/// caller's buffer with the next bytes, so a reader can stop at any limit.
///
/// Owns the compressed bytes and one `z_stream`, initialised with `inflateInit2_`
/// (Z_OK on success) for raw deflate (negative window bits: no zlib header) and
/// released with `inflateEnd`.
final class Inflater {
    private var stream = z_stream()
    private let input: [UInt8]
    private var consumed = 0
    /// Whether the end of the deflate stream has been reached.
    private(set) var finished = false

    /// Why inflation failed, in zlib's words where it gives any.
    struct Failure: Error {
        let reason: String
    }

    init(input: [UInt8]) throws(Failure) {
        self.input = input
        // inflateInit2 is a macro; inflateInit2_ is the function behind it, checking the
        // header's idea of z_stream's size against the library's.
        let rc = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw Failure(reason: "zlib inflateInit2 failed (code \(rc))") }
    }

    deinit { inflateEnd(&stream) }

    /// Fills `output` with the next inflated bytes; returns how many, 0 only at the end.
    ///
    /// The corresponding C function is `inflate` (Z_OK while making progress,
    /// Z_STREAM_END at the end of the data, Z_BUF_ERROR when no progress is possible,
    /// Z_DATA_ERROR for corrupt data with `msg` set). `next_in` is set afresh on each
    /// call, so zlib never keeps a pointer past the call.
    func inflate(into output: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        guard !finished, let outputBase = output.baseAddress, output.count > 0 else { return 0 }
        while true {
            let available = min(input.count - consumed, Int(UInt32.max))
            let (rc, used, produced) = input.withUnsafeBufferPointer { bytes -> (Int32, Int, Int) in
                stream.next_in = bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0 + consumed) }
                stream.avail_in = uInt(available)
                stream.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(min(output.count, Int(UInt32.max)))
                let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                let used = available - Int(stream.avail_in)
                let produced = min(output.count, Int(UInt32.max)) - Int(stream.avail_out)
                stream.next_in = nil
                stream.next_out = nil
                return (rc, used, produced)
            }
            consumed += used
            switch rc {
            case Z_STREAM_END:
                finished = true
                return produced
            case Z_OK:
                if produced > 0 { return produced }
            case Z_BUF_ERROR where produced > 0 || used > 0:
                if produced > 0 { return produced }
            case Z_BUF_ERROR:
                throw Failure(reason: "the compressed data ends early (truncated member?)")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw Failure(reason: "corrupt compressed data (\(message))")
            }
        }
    }
}

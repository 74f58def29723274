import Foundation
internal import CZlib

/// Inflates raw DEFLATE data (zip method 8) with zlib, handing the output over in
/// chunks so a caller can stop as soon as a limit is crossed.
///
/// Owns one `z_stream`, initialised with `inflateInit2_` (Z_OK on success) for raw
/// deflate (negative window bits: no zlib header) and released with `inflateEnd`.
final class Inflater {
    private var stream = z_stream()
    private static let chunkSize = 1 << 16

    /// Why inflation failed, in zlib's words where it gives any.
    struct Failure: Error {
        let reason: String
    }

    init() throws(Failure) {
        // inflateInit2 is a macro; inflateInit2_ is the function behind it, checking the
        // header's idea of z_stream's size against the library's.
        let rc = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw Failure(reason: "zlib inflateInit2 failed (code \(rc))") }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates all of `input`, calling `output` with each produced chunk.
    ///
    /// The corresponding C function is `inflate` (Z_OK while making progress,
    /// Z_STREAM_END at the end of the data, Z_BUF_ERROR when no progress is possible,
    /// Z_DATA_ERROR for corrupt data with `msg` set).
    func inflate(_ input: UnsafeRawBufferPointer,
                 output: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        guard let inputBase = input.baseAddress else { throw Failure(reason: "the compressed data is empty") }
        var consumed = 0
        var finished = false
        while !finished {
            if stream.avail_in == 0, consumed < input.count {
                let n = min(input.count - consumed, 1 << 30)
                stream.next_in = UnsafeMutablePointer(mutating: (inputBase + consumed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(n)
                consumed += n
            }
            let (rc, produced) = buffer.withUnsafeMutableBytes { raw -> (Int32, Int) in
                stream.next_out = raw.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(raw.count)
                let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (rc, raw.count - Int(stream.avail_out))
            }
            switch rc {
            case Z_OK:
                break
            case Z_STREAM_END:
                finished = true
            case Z_BUF_ERROR where produced > 0 || consumed < input.count:
                break
            case Z_BUF_ERROR:
                throw Failure(reason: "the compressed data ends early")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw Failure(reason: "corrupt compressed data (\(message))")
            }
            if produced > 0 {
                try buffer.withUnsafeBytes { raw in try output(UnsafeRawBufferPointer(rebasing: raw[0..<produced])) }
            }
        }
    }
}

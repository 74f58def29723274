import Foundation
internal import CZlib

/// gzip (RFC 1952) through zlib, for PMTiles' internal compression.
///
/// Output is deterministic: zlib writes a header with no file name and a zero
/// modification time unless told otherwise.
enum Gzip {
    /// `data` gzip-compressed at `level` (0…9).
    ///
    /// The corresponding C functions are `deflateInit2_` (Z_OK on success), `deflate`
    /// with Z_FINISH into a buffer of `deflateBound` bytes (Z_STREAM_END when complete)
    /// and `deflateEnd`.
    static func compress(_ data: Data, level: Int32 = 9) throws(TileStoreError) -> Data {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip wrapper instead of a zlib one.
        var status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw TileStoreError(path: "gzip", "deflateInit2 failed (\(status))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 32
        var output = Data(count: bound)
        var produced = 0
        status = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                let result = deflate(&stream, Z_FINISH)
                produced = out.count - Int(stream.avail_out)
                return result
            }
        }
        guard status == Z_STREAM_END else { throw TileStoreError(path: "gzip", "deflate did not finish (\(status))") }
        output.count = produced
        return output
    }

    /// The contents of gzip `data`.
    ///
    /// The corresponding C functions are `inflateInit2_` (Z_OK), `inflate` (Z_OK while
    /// output remains, Z_STREAM_END at the end, negative on corrupt input) and `inflateEnd`.
    static func decompress(_ data: Data) throws(TileStoreError) -> Data {
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw TileStoreError(path: "gzip", "inflateInit2 failed (\(status))") }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        status = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            var result: Int32 = Z_OK
            while result == Z_OK {
                result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let r = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                    return r
                }
            }
            return result
        }
        guard status == Z_STREAM_END else {
            throw TileStoreError(path: "gzip", "corrupt gzip data (zlib status \(status))")
        }
        return output
    }
}

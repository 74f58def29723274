/// What values really occupy on the heap (glibc malloc on 64-bit Linux), so a byte
/// budget bounds memory rather than payload.
///
/// The figures follow glibc's chunk layout and Swift's and Foundation's storage: they
/// are checked against the process's resident memory by `ResponseCacheTests`.
enum MemoryFootprint {
    /// glibc's smallest chunk, its per-chunk header and its alignment.
    static let minimumChunk = 32
    static let chunkHeader = 8
    static let alignment = 16
    /// Requests at least this large are served by `mmap` (whole pages) once
    /// `geohub serve` has fixed the threshold (``ProcessMemory/mmapThreshold``).
    static let mmapThreshold = 128 << 10
    static let pageSize = 4096

    /// Bytes malloc sets aside for a request of `size` bytes.
    static func malloc(_ size: Int) -> Int {
        if size + chunkHeader >= mmapThreshold {
            return (size + 2 * chunkHeader + pageSize - 1) / pageSize * pageSize
        }
        return max(minimumChunk, (size + chunkHeader + alignment - 1) / alignment * alignment)
    }

    /// `Data` keeps up to this many bytes inline, with no allocation of its own.
    static let inlineDataLimit = 14
    /// The heap object behind a larger `Data` (Foundation's `__DataStorage`: object
    /// header, pointer, length, capacity, offset, deallocator closure, flag), as
    /// measured: a 96-byte chunk.
    static let dataStorage = 96
    /// A native Swift string of `utf8Count` bytes beyond the 15 kept inline: a 32-byte
    /// header, the bytes and a terminating NUL.
    static func nativeString(utf8Count: Int) -> Int {
        utf8Count <= 15 ? 0 : malloc(32 + utf8Count + 1)
    }

    /// Heap bytes an entry leaves unusable beyond its own chunks, as measured (about
    /// 110–160 bytes): a render's short-lived allocations (the request, the
    /// single-flight record, the encoder's temporaries) sit between the entry's
    /// long-lived chunks, and the holes they leave are mostly too small for the next
    /// entry's tag and `Data` object.
    static let fragmentationPerEntry = 160
}

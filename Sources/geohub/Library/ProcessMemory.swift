#if canImport(Glibc)
    import Glibc
#endif

/// How `geohub serve` keeps the C allocator (glibc malloc) from holding memory the
/// server no longer uses.
///
/// Building the layers allocates and frees hundreds of megabytes of temporary arrays
/// (grids in `Double`, smoothing passes, parsed rows); by default glibc keeps much of
/// that freed memory mapped (its mmap threshold rises to the largest block freed, so
/// later large arrays come from the heap and fragment it), and each thread that
/// allocates gets an arena of its own that keeps freed memory too. A long-running
/// server pays for both in resident memory for its whole life, so it tunes malloc
/// once before any thread starts and hands freed memory back after each build.
///
/// Swift's Glibc module does not include `<malloc.h>`, so the two functions are looked
/// up by name (`dlsym`) in the process's C library; where they do not exist (another
/// libc) nothing is tuned and nothing fails.
enum ProcessMemory {
    /// Arenas malloc may create: one for the main thread and one shared by the
    /// server's threads, instead of one per thread (up to eight per core).
    static let arenas: Int32 = 2
    /// Blocks of at least this many bytes are mapped on their own and unmapped when
    /// freed (grids, canvases, build buffers), never carved from the heap.
    static let mmapThreshold: Int32 = 128 << 10

    /// `M_ARENA_MAX` and `M_MMAP_THRESHOLD` of glibc's `<malloc.h>`.
    private static let optionArenaMax: Int32 = -8
    private static let optionMmapThreshold: Int32 = -3

    private typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrimFunction = @convention(c) (Int) -> Int32

    /// Sets malloc's arena count and a fixed mmap threshold (which also stops glibc
    /// from raising the threshold and the trim threshold as large blocks are freed).
    /// Call before threads start: arenas already made stay.
    ///
    /// Wraps `mallopt` (returns 1 on success, 0 on error; an error leaves the default,
    /// which is only less frugal, so it is ignored).
    static func tuneForServing() {
        guard let mallopt = function("mallopt", as: MalloptFunction.self) else { return }
        _ = mallopt(optionArenaMax, arenas)
        _ = mallopt(optionMmapThreshold, mmapThreshold)
    }

    /// Returns the free memory of every malloc arena to the system: the top of each
    /// heap and whole free pages inside them.
    ///
    /// Wraps `malloc_trim(0)` (returns 1 if memory was released, 0 otherwise; either is fine).
    static func releaseFreeMemory() {
        guard let trim = function("malloc_trim", as: MallocTrimFunction.self) else { return }
        _ = trim(0)
    }

    /// The C function `name` of the running process (its C library), or nil.
    ///
    /// Wraps `dlopen(NULL)` (the program's global symbol scope; never closed) and `dlsym`
    /// (NULL when the symbol is absent).
    private static func function<F>(_ name: String, as type: F.Type) -> F? {
        #if canImport(Glibc)
            guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, name) else { return nil }
            return unsafeBitCast(symbol, to: type)
        #else
            return nil
        #endif
    }
}

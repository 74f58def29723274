#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension GEOSContext {
    /// The context that belongs to the calling thread, made on first use and
    /// released when the thread ends.
    ///
    /// For synchronous code on plain threads (including the bodies of
    /// `DispatchQueue.concurrentPerform`): every thread gets its own context, so
    /// callers on many threads never share one. Not available from `async` code,
    /// because a task may resume on another thread while a geometry still uses the
    /// first thread's context; there, make a context with ``init()`` and keep it in
    /// the task.
    ///
    /// Kept in a POSIX thread-specific slot (`pthread_getspecific`/`pthread_setspecific`,
    /// whose destructor releases the context when the thread exits).
    /// - Throws: ``GEOSError`` when GEOS cannot make a context.
    @available(*, noasync, message: "a task can change threads; make a GEOSContext() and keep it in the task")
    public static var current: GEOSContext {
        get throws(GEOSError) {
            guard let key = currentContextKey else { return try GEOSContext() }
            if let existing = pthread_getspecific(key) {
                return Unmanaged<GEOSContext>.fromOpaque(existing).takeUnretainedValue()
            }
            let context = try GEOSContext()
            let retained = Unmanaged.passRetained(context)
            if pthread_setspecific(key, retained.toOpaque()) != 0 {
                retained.release()
            }
            return context
        }
    }
}

/// The thread-specific slot for ``GEOSContext/current``; nil if the system refused
/// a key (then every call gets a fresh context, still never a shared one).
private let currentContextKey: pthread_key_t? = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
        guard let pointer else { return }
        Unmanaged<GEOSContext>.fromOpaque(pointer).release()
    }
    return status == 0 ? key : nil
}()

internal import CGEOS

/// One GEOS context: the C state (`GEOSContextHandle_t`) every reentrant GEOS call
/// needs, and the place GEOS's error messages arrive.
///
/// A context must only be used by one thread at a time, and every ``Geometry`` and
/// ``PreparedGeometry`` made with it keeps it alive and uses it. So a context is not
/// `Sendable`: keep it, and the geometries made with it, inside one thread or task.
/// To work on many threads, give each its own context: make one with ``init()``
/// (cheap, about a microsecond), or on a plain thread take ``current``, the
/// context that belongs to the calling thread. Pass `Shape`s (which are `Sendable`)
/// between threads, not geometries.
///
/// GEOS reports failure by return value (NULL pointer, status 0, predicate 2) and
/// sends the reason to the message handler installed here with
/// `GEOSContext_setErrorMessageHandler_r`; the `check` helpers turn both into a
/// ``GEOSError`` carrying that message. Notices (GEOS warnings) are discarded so
/// nothing reaches stderr.
///
/// The GEOS layer in brief: ``Geometry`` (made from ``Shape``, WKT, WKB, GeoJSON;
/// measures, predicates, buffers, overlays, validity), ``PreparedGeometry`` (one
/// geometry tested many times), ``SpatialIndex`` (GEOS's STRtree) and, built on
/// them, ``SpatialJoin`` for whole sets on every core.
///
/// ```swift
/// let context = try GEOSContext()
/// let zone = try Geometry(stop, context: context).buffer(300)
/// let hit = try zone.intersects(Geometry(route, context: context))
/// ```
public final class GEOSContext {
    /// The C context. Created by `GEOS_init_r` (NULL on failure), freed by `GEOS_finish_r`.
    let handle: GEOSContextHandle_t
    private let sink: MessageSink
    private var wktReader: OpaquePointer?
    private var wkbReader: OpaquePointer?
    private var geoJSONReader: OpaquePointer?
    private var geoJSONWriter: OpaquePointer?

    /// Makes a new context.
    ///
    /// Wraps `GEOS_init_r` (returns NULL when GEOS cannot allocate its context) and
    /// registers the message handlers with `GEOSContext_setErrorMessageHandler_r` and
    /// `GEOSContext_setNoticeMessageHandler_r`.
    /// - Throws: ``GEOSError`` when GEOS cannot make a context.
    public init() throws(GEOSError) {
        guard let handle = GEOS_init_r() else {
            throw GEOSError(function: "GEOS_init_r", message: "GEOS could not create a context")
        }
        self.handle = handle
        self.sink = MessageSink()
        let userdata = Unmanaged.passUnretained(sink).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userdata in
                guard let message, let userdata else { return }
                Unmanaged<MessageSink>.fromOpaque(userdata).takeUnretainedValue().message = String(cString: message)
            }, userdata)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit {
        if let wktReader { GEOSWKTReader_destroy_r(handle, wktReader) }
        if let wkbReader { GEOSWKBReader_destroy_r(handle, wkbReader) }
        if let geoJSONReader { GEOSGeoJSONReader_destroy_r(handle, geoJSONReader) }
        if let geoJSONWriter { GEOSGeoJSONWriter_destroy_r(handle, geoJSONWriter) }
        GEOS_finish_r(handle)
    }

    /// The GEOS version string, e.g. `3.11.1-CAPI-1.17.1` (wraps `GEOSversion`).
    public static var version: String { String(cString: GEOSversion()) }

    // MARK: Return conventions

    /// The error GEOS just reported for `function`, with its message (then forgotten).
    func error(_ function: String) -> GEOSError {
        let message = sink.message ?? "failed without a message from GEOS"
        sink.message = nil
        return GEOSError(function: function, message: message)
    }

    /// Unwraps a pointer result: GEOS returns NULL on error.
    @inline(__always)
    func check<T>(_ result: T?, _ function: String) throws(GEOSError) -> T {
        guard let result else { throw error(function) }
        return result
    }

    /// Checks a status result: GEOS returns 0 on error (1, or any other value, on success).
    @inline(__always)
    func check(status: Int32, _ function: String) throws(GEOSError) {
        if status == 0 { throw error(function) }
    }

    /// Checks a predicate result: GEOS returns 1 true, 0 false, 2 on error.
    @inline(__always)
    func check(predicate: CChar, _ function: String) throws(GEOSError) -> Bool {
        switch predicate {
        case 1: return true
        case 0: return false
        default: throw error(function)
        }
    }

    // MARK: Readers and writers kept for the life of the context

    /// The context's WKT reader (`GEOSWKTReader_create_r`, NULL on error).
    func wktReaderHandle() throws(GEOSError) -> OpaquePointer {
        if let wktReader { return wktReader }
        let reader = try check(GEOSWKTReader_create_r(handle), "GEOSWKTReader_create_r")
        wktReader = reader
        return reader
    }

    /// The context's WKB reader (`GEOSWKBReader_create_r`, NULL on error).
    func wkbReaderHandle() throws(GEOSError) -> OpaquePointer {
        if let wkbReader { return wkbReader }
        let reader = try check(GEOSWKBReader_create_r(handle), "GEOSWKBReader_create_r")
        wkbReader = reader
        return reader
    }

    /// The context's GeoJSON reader (`GEOSGeoJSONReader_create_r`, NULL on error).
    func geoJSONReaderHandle() throws(GEOSError) -> OpaquePointer {
        if let geoJSONReader { return geoJSONReader }
        let reader = try check(GEOSGeoJSONReader_create_r(handle), "GEOSGeoJSONReader_create_r")
        geoJSONReader = reader
        return reader
    }

    /// The context's GeoJSON writer (`GEOSGeoJSONWriter_create_r`, NULL on error).
    func geoJSONWriterHandle() throws(GEOSError) -> OpaquePointer {
        if let geoJSONWriter { return geoJSONWriter }
        let writer = try check(GEOSGeoJSONWriter_create_r(handle), "GEOSGeoJSONWriter_create_r")
        geoJSONWriter = writer
        return writer
    }

    /// Takes a C string GEOS allocated, copies it, and frees it with `GEOSFree_r`.
    func takeString(_ pointer: UnsafeMutablePointer<CChar>?, _ function: String) throws(GEOSError) -> String {
        let pointer = try check(pointer, function)
        defer { GEOSFree_r(handle, pointer) }
        return String(cString: pointer)
    }
}

/// Where the C message handler leaves GEOS's last error message for its context.
private final class MessageSink {
    var message: String?
}

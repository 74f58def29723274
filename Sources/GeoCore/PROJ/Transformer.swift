internal import CProj

/// Transforms coordinates from one ``CRS`` to another with PROJ, always in
/// lon/lat, east/north order.
///
/// A transformer owns its own `PJ_CONTEXT` and the `PJ` operation made in it, so it
/// must stay on one thread at a time (it is deliberately not `Sendable`). For work
/// spread over many threads use ``CRSTransform``, which keeps one transformer per
/// thread and per CRS pair, so no `PJ` is shared and none is created per call.
///
/// The operation is `proj_create_crs_to_crs` followed by
/// `proj_normalize_for_visualization`: without the latter EPSG:4326 would take
/// (lat, lon) and EPSG:6678 would return (north, east). Batches go through one
/// `proj_trans_generic` call over the caller's contiguous buffer, with no copy.
///
/// ```swift
/// let toPlane = try Transformer(from: .wgs84, to: CRS("EPSG:6678"))
/// let p = try toPlane.transform(Coordinate(lon: 140.04, lat: 38.107))  // (-69572.63, -209836.01)
/// ```
public final class Transformer {
    /// The CRS coordinates come from in the forward direction.
    public let source: CRS
    /// The CRS coordinates go to in the forward direction.
    public let target: CRS
    private let context: PROJContext
    private let operation: PROJObject

    /// Creates the PROJ operation from `source` to `target` in a new context.
    ///
    /// Wraps `proj_context_create`, `proj_create_crs_to_crs` and
    /// `proj_normalize_for_visualization` (each NULL on failure, the reason in
    /// PROJ's log, which becomes the error message).
    ///
    /// - Throws: ``PROJError`` when PROJ finds no operation between the two CRSs.
    public init(from source: CRS, to target: CRS) throws(PROJError) {
        self.source = source
        self.target = target
        let context = try PROJContext()
        self.context = context
        let raw = try PROJObject(
            proj_create_crs_to_crs(context.handle, source.definition, target.definition, nil),
            context: context, operation: "proj_create_crs_to_crs")
        operation = try PROJObject(
            proj_normalize_for_visualization(context.handle, raw.handle), context: context,
            operation: "proj_normalize_for_visualization")
    }

    /// Parses both CRSs (see ``CRS/init(_:)``) and creates the operation.
    ///
    /// - Throws: ``PROJError`` when either CRS is invalid or PROJ finds no operation.
    public convenience init(from source: String, to target: String) throws(PROJError) {
        try self.init(from: CRS(source), to: CRS(target))
    }

    /// Transforms one coordinate.
    ///
    /// Wraps `proj_trans_generic` over a single point (PROJ sets a failed point to
    /// `HUGE_VAL` and records an errno).
    ///
    /// - Throws: ``PROJError`` when PROJ cannot transform the point (e.g. a pole into Web Mercator).
    public func transform(_ coordinate: Coordinate, direction: TransformDirection = .forward) throws(PROJError)
        -> Coordinate
    {
        var x = coordinate.x
        var y = coordinate.y
        try transformStrided(
            x: &x, strideX: 0, y: &y, strideY: 0, count: 1, direction: direction,
            policy: .throwError)
        return Coordinate(x: x, y: y)
    }

    /// Transforms `coordinates` in place with one `proj_trans_generic` call.
    ///
    /// - Parameters:
    ///   - coordinates: the points, overwritten with their transforms.
    ///   - direction: forward (source → target) or inverse.
    ///   - policy: whether points PROJ cannot transform throw or stay non-finite.
    /// - Returns: how many points could not be transformed (0 unless `policy` is `.keepNonFinite`).
    /// - Throws: ``PROJError`` under `.throwError` when any point fails; the message
    ///   gives the count and first index, never coordinates.
    @discardableResult
    public func transform(
        _ coordinates: inout [Coordinate], direction: TransformDirection = .forward,
        policy: TransformFailurePolicy = .throwError
    ) throws(PROJError) -> Int {
        let count = coordinates.count
        let result: Result<Int, PROJError> = coordinates.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return .success(0) }
            let x = (base + CoordinateLayout.xOffset).assumingMemoryBound(to: Double.self)
            let y = (base + CoordinateLayout.yOffset).assumingMemoryBound(to: Double.self)
            return Result { () throws(PROJError) -> Int in
                try transformStrided(
                    x: x, strideX: CoordinateLayout.stride, y: y, strideY: CoordinateLayout.stride,
                    count: count, direction: direction, policy: policy)
            }
        }
        return try result.get()
    }

    /// Returns `coordinates` transformed, leaving the input untouched.
    ///
    /// - Throws: ``PROJError`` when any point cannot be transformed.
    public func transformed(_ coordinates: [Coordinate], direction: TransformDirection = .forward) throws(PROJError)
        -> [Coordinate]
    {
        var copy = coordinates
        try transform(&copy, direction: direction)
        return copy
    }

    /// Transforms parallel arrays of x (longitude/easting) and y (latitude/northing)
    /// in place with one `proj_trans_generic` call.
    ///
    /// - Returns: how many points could not be transformed (0 unless `policy` is `.keepNonFinite`).
    /// - Throws: ``PROJError`` when the arrays differ in length, or under
    ///   `.throwError` when any point fails.
    @discardableResult
    public func transform(
        xs: inout [Double], ys: inout [Double], direction: TransformDirection = .forward,
        policy: TransformFailurePolicy = .throwError
    ) throws(PROJError) -> Int {
        guard xs.count == ys.count else {
            throw PROJError(
                operation: "proj_trans_generic",
                message: "x and y arrays differ in length (\(xs.count) and \(ys.count))")
        }
        let count = xs.count
        let result: Result<Int, PROJError> = xs.withUnsafeMutableBufferPointer { xBuffer in
            ys.withUnsafeMutableBufferPointer { yBuffer in
                guard let x = xBuffer.baseAddress, let y = yBuffer.baseAddress else { return .success(0) }
                let stride = MemoryLayout<Double>.stride
                return Result { () throws(PROJError) -> Int in
                    try transformStrided(
                        x: x, strideX: stride, y: y, strideY: stride, count: count,
                        direction: direction, policy: policy)
                }
            }
        }
        return try result.get()
    }

    /// Runs `body` with the raw context and operation handles, messages cleared,
    /// for the PROJ calls in this module's extensions.
    func withOperation<R>(_ body: (OpaquePointer, OpaquePointer) -> R) throws(PROJError) -> R {
        context.clearMessages()
        proj_errno_reset(operation.handle)
        return body(context.handle, operation.handle)
    }

    /// The error for a failed call made through `withOperation`.
    func operationError(_ function: String, fallback: String) -> PROJError {
        let code = Int(proj_errno(operation.handle))
        proj_errno_reset(operation.handle)
        var error = context.error(function, fallback: fallback)
        if error.code == 0 { error.code = code }
        return error
    }

    /// The one place that calls `proj_trans_generic`.
    ///
    /// `proj_trans_generic` returns the number of points processed; a point it
    /// cannot transform is set to `HUGE_VAL` and `proj_errno` is set, so failures
    /// are counted from the output.
    @discardableResult
    private func transformStrided(
        x: UnsafeMutablePointer<Double>, strideX: Int, y: UnsafeMutablePointer<Double>,
        strideY: Int, count: Int, direction: TransformDirection,
        policy: TransformFailurePolicy
    ) throws(PROJError) -> Int {
        guard count > 0 else { return 0 }
        context.clearMessages()
        proj_errno_reset(operation.handle)
        _ = proj_trans_generic(
            operation.handle, direction.pjDirection, x, strideX, count, y, strideY, count,
            nil, 0, 0, nil, 0, 0)
        var failures = 0
        var firstFailure = -1
        let xBytes = UnsafeMutableRawPointer(x)
        let yBytes = UnsafeMutableRawPointer(y)
        for i in 0..<count {
            let xi = xBytes.load(fromByteOffset: i * strideX, as: Double.self)
            let yi = yBytes.load(fromByteOffset: i * strideY, as: Double.self)
            if !(xi.isFinite && yi.isFinite) {
                if failures == 0 { firstFailure = i }
                failures += 1
            }
        }
        let code = Int(proj_errno(operation.handle))
        proj_errno_reset(operation.handle)
        guard failures > 0, policy == .throwError else {
            context.clearMessages()
            return failures
        }
        var reason = context.takeMessages().joined(separator: "; ")
        if reason.isEmpty, code != 0, let text = proj_context_errno_string(context.handle, Int32(code)) {
            reason = String(cString: text)
        }
        let what =
            count == 1
            ? "the point could not be transformed"
            : "\(failures) of \(count) points could not be transformed (first at index \(firstFailure))"
        throw PROJError(
            operation: "proj_trans_generic",
            message: "\(source) → \(target): \(what)" + (reason.isEmpty ? "" : ": \(reason)"), code: code)
    }
}

/// Where `x` and `y` sit inside a ``Coordinate``, for strided PROJ calls.
enum CoordinateLayout {
    /// Byte offset of `x`; a stored property of a struct in this module always has one.
    static let xOffset = MemoryLayout<Coordinate>.offset(of: \Coordinate.x) ?? 0
    /// Byte offset of `y`.
    static let yOffset = MemoryLayout<Coordinate>.offset(of: \Coordinate.y) ?? MemoryLayout<Double>.stride
    /// Distance between consecutive coordinates in an array.
    static let stride = MemoryLayout<Coordinate>.stride
}

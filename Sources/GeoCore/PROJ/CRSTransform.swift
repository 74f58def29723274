/// A `Sendable` transform between two CRSs that can be used from any thread.
///
/// The value holds only the two ``CRS`` values. Each call runs on the calling
/// thread's own ``Transformer`` for this pair, made on the thread's first use and
/// kept for the thread's lifetime, so no PROJ object is shared between threads and
/// none is created per call. Creating a `CRSTransform` builds the transformer on
/// the current thread once, so a pair PROJ cannot connect fails here rather than
/// deep inside a worker.
///
/// ```swift
/// let toPlane = try CRSTransform(from: .wgs84, to: CRS("EPSG:6678"))
/// DispatchQueue.concurrentPerform(iterations: 8) { i in
///     var chunk = chunks[i]
///     try? toPlane.transform(&chunk)   // one proj_trans_generic call per chunk
/// }
/// ```
public struct CRSTransform: Sendable, Hashable, CustomStringConvertible {
    /// The CRS coordinates come from.
    public let source: CRS
    /// The CRS coordinates go to.
    public let target: CRS

    /// Validates that PROJ can transform from `source` to `target`.
    ///
    /// - Throws: ``PROJError`` with PROJ's message when it cannot.
    public init(from source: CRS, to target: CRS) throws(PROJError) {
        self.source = source
        self.target = target
        _ = try PROJThreadCache.current().transformer(from: source, to: target)
    }

    /// Parses both CRSs (see ``CRS/init(_:)``) and validates the pair.
    public init(from source: String, to target: String) throws(PROJError) {
        try self.init(from: CRS(source), to: CRS(target))
    }

    private init(unchecked source: CRS, target: CRS) {
        self.source = source
        self.target = target
    }

    /// The transform from `target` back to `source`.
    public var inverse: CRSTransform { CRSTransform(unchecked: target, target: source) }

    public var description: String { "\(source) → \(target)" }

    /// Runs `body` with this thread's ``Transformer`` for the pair.
    ///
    /// Use it for many calls in a row. The transformer belongs to the calling
    /// thread: do not keep it past `body`.
    @discardableResult
    public func withTransformer<R>(_ body: (Transformer) throws -> R) throws -> R {
        try body(PROJThreadCache.current().transformer(from: source, to: target))
    }

    /// Transforms one coordinate (see ``Transformer/transform(_:direction:)``).
    public func transform(_ coordinate: Coordinate) throws(PROJError) -> Coordinate {
        try PROJThreadCache.current().transformer(from: source, to: target).transform(coordinate)
    }

    /// Transforms `coordinates` in place with one `proj_trans_generic` call.
    ///
    /// - Returns: how many points could not be transformed (0 unless `policy` is `.keepNonFinite`).
    @discardableResult
    public func transform(_ coordinates: inout [Coordinate], policy: TransformFailurePolicy = .throwError)
        throws(PROJError) -> Int
    {
        try PROJThreadCache.current().transformer(from: source, to: target)
            .transform(&coordinates, policy: policy)
    }

    /// Returns `coordinates` transformed.
    public func transformed(_ coordinates: [Coordinate]) throws(PROJError) -> [Coordinate] {
        try PROJThreadCache.current().transformer(from: source, to: target).transformed(coordinates)
    }

    /// Transforms every coordinate of `shape` with one batch call.
    public func transform(_ shape: Shape) throws(PROJError) -> Shape {
        try PROJThreadCache.current().transformer(from: source, to: target).transform(shape)
    }

    /// Transforms a box, densifying its edges (see ``Transformer/transform(_:direction:densifyPoints:)``).
    public func transform(_ box: BoundingBox, densifyPoints: Int = 21) throws(PROJError) -> BoundingBox {
        try PROJThreadCache.current().transformer(from: source, to: target)
            .transform(box, densifyPoints: densifyPoints)
    }
}

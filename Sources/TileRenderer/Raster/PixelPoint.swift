/// A position in pixel space: x to the right, y down, (0, 0) the top-left corner of the
/// top-left pixel, pixel `(i, j)` covering `[i, i+1] × [j, j+1]`.
public struct PixelPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }

    @inline(__always) static func + (a: PixelPoint, b: PixelPoint) -> PixelPoint { PixelPoint(a.x + b.x, a.y + b.y) }
    @inline(__always) static func - (a: PixelPoint, b: PixelPoint) -> PixelPoint { PixelPoint(a.x - b.x, a.y - b.y) }
    @inline(__always) static func * (a: PixelPoint, k: Double) -> PixelPoint { PixelPoint(a.x * k, a.y * k) }

    /// Euclidean length of the point seen as a vector.
    var length: Double { (x * x + y * y).squareRoot() }

    /// The 2-D cross product `self × other` (z component).
    @inline(__always) func cross(_ other: PixelPoint) -> Double { x * other.y - y * other.x }
    @inline(__always) func dot(_ other: PixelPoint) -> Double { x * other.x + y * other.y }
}

/// An affine map `x' = a·x + c·y + tx`, `y' = b·x + d·y + ty`: what turns projected
/// metres into tile pixels (a scale, a flip of y and a translation).
public struct AffineTransform: Sendable, Hashable {
    public var a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double

    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.tx = tx
        self.ty = ty
    }

    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

    /// Scales by (sx, sy), then translates by (tx, ty).
    public init(scaleX sx: Double, scaleY sy: Double, translateX tx: Double = 0, translateY ty: Double = 0) {
        self.init(a: sx, b: 0, c: 0, d: sy, tx: tx, ty: ty)
    }

    @inline(__always) public func apply(_ x: Double, _ y: Double) -> PixelPoint {
        PixelPoint(a * x + c * y + tx, b * x + d * y + ty)
    }

    @inline(__always) public func apply(_ p: PixelPoint) -> PixelPoint { apply(p.x, p.y) }

    /// `self` applied after `first`.
    public func concatenating(after first: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * first.a + c * first.b, b: b * first.a + d * first.b,
            c: a * first.c + c * first.d, d: b * first.c + d * first.d,
            tx: a * first.tx + c * first.ty + tx, ty: b * first.tx + d * first.ty + ty)
    }
}

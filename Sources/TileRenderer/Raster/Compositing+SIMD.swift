/// Four pixels at a time: the same arithmetic as ``Compositing`` (bit for bit), with
/// the two channels of each half of a pixel in 16-bit lanes. SSE2, the baseline of
/// x86-64, multiplies 16-bit lanes in one instruction (`pmullw`) but has no 32-bit
/// lane multiply, so this is several times cheaper than the scalar form per pixel.
extension Compositing {
    typealias Pixels4 = SIMD4<UInt32>

    /// `pixels × factors / 255` for every channel, correctly rounded; `factors` holds each
    /// pixel's factor (0…255) in both 16-bit halves of its lane (see ``lanes(_:)``).
    @inline(__always)
    static func scale(_ pixels: Pixels4, by factors: SIMD8<UInt16>) -> Pixels4 {
        // Red and blue: each 8-bit channel sits alone in a 16-bit lane; the product and
        // the rounding stay below 2^16.
        var rb = unsafeBitCast(pixels & 0x00FF_00FF, to: SIMD8<UInt16>.self) &* factors &+ 0x80
        rb = (rb &+ (rb &>> 8)) &>> 8
        // Green and alpha, shifted down one byte, and back up.
        var ga = unsafeBitCast((pixels &>> 8) & 0x00FF_00FF, to: SIMD8<UInt16>.self) &* factors &+ 0x80
        ga = (ga &+ (ga &>> 8)) & 0xFF00
        return unsafeBitCast(rb, to: Pixels4.self) | unsafeBitCast(ga, to: Pixels4.self)
    }

    /// Factors 0…255 per pixel, in the layout ``scale(_:by:)`` takes.
    @inline(__always)
    static func lanes(_ factors: Pixels4) -> SIMD8<UInt16> {
        unsafeBitCast(factors | (factors &<< 16), to: SIMD8<UInt16>.self)
    }

    /// `source` (premultiplied) over `destination`, four pixels.
    @inline(__always)
    static func over(_ source: Pixels4, _ destination: Pixels4) -> Pixels4 {
        source &+ scale(destination, by: lanes(255 &- (source &>> 24)))
    }

    /// Composites the premultiplied `pixel` over `count` pixels at `start`.
    @inline(__always)
    static func blend(_ pixel: UInt32, over start: UnsafeMutablePointer<UInt32>, count: Int) {
        if pixel >> 24 == 255 {
            start.update(repeating: pixel, count: count)
            return
        }
        let source = Pixels4(repeating: pixel)
        let inverse = lanes(Pixels4(repeating: 255 - (pixel >> 24)))
        let raw = UnsafeMutableRawPointer(start)
        var i = 0
        while i + 4 <= count {
            let destination = raw.loadUnaligned(fromByteOffset: 4 * i, as: Pixels4.self)
            raw.storeBytes(of: source &+ scale(destination, by: inverse), toByteOffset: 4 * i, as: Pixels4.self)
            i += 4
        }
        while i < count {
            start[i] = over(pixel, start[i])
            i += 1
        }
    }
}

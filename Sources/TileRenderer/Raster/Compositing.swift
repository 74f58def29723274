/// Premultiplied-alpha arithmetic on packed RGBA pixels (Porter–Duff "source over").
///
/// Two channels are processed at once in the even and odd bytes of a `UInt32` (the
/// classic SWAR trick), with the exact-rounding division by 255 `(x + 128 + ((x + 128) >> 8)) >> 8`.
enum Compositing {
    /// `pixel × factor / 255` for all four channels, correctly rounded.
    @inline(__always)
    static func scale(_ pixel: UInt32, by factor: UInt32) -> UInt32 {
        var rb = (pixel & 0x00FF_00FF) &* factor &+ 0x0080_0080
        rb = ((rb &+ ((rb >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF
        var ag = ((pixel >> 8) & 0x00FF_00FF) &* factor &+ 0x0080_0080
        ag = (ag &+ ((ag >> 8) & 0x00FF_00FF)) & 0xFF00_FF00
        return rb | ag
    }

    /// `source` over `destination`, both premultiplied.
    @inline(__always)
    static func over(_ source: UInt32, _ destination: UInt32) -> UInt32 {
        let inverse = 255 - (source >> 24)
        return source &+ scale(destination, by: inverse)
    }

    /// `source` scaled by `coverage` (0…255) over `destination`.
    @inline(__always)
    static func over(_ source: UInt32, coverage: UInt32, _ destination: UInt32) -> UInt32 {
        over(scale(source, by: coverage), destination)
    }
}

extension Canvas {
    /// Composites `layer` over this canvas (source over, premultiplied), with its
    /// opacity multiplied by `opacity` (0…1). Both canvases must have the same size.
    ///
    /// This is how map layers stack: each layer is drawn on its own canvas, then
    /// composited in order, so a layer's opacity applies to the layer as a whole.
    public mutating func composite(_ layer: Canvas, opacity: Double = 1) {
        precondition(layer.width == width && layer.height == height, "layers of one tile share its size")
        let factor = UInt32(Color.byte(opacity))
        guard factor > 0 else { return }
        pixels.withUnsafeMutableBufferPointer { destination in
            layer.pixels.withUnsafeBufferPointer { source in
                for i in 0..<destination.count {
                    let s = source[i]
                    if s == 0 { continue }
                    let scaled = factor == 255 ? s : Compositing.scale(s, by: factor)
                    destination[i] = Compositing.over(scaled, destination[i])
                }
            }
        }
    }

    /// Composites `color` over the pixel at (x, y) with `coverage` 0…255.
    public mutating func blend(_ color: Color, x: Int, y: Int, coverage: UInt8 = 255) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        pixels[i] = Compositing.over(color.premultipliedPixel, coverage: UInt32(coverage), pixels[i])
    }
}

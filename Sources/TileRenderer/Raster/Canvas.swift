/// A raster of premultiplied RGBA pixels, the surface every symbolizer draws on.
///
/// Pixels are `UInt32`s whose bytes in memory are R, G, B, A (R in the low byte on a
/// little-endian machine), each colour channel already multiplied by alpha. Premultiplied
/// pixels composite with one multiply-add per channel and interpolate without dark
/// fringes; ``Color`` converts to and from straight alpha at the edges. Row 0 is the top.
public struct Canvas: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// `width × height` premultiplied pixels, row-major, top row first.
    public internal(set) var pixels: [UInt32]

    /// A transparent canvas.
    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "canvas sizes come from tile sizes, which are validated")
        self.width = width
        self.height = height
        pixels = [UInt32](repeating: 0, count: width * height)
    }

    /// The premultiplied pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt32 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The straight-alpha colour at column `x`, row `y`.
    public func color(x: Int, y: Int) -> Color {
        Color(premultipliedPixel: pixels[y * width + x])
    }

    /// Whether every pixel is fully transparent (such a tile is not encoded or stored).
    public var isEmpty: Bool {
        pixels.withUnsafeBufferPointer { buffer in
            // OR-reduce the alpha bytes eight pixels at a time; stops at the first ink.
            var i = 0
            let n = buffer.count
            while i + 8 <= n {
                let any =
                    (buffer[i] | buffer[i + 1] | buffer[i + 2] | buffer[i + 3] | buffer[i + 4]
                        | buffer[i + 5] | buffer[i + 6] | buffer[i + 7]) & 0xFF00_0000
                if any != 0 { return false }
                i += 8
            }
            while i < n {
                if buffer[i] & 0xFF00_0000 != 0 { return false }
                i += 1
            }
            return true
        }
    }

    /// Makes every pixel transparent, keeping the storage.
    public mutating func clear() {
        pixels.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Paints every pixel with `color` (replacing, not compositing).
    public mutating func fill(with color: Color) {
        let pixel = color.premultipliedPixel
        pixels.withUnsafeMutableBufferPointer { $0.update(repeating: pixel) }
    }

    /// The pixels as straight-alpha RGBA bytes, row-major (what PNG and Pillow expect).
    public var straightRGBA: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for (i, pixel) in pixels.enumerated() {
            let c = Color(premultipliedPixel: pixel)
            bytes[4 * i] = c.red
            bytes[4 * i + 1] = c.green
            bytes[4 * i + 2] = c.blue
            bytes[4 * i + 3] = c.alpha
        }
        return bytes
    }
}

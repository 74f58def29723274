/// An sRGB colour with straight (not premultiplied) alpha: what styles, palettes and
/// legends speak. The canvas stores premultiplied pixels; ``premultipliedPixel`` and
/// ``init(premultipliedPixel:)`` convert.
public struct Color: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    /// 0 transparent … 255 opaque.
    public var alpha: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour with a fractional opacity (clamped to 0…1, rounded to 1/255).
    public init(red: UInt8, green: UInt8, blue: UInt8, opacity: Double) {
        self.init(red: red, green: green, blue: blue, alpha: Color.byte(opacity))
    }

    public static let transparent = Color(red: 0, green: 0, blue: 0, alpha: 0)
    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 255, green: 255, blue: 255)

    /// Opacity as a fraction 0…1.
    public var opacity: Double { Double(alpha) / 255 }

    /// The same colour with its alpha multiplied by `factor` (0…1).
    public func multiplyingOpacity(by factor: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: Color.byte(Double(alpha) / 255 * factor))
    }

    /// The colour as a premultiplied pixel, bytes R, G, B, A in memory order
    /// (little-endian `UInt32`: R in the low byte), the canvas's layout.
    public var premultipliedPixel: UInt32 {
        let a = UInt32(alpha)
        let r = (UInt32(red) * a + 127) / 255
        let g = (UInt32(green) * a + 127) / 255
        let b = (UInt32(blue) * a + 127) / 255
        return r | g << 8 | b << 16 | a << 24
    }

    /// The straight colour of a premultiplied pixel (rounded; transparent stays black).
    public init(premultipliedPixel pixel: UInt32) {
        let a = pixel >> 24
        guard a > 0 else {
            self = .transparent
            return
        }
        func channel(_ shift: UInt32) -> UInt8 {
            UInt8(min(255, (((pixel >> shift) & 0xFF) * 255 + a / 2) / a))
        }
        self.init(red: channel(0), green: channel(8), blue: channel(16), alpha: UInt8(a))
    }

    /// Linear interpolation in sRGB (straight alpha), `t` clamped to 0…1.
    public func mixed(with other: Color, _ t: Double) -> Color {
        let t = min(max(t, 0), 1)
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return Color(
            red: lerp(red, other.red), green: lerp(green, other.green), blue: lerp(blue, other.blue),
            alpha: lerp(alpha, other.alpha))
    }

    static func byte(_ fraction: Double) -> UInt8 {
        guard fraction.isFinite else { return 0 }
        return UInt8((min(max(fraction, 0), 1) * 255).rounded())
    }
}

import Foundation

/// Colours written as text in styles and project files: `#rgb`, `#rrggbb`, `#rrggbbaa`,
/// `rgb(r, g, b)`, `rgba(r, g, b, a)` (a as 0…1) and a few CSS names.
extension Color: LosslessStringConvertible, Codable {
    public init?(_ text: String) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasPrefix("#") {
            guard let parsed = Color.parseHex(String(s.dropFirst())) else { return nil }
            self = parsed
        } else if s.hasPrefix("rgb") {
            guard let parsed = Color.parseFunction(s) else { return nil }
            self = parsed
        } else if let named = Color.named[s] {
            self = named
        } else {
            return nil
        }
    }

    /// `#rrggbb` for opaque colours, `#rrggbbaa` otherwise.
    public var description: String {
        let hex = [red, green, blue] + (alpha == 255 ? [] : [alpha])
        return "#"
            + hex.map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let color = Color(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a colour: \(text) (use #rrggbb, #rrggbbaa or rgba(r,g,b,a))")
        }
        self = color
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let named: [String: Color] = [
        "black": .black, "white": .white, "transparent": .transparent,
        "red": Color(red: 255, green: 0, blue: 0), "green": Color(red: 0, green: 128, blue: 0),
        "blue": Color(red: 0, green: 0, blue: 255), "gray": Color(red: 128, green: 128, blue: 128),
        "grey": Color(red: 128, green: 128, blue: 128), "yellow": Color(red: 255, green: 255, blue: 0),
        "orange": Color(red: 255, green: 165, blue: 0),
    ]

    private static func parseHex(_ digits: String) -> Color? {
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        let bytes: [UInt8]
        switch digits.count {
        case 3, 4:
            bytes = digits.compactMap { UInt8(String([$0, $0]), radix: 16) }
        case 6, 8:
            let chars = Array(digits)
            bytes = stride(from: 0, to: chars.count, by: 2).compactMap { UInt8(String(chars[$0...$0 + 1]), radix: 16) }
        default:
            return nil
        }
        guard bytes.count >= 3 else { return nil }
        return Color(red: bytes[0], green: bytes[1], blue: bytes[2], alpha: bytes.count > 3 ? bytes[3] : 255)
    }

    private static func parseFunction(_ s: String) -> Color? {
        guard let open = s.firstIndex(of: "("), s.hasSuffix(")") else { return nil }
        let name = s[..<open]
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (name == "rgb" && parts.count == 3) || (name == "rgba" && parts.count == 4) else { return nil }
        var channels: [UInt8] = []
        for part in parts.prefix(3) {
            guard let v = Double(part), v >= 0, v <= 255 else { return nil }
            channels.append(UInt8(v.rounded()))
        }
        var alpha: UInt8 = 255
        if parts.count == 4 {
            guard let a = Double(parts[3]), a >= 0, a <= 1 else { return nil }
            alpha = Color.byte(a)
        }
        return Color(red: channels[0], green: channels[1], blue: channels[2], alpha: alpha)
    }
}

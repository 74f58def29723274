/// A JIS X 0410 regional mesh code (地域メッシュコード): a first (4 digits), second
/// (6), third/1 km (8), half/500 m (9) or quarter/250 m (10) mesh cell.
///
/// Digits, from the left: `ab` latitude × 1.5, `cd` longitude − 100 (first mesh);
/// `e` row and `f` column 0–7 inside it (second); `g` row and `h` column 0–9
/// (third); then one digit 1–4 per halving (half, quarter): 1 south-west,
/// 2 south-east, 3 north-west, 4 north-east.
///
/// Validation is strict: a code of another length, with a non-digit, with second
/// mesh digits 8 or 9, with a half/quarter digit outside 1–4, or with a longitude
/// part past 79 (east of 180°) throws ``MeshCodeError``. Results match jismesh:
/// the tests compare codes, levels and corner points with it.
public struct MeshCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The level, given by the number of digits.
    public let level: MeshLevel
    /// The digits read as a decimal number.
    let value: UInt64

    /// Parses and validates a mesh code.
    ///
    /// - Throws: ``MeshCodeError`` naming the first problem found.
    public init(_ text: String) throws(MeshCodeError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw MeshCodeError(input: text, reason: "it is empty") }
        var value: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw MeshCodeError(input: text, reason: "character \(i + 1) is not a digit 0-9")
            }
            if i < 10 { value = value * 10 + UInt64(byte - UInt8(ascii: "0")) }
        }
        guard let level = MeshLevel(digitCount: bytes.count) else {
            throw MeshCodeError(
                input: text,
                reason: "it has \(bytes.count) digits; a mesh code has 4 (80 km), "
                    + "6 (10 km), 8 (1 km), 9 (500 m) or 10 (250 m)")
        }
        let digit = { (i: Int) in Int(bytes[i] - UInt8(ascii: "0")) }
        if digit(2) >= 8 {
            throw MeshCodeError(input: text, reason: "longitude digits 3-4 must be 00-79 (longitude 100-180 degrees)")
        }
        if level >= .second, digit(4) > 7 || digit(5) > 7 {
            throw MeshCodeError(input: text, reason: "second-mesh digits 5-6 must each be 0-7")
        }
        for position in [8, 9] where position < bytes.count {
            guard (1...4).contains(digit(position)) else {
                throw MeshCodeError(
                    input: text,
                    reason: "digit \(position + 1) (\(position == 8 ? "half" : "quarter")"
                        + " mesh) must be 1-4")
            }
        }
        self.init(level: level, value: value)
    }

    /// A code from already-validated parts (internal arithmetic only).
    init(level: MeshLevel, value: UInt64) {
        self.level = level
        self.value = value
    }

    /// The code as its digits, zero-padded (`"5740364411"`).
    public var description: String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, level.digitCount - digits.count)) + digits
    }

    /// The code as its digits (same as `description`).
    public var code: String { description }

    /// Orders as the digit strings do: a cell right before its children, cells of a
    /// level in code order.
    public static func < (lhs: MeshCode, rhs: MeshCode) -> Bool {
        let l = lhs.value * MeshCode.scale[lhs.level.digitCount]
        let r = rhs.value * MeshCode.scale[rhs.level.digitCount]
        return l != r ? l < r : lhs.level < rhs.level
    }

    /// `10^(10 - digits)`, to compare codes of different lengths as strings compare.
    private static let scale: [UInt64] = (0...10).map { digits in
        (0..<(10 - digits)).reduce(UInt64(1)) { product, _ in product * 10 }
    }
}

extension MeshCode: TextCodable {
    /// The digit string (never a number in JSON: codes are identifiers).
    public var codingText: String { description }
}

/// The character encoding of a text input (CSV) file.
///
/// Japanese open data (e-Stat, many municipal files) is often Shift_JIS; in practice
/// that means Microsoft's CP932 (Windows-31J), whose extensions (①, Ⅲ, NEC and IBM
/// kanji such as 髙 and 﨑) plain Shift_JIS lacks. geohub always decodes CP932.
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// UTF-8 unless the bytes are not valid UTF-8, then Shift_JIS (CP932).
    case automatic = "auto"
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// Shift_JIS as Windows writes it (CP932 / Windows-31J).
    case shiftJIS = "shift_jis"

    /// Accepts the usual spellings: `auto`, `utf-8`, `utf8`, `shift_jis`, `sjis`,
    /// `cp932`, `windows-31j`, `ms932` (any case); nil for anything else.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "auto", "automatic": self = .automatic
        case "utf-8", "utf8": self = .utf8
        case "shift-jis", "sjis", "shiftjis", "cp932", "windows-31j", "ms932", "x-sjis": self = .shiftJIS
        default: return nil
        }
    }
}

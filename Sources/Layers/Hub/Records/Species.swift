/// A wildlife species as the cameras report it.
///
/// The input contract allows English (`bear`, `boar`, `serow`, `other`) or Japanese
/// (クマ, イノシシ, カモシカ, その他); both read as the same case.
public enum Species: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Asian black bear (ツキノワグマ): the highest-weighted hazard.
    case bear
    /// Wild boar (イノシシ).
    case boar
    /// Japanese serow (カモシカ).
    case serow
    /// Anything else (その他).
    case other

    /// Reads a species as written in a detections file, or nil when it is none of the
    /// accepted spellings. English is matched ignoring case; Japanese accepts katakana,
    /// hiragana and common kanji forms (熊, 猪).
    public init?(sourceText: String) {
        let text = sourceText.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "bear", "クマ", "くま", "熊", "ツキノワグマ": self = .bear
        case "boar", "wild boar", "イノシシ", "いのしし", "猪": self = .boar
        case "serow", "カモシカ", "かもしか", "ニホンカモシカ": self = .serow
        case "other", "その他", "そのた": self = .other
        default: return nil
        }
    }

    /// The Japanese name used on the city's signs.
    public var japaneseName: String {
        switch self {
        case .bear: "クマ"
        case .boar: "イノシシ"
        case .serow: "カモシカ"
        case .other: "その他"
        }
    }

    public var description: String { rawValue }
}

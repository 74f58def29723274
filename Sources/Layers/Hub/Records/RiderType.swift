/// Who boarded a bus, from the RFID card type.
public enum RiderType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case student
    case adult
    case senior

    /// Reads a rider type as written in `bus_boardings.csv` (English, any case, or the
    /// Japanese 学生, 一般/大人, 高齢者/シニア), or nil.
    public init?(sourceText: String) {
        switch sourceText.trimmingCharacters(in: .whitespaces).lowercased() {
        case "student", "学生", "生徒", "通学": self = .student
        case "adult", "一般", "大人": self = .adult
        case "senior", "高齢者", "シニア": self = .senior
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// Whether a boarding record is someone getting on or off.
public enum BoardingEvent: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case board
    case alight

    /// Reads `board`/`alight` (any case, or 乗車/降車), or nil.
    public init?(sourceText: String) {
        switch sourceText.trimmingCharacters(in: .whitespaces).lowercased() {
        case "board", "乗車": self = .board
        case "alight", "降車": self = .alight
        default: return nil
        }
    }

    public var description: String { rawValue }
}

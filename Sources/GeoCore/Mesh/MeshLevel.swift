/// The levels of the JIS X 0410 regional mesh (地域メッシュ) geohub handles.
///
/// Raw values are jismesh's level numbers (1 first mesh … 5 quarter mesh), so
/// they can be passed to or compared with jismesh directly.
public enum MeshLevel: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// 第1次地域区画: 4 digits, 40′ latitude × 1° longitude (about 80 km).
    case first = 1
    /// 第2次地域区画: 6 digits, 5′ × 7′30″ (about 10 km).
    case second = 2
    /// 基準地域メッシュ (third mesh): 8 digits, 30″ × 45″ (about 1 km).
    case third = 3
    /// 2分の1地域メッシュ (half mesh): 9 digits, 15″ × 22.5″ (about 500 m).
    case half = 4
    /// 4分の1地域メッシュ (quarter mesh): 10 digits, 7.5″ × 11.25″ (about 250 m).
    case quarter = 5

    /// The level whose codes have `count` digits, if any.
    public init?(digitCount count: Int) {
        switch count {
        case 4: self = .first
        case 6: self = .second
        case 8: self = .third
        case 9: self = .half
        case 10: self = .quarter
        default: return nil
        }
    }

    /// Number of digits in a code of this level.
    public var digitCount: Int {
        switch self {
        case .first: 4
        case .second: 6
        case .third: 8
        case .half: 9
        case .quarter: 10
        }
    }

    /// Height of a cell in degrees of latitude, computed as jismesh does
    /// (`2/3`, then `/8`, `/10`, `/2`, `/2`) so bounds agree bit for bit.
    public var latitudeSpan: Double {
        switch self {
        case .first: MeshUnits.lat1
        case .second: MeshUnits.lat2
        case .third: MeshUnits.lat3
        case .half: MeshUnits.lat4
        case .quarter: MeshUnits.lat5
        }
    }

    /// Width of a cell in degrees of longitude (`1`, `/8`, `/10`, `/2`, `/2`).
    public var longitudeSpan: Double {
        switch self {
        case .first: MeshUnits.lon1
        case .second: MeshUnits.lon2
        case .third: MeshUnits.lon3
        case .half: MeshUnits.lon4
        case .quarter: MeshUnits.lon5
        }
    }

    /// The nominal cell size in metres (80 000, 10 000, 1 000, 500, 250).
    public var nominalMetres: Int {
        switch self {
        case .first: 80_000
        case .second: 10_000
        case .third: 1_000
        case .half: 500
        case .quarter: 250
        }
    }

    /// Cells of this level per side of one quarter-mesh-resolution grid step:
    /// how many quarter cells one cell spans (320, 40, 4, 2, 1).
    var quarterCells: Int {
        switch self {
        case .first: 320
        case .second: 40
        case .third: 4
        case .half: 2
        case .quarter: 1
        }
    }

    /// Orders from coarse (first) to fine (quarter).
    public static func < (lhs: MeshLevel, rhs: MeshLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .first: "first mesh (80 km)"
        case .second: "second mesh (10 km)"
        case .third: "third mesh (1 km)"
        case .half: "half mesh (500 m)"
        case .quarter: "quarter mesh (250 m)"
        }
    }
}

/// Cell sizes in degrees, each derived from the coarser one exactly as jismesh derives it.
enum MeshUnits {
    static let lat1 = 2.0 / 3.0
    static let lat2 = lat1 / 8
    static let lat3 = lat2 / 10
    static let lat4 = lat3 / 2
    static let lat5 = lat4 / 2
    static let lon1 = 1.0
    static let lon2 = lon1 / 8
    static let lon3 = lon2 / 10
    static let lon4 = lon3 / 2
    static let lon5 = lon4 / 2
}

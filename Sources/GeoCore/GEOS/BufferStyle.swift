internal import CGEOS

/// How ``Geometry/buffer(_:style:)`` shapes its result. The defaults match GEOS's
/// and shapely's: 8 segments per quarter circle, round caps, round joins, mitre limit 5.
public struct BufferStyle: Sendable, Hashable {
    /// How the ends of buffered lines look.
    public enum CapStyle: Sendable, Hashable {
        case round, flat, square

        /// The `GEOSBufCapStyles` value.
        var geosValue: Int32 {
            switch self {
            case .round: Int32(GEOSBUF_CAP_ROUND.rawValue)
            case .flat: Int32(GEOSBUF_CAP_FLAT.rawValue)
            case .square: Int32(GEOSBUF_CAP_SQUARE.rawValue)
            }
        }
    }

    /// How corners between buffered segments look.
    public enum JoinStyle: Sendable, Hashable {
        case round, mitre, bevel

        /// The `GEOSBufJoinStyles` value.
        var geosValue: Int32 {
            switch self {
            case .round: Int32(GEOSBUF_JOIN_ROUND.rawValue)
            case .mitre: Int32(GEOSBUF_JOIN_MITRE.rawValue)
            case .bevel: Int32(GEOSBUF_JOIN_BEVEL.rawValue)
            }
        }
    }

    /// Segments used to approximate a quarter circle (round caps and joins).
    public var quadrantSegments: Int
    public var cap: CapStyle
    public var join: JoinStyle
    /// Limit on a mitre join's length, as a multiple of the buffer distance.
    public var mitreLimit: Double

    public init(quadrantSegments: Int = 8, cap: CapStyle = .round, join: JoinStyle = .round, mitreLimit: Double = 5) {
        self.quadrantSegments = quadrantSegments
        self.cap = cap
        self.join = join
        self.mitreLimit = mitreLimit
    }

    /// GEOS's default style.
    public static let `default` = BufferStyle()
}

/// A coordinate reference system, validated by PROJ.
///
/// Made from anything PROJ understands: an authority code (`"EPSG:6678"`,
/// `"epsg:3857"`, `"OGC:CRS84"`), a PROJ string (`"+proj=utm +zone=54
/// +datum=WGS84"`), WKT or PROJJSON. The initializer asks PROJ to build the CRS,
/// so an unknown code fails at once with PROJ's own text ("crs not found"), and
/// records what PROJ says about it: its name, whether it is geographic or
/// projected, and the unit of its horizontal axes.
///
/// A `CRS` is a plain value (`Sendable`, `Hashable`, `Codable` as its definition
/// string): two CRSs are equal when their normalised definitions are equal, so
/// `CRS("epsg:3857") == CRS("EPSG:3857")`. Coordinates are always handled in
/// lon/lat, east/north order whatever the authority's axis order (see
/// ``Transformer``).
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    /// The broad family of a CRS, as PROJ classifies it (`proj_get_type`).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Longitude/latitude on an ellipsoid (EPSG:4326, EPSG:6668).
        case geographic
        /// Easting/northing on a map projection (EPSG:3857, EPSG:6678).
        case projected
        /// Earth-centred X/Y/Z.
        case geocentric
        /// A horizontal CRS combined with a vertical one.
        case compound
        /// Anything else PROJ can represent (vertical, engineering, …).
        case other
    }

    /// The definition handed to PROJ, normalised (authority codes upper-cased,
    /// `+type=crs` added to PROJ strings).
    public let definition: String
    /// Geographic, projected, …
    public let kind: Kind
    /// PROJ's name for the CRS (`"JGD2011 / Japan Plane Rectangular CS X"`).
    public let name: String
    /// The unit of the first horizontal axis (`"metre"`, `"degree"`, `"US survey foot"`).
    public let unitName: String
    /// The size of one unit in SI units: metres for linear units, radians for angular ones.
    public let unitToSI: Double
    /// Where the CRS is meant to be used, in degrees, when PROJ knows it.
    public let areaOfUse: BoundingBox?

    /// Parses and validates `text` with PROJ.
    ///
    /// Wraps `proj_create` (NULL on failure, the reason in PROJ's log) and the
    /// inspection functions listed on ``Kind`` and ``unitName``. Results are cached
    /// per definition, so repeated parsing of the same code is cheap.
    ///
    /// - Parameter text: an authority code, PROJ string, WKT or PROJJSON.
    /// - Throws: ``PROJError`` with PROJ's message when PROJ cannot build a CRS from `text`.
    public init(_ text: String) throws(PROJError) {
        let definition = CRS.normalize(text)
        if let known = CRSRegistry.shared.lookup(definition) {
            self = known
            return
        }
        self = try CRS.inspect(definition: definition)
        CRSRegistry.shared.store(self)
    }

    /// The CRS `EPSG:code`.
    ///
    /// - Throws: ``PROJError`` ("crs not found") when the EPSG registry has no such code.
    public init(epsg code: Int) throws(PROJError) {
        try self.init("EPSG:\(code)")
    }

    /// Internal memberwise initializer used by the inspection code.
    init(definition: String, kind: Kind, name: String, unitName: String, unitToSI: Double, areaOfUse: BoundingBox?) {
        self.definition = definition
        self.kind = kind
        self.name = name
        self.unitName = unitName
        self.unitToSI = unitToSI
        self.areaOfUse = areaOfUse
    }

    /// Whether coordinates are longitude/latitude angles.
    public var isGeographic: Bool { kind == .geographic }
    /// Whether coordinates are easting/northing on a map projection.
    public var isProjected: Bool { kind == .projected }
    /// Metres per unit for a CRS with linear units (projected, geocentric), nil for angular units.
    public var metresPerUnit: Double? { kind == .geographic ? nil : unitToSI }

    /// The EPSG code when the definition is `EPSG:n`.
    public var epsgCode: Int? {
        guard definition.hasPrefix("EPSG:") else { return nil }
        return Int(definition.dropFirst(5))
    }

    public var description: String { definition }

    public static func == (lhs: CRS, rhs: CRS) -> Bool { lhs.definition == rhs.definition }
    public func hash(into hasher: inout Hasher) { hasher.combine(definition) }

    /// Normalises user text so equal CRSs compare equal and PROJ strings denote CRSs.
    ///
    /// `epsg:3857` → `EPSG:3857`; `ogc:crs84` → `OGC:CRS84`; a PROJ string without
    /// `+type=crs` gets it (as pyproj does), since PROJ otherwise reads it as a bare
    /// conversion rather than a CRS.
    static func normalize(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        if isAuthorityCode(trimmed) { return trimmed.uppercased() }
        let isPROJString = trimmed.hasPrefix("+proj=") || trimmed.hasPrefix("proj=") || trimmed.hasPrefix("+init=")
        if isPROJString, !trimmed.split(separator: " ").contains("+type=crs") {
            return trimmed + " +type=crs"
        }
        return trimmed
    }

    /// `AUTHORITY:CODE` with a letters-only authority and an alphanumeric code.
    private static func isAuthorityCode(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let authority = parts.first, let code = parts.last,
            !authority.isEmpty, !code.isEmpty
        else { return false }
        return authority.allSatisfy { $0.isASCII && $0.isLetter }
            && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
    }
}

extension CRS {
    /// WGS 84 longitude/latitude (`EPSG:4326`, used in lon/lat order).
    public static let wgs84 = CRS(wellKnown: "EPSG:4326", kind: .geographic)
    /// OGC CRS84: WGS 84 with longitude first by definition (GeoJSON's CRS).
    public static let crs84 = CRS(wellKnown: "OGC:CRS84", kind: .geographic)
    /// JGD2011 longitude/latitude (`EPSG:6668`), Japan's geodetic datum.
    public static let jgd2011 = CRS(wellKnown: "EPSG:6668", kind: .geographic)
    /// Web Mercator (`EPSG:3857`), the CRS of slippy-map tiles.
    public static let webMercator = CRS(wellKnown: "EPSG:3857", kind: .projected)

    /// A CRS that PROJ's database always holds. Asks PROJ like any other; should
    /// PROJ's database be missing, the value still names the CRS (and the first
    /// transform reports PROJ's error) rather than crashing at start-up.
    private init(wellKnown definition: String, kind: Kind) {
        if let crs = try? CRS(definition) {
            self = crs
        } else {
            let degree = Double.pi / 180
            self.init(
                definition: definition, kind: kind, name: definition,
                unitName: kind == .geographic ? "degree" : "metre",
                unitToSI: kind == .geographic ? degree : 1, areaOfUse: nil)
        }
    }
}

extension CRS: TextCodable {
    /// The normalised definition string (read back, it is validated with PROJ).
    public var codingText: String { definition }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    fileprivate func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

import GeoCore

/// How e-Stat's secrecy rules (秘匿処理) touched a census mesh cell.
///
/// e-Stat hides the figures of cells with very few residents and adds them to a
/// neighbour: the hidden cell names the cell it went into (`HTKSAKI`), and that cell
/// lists the cells it absorbed (`GASSAN`). Layers should count a hidden cell's people
/// in the cell it was merged into, not twice.
public enum CensusSecrecy: Sendable, Hashable {
    /// Figures as counted.
    case none
    /// Figures hidden (or merged away); `mergedInto` is the cell that holds them, when
    /// the file says.
    case hidden(mergedInto: MeshCode?)
    /// Figures include those of the hidden cells listed.
    case aggregate(includes: [MeshCode])

    /// A short name for storage and messages: `none`, `hidden`, `aggregate`.
    public var name: String {
        switch self {
        case .none: "none"
        case .hidden: "hidden"
        case .aggregate: "aggregate"
        }
    }
}

/// One census mesh cell in one census year.
public struct CensusRow: Sendable, Hashable {
    /// A 1 km (8 digits), 500 m (9) or 250 m (10) JIS X 0410 mesh code.
    public var meshCode: MeshCode
    public var year: Int
    /// Residents; nil when the figure is hidden (`*`, `-`, `X`) or blank.
    public var population: Int?
    /// Households; nil when hidden, blank, or not in the file.
    public var households: Int?
    public var secrecy: CensusSecrecy

    public init(meshCode: MeshCode, year: Int, population: Int?, households: Int?, secrecy: CensusSecrecy = .none) {
        self.meshCode = meshCode
        self.year = year
        self.population = population
        self.households = households
        self.secrecy = secrecy
    }
}

/// People living within walking distance of a stop or a route, area-weighted from
/// census mesh cells: Σ over cells of area(catchment ∩ cell) / area(cell) × the cell's
/// population (people spread evenly over each cell).
public struct CatchmentPopulation: Sendable, Hashable {
    /// In the later census year.
    public var population: Double
    /// In the earlier census year.
    public var populationFrom: Double
    /// Area of the catchment in m² (project CRS).
    public var area: Double
    /// Census cells the catchment overlaps.
    public var cells: Int

    public init(population: Double = 0, populationFrom: Double = 0, area: Double = 0, cells: Int = 0) {
        self.population = population
        self.populationFrom = populationFrom
        self.area = area
        self.cells = cells
    }

    /// Later minus earlier.
    public var change: Double { population - populationFrom }
}

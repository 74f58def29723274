/// A raster of values on a square metric grid in a projected CRS: kernel densities,
/// risk surfaces, anything measured per area rather than per feature.
///
/// Cell `(column, row)` covers `[originX + column·cellSize, originX + (column+1)·cellSize]`
/// × `[originY + row·cellSize, originY + (row+1)·cellSize]`; row 0 is the southernmost
/// row (y grows with the row index, as in the CRS). `values[row * columns + column]` is
/// the value at the cell centre; `.nan` means "no data" (for example a cell suppressed
/// for privacy), which renders transparent.
public struct MetricGrid: Sendable, Hashable {
    /// The projected CRS of the grid, as an authority code such as "EPSG:6678".
    public var crs: String
    /// West edge of column 0, in CRS units (metres).
    public var originX: Double
    /// South edge of row 0, in CRS units (metres).
    public var originY: Double
    /// Side of one cell in metres.
    public var cellSize: Double
    public var columns: Int
    public var rows: Int
    public var values: [Float]

    public init(
        crs: String, originX: Double, originY: Double, cellSize: Double, columns: Int, rows: Int,
        values: [Float]? = nil
    ) {
        precondition(columns >= 0 && rows >= 0 && cellSize > 0, "grid dimensions are checked by the caller")
        self.crs = crs
        self.originX = originX
        self.originY = originY
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
        self.values = values ?? [Float](repeating: 0, count: columns * rows)
        precondition(self.values.count == columns * rows, "values must hold columns × rows cells")
    }

    /// The grid's extent in CRS units.
    public var extent: BoundingBox {
        BoundingBox(
            minX: originX, minY: originY,
            maxX: originX + Double(columns) * cellSize, maxY: originY + Double(rows) * cellSize)
    }

    public subscript(column: Int, row: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The cell containing a CRS position, or nil outside the grid.
    public func cell(containing c: Coordinate) -> (column: Int, row: Int)? {
        let fx = (c.x - originX) / cellSize
        let fy = (c.y - originY) / cellSize
        guard fx >= 0, fy >= 0, fx < Double(columns), fy < Double(rows) else { return nil }
        return (Int(fx), Int(fy))
    }

    /// The centre of a cell in CRS units.
    public func center(column: Int, row: Int) -> Coordinate {
        Coordinate(x: originX + (Double(column) + 0.5) * cellSize, y: originY + (Double(row) + 0.5) * cellSize)
    }

    /// The largest finite value (0 when there is none): the one global normalisation
    /// the renderer uses, so tiles never seam.
    public var maximum: Float {
        values.reduce(0) { $1.isFinite ? Swift.max($0, $1) : $0 }
    }
}

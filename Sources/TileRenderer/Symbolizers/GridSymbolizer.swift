import Foundation
import GeoCore

/// Draws a metric grid (kernel density, risk surface) in its projected CRS onto Web
/// Mercator tiles.
///
/// Warping: a lattice of pixel positions every `latticeStep` pixels (tile corners
/// included, so neighbouring tiles share their edge nodes) is transformed from Web
/// Mercator to the grid's CRS with PROJ in one batch; positions between nodes are
/// interpolated bilinearly (the standard warp of GDAL and Mapnik, with errors far
/// below a pixel at tile scale). Values are resampled bilinearly between cell centres
/// (or nearest), normalised with the layer's single domain and coloured through a
/// 256-entry lookup table of the ramp. Cells without data (NaN) stay transparent.
///
/// The values are kept as a ``BlockGrid`` (uniform blocks stored once), the frame as
/// numbers: the symbolizer lives as long as its prepared layer, and most of a density
/// surface is zero.
struct GridSymbolizer: Sendable {
    let cells: BlockGrid
    let originX: Double
    let originY: Double
    let cellSize: Double
    /// Web Mercator (EPSG:3857) → the grid's CRS.
    let toGrid: CRSTransform
    /// The grid's extent in Web Mercator metres (for skipping tiles that miss it).
    let mercatorExtent: BoundingBox
    let domain: ClosedRange<Double>
    let lookup: [UInt32]
    let resampling: GridStyle.Resampling
    let hideZero: Bool
    static let latticeStep = 16

    init(grid: MetricGrid, style: GridStyle, domain: ClosedRange<Double>) throws {
        cells = BlockGrid(grid)
        originX = grid.originX
        originY = grid.originY
        cellSize = grid.cellSize
        toGrid = try CRSTransform(from: CRS.webMercator, to: CRS(grid.crs))
        mercatorExtent = try toGrid.inverse.transform(grid.extent, densifyPoints: 21)
        self.domain = domain
        lookup = style.ramp.lookupTable(opacity: style.opacity)
        resampling = style.resampling
        hideZero = style.hideZero
    }

    /// Draws the grid onto `context`'s canvas: `size × size` pixels from the top-left
    /// corner of `transform`'s tile (one tile, or a block of tiles).
    ///
    /// - Throws: ``PROJError`` when PROJ cannot transform the lattice at all.
    func draw(_ transform: TilePixelTransform, size: Int, in context: DrawingContext) throws {
        let extent = Double(size) / transform.scale
        let bounds = BoundingBox(
            minX: transform.originX, minY: transform.originY - extent,
            maxX: transform.originX + extent, maxY: transform.originY)
        guard bounds.intersects(mercatorExtent), cells.columns > 0, cells.rows > 0 else { return }
        let step = GridSymbolizer.latticeStep
        let nodes = size / step + 1
        var lattice = [Coordinate]()
        lattice.reserveCapacity(nodes * nodes)
        for j in 0..<nodes {
            for i in 0..<nodes {
                lattice.append(transform.mercator(pixel: Coordinate(x: Double(i * step), y: Double(j * step))))
            }
        }
        try toGrid.transform(&lattice, policy: .keepNonFinite)

        // Grid-cell coordinates of the nodes: value centres sit at integers.
        let inverseCell = 1 / cellSize
        var gx = [Double](repeating: .nan, count: lattice.count)
        var gy = gx
        for k in 0..<lattice.count {
            gx[k] = (lattice[k].x - originX) * inverseCell - 0.5
            gy[k] = (lattice[k].y - originY) * inverseCell - 0.5
        }
        let scaleT = 255 / (domain.upperBound - domain.lowerBound)
        let lower = domain.lowerBound
        let columns = cells.columns
        let rows = cells.rows
        let stepD = Double(step)
        cells.withReader { values in
            lookup.withUnsafeBufferPointer { lut in
                context.canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                    for y in 0..<size {
                        let v = (Double(y) + 0.5) / stepD
                        let j = min(Int(v), nodes - 2)
                        let fy = v - Double(j)
                        for x in 0..<size {
                            let u = (Double(x) + 0.5) / stepD
                            let i = min(Int(u), nodes - 2)
                            let fx = u - Double(i)
                            let k00 = j * nodes + i
                            let k10 = k00 + 1
                            let k01 = k00 + nodes
                            let k11 = k01 + 1
                            let cx =
                                (gx[k00] * (1 - fx) + gx[k10] * fx) * (1 - fy) + (gx[k01] * (1 - fx) + gx[k11] * fx)
                                * fy
                            let cy =
                                (gy[k00] * (1 - fx) + gy[k10] * fx) * (1 - fy) + (gy[k01] * (1 - fx) + gy[k11] * fx)
                                * fy
                            guard let value = sample(values, columns, rows, cx, cy), !(hideZero && value <= 0) else {
                                continue
                            }
                            let t = (value - lower) * scaleT
                            let index = t <= 0 ? 0 : t >= 255 ? 255 : Int(t + 0.5)
                            let color = lut[index]
                            if color == 0 { continue }
                            let p = y * size + x
                            pixels[p] = Compositing.over(color, pixels[p])
                        }
                    }
                }
            }
        }
    }

    /// The grid value at fractional cell-centre coordinates, or nil outside the grid or
    /// where the nearest cell has no data.
    @inline(__always)
    private func sample(
        _ values: BlockGrid.Reader, _ columns: Int, _ rows: Int, _ cx: Double,
        _ cy: Double
    ) -> Double? {
        guard cx.isFinite, cy.isFinite, cx >= -0.5, cy >= -0.5, cx < Double(columns) - 0.5,
            cy < Double(rows) - 0.5
        else { return nil }
        let nearestX = min(max(Int(cx + 0.5), 0), columns - 1)
        let nearestY = min(max(Int(cy + 0.5), 0), rows - 1)
        let nearest = values[nearestX, nearestY]
        guard nearest.isFinite else { return nil }
        if resampling == .nearest { return Double(nearest) }
        let x0f = cx.rounded(.down)
        let y0f = cy.rounded(.down)
        let tx = cx - x0f
        let ty = cy - y0f
        let x0 = min(max(Int(x0f), 0), columns - 1)
        let x1 = min(max(Int(x0f) + 1, 0), columns - 1)
        let y0 = min(max(Int(y0f), 0), rows - 1)
        let y1 = min(max(Int(y0f) + 1, 0), rows - 1)
        let v00 = values[x0, y0]
        let v10 = values[x1, y0]
        let v01 = values[x0, y1]
        let v11 = values[x1, y1]
        let w00 = (1 - tx) * (1 - ty)
        let w10 = tx * (1 - ty)
        let w01 = (1 - tx) * ty
        let w11 = tx * ty
        if v00.isFinite && v10.isFinite && v01.isFinite && v11.isFinite {
            return Double(v00) * w00 + Double(v10) * w10 + Double(v01) * w01 + Double(v11) * w11
        }
        // Next to missing data: average the cells that have it.
        var sum = 0.0
        var weight = 0.0
        if v00.isFinite {
            sum += Double(v00) * w00
            weight += w00
        }
        if v10.isFinite {
            sum += Double(v10) * w10
            weight += w10
        }
        if v01.isFinite {
            sum += Double(v01) * w01
            weight += w01
        }
        if v11.isFinite {
            sum += Double(v11) * w11
            weight += w11
        }
        return weight > 0 ? sum / weight : Double(nearest)
    }
}

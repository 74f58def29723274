import GeoCore

extension MetricGrid {
    /// The grid's value at a CRS position, interpolated bilinearly between cell
    /// centres; 0 outside the grid, and a no-data (NaN) cell counts as 0.
    ///
    /// Between the outermost cell centres and the grid's edge the border cells' values
    /// hold (no fade to zero inside the grid).
    public func sample(at p: Coordinate) -> Double {
        guard columns > 0, rows > 0, extent.contains(p) else { return 0 }
        let u = Swift.min(Swift.max((p.x - originX) / cellSize - 0.5, 0), Double(columns - 1))
        let v = Swift.min(Swift.max((p.y - originY) / cellSize - 0.5, 0), Double(rows - 1))
        let c0 = Swift.min(Int(u), Swift.max(columns - 2, 0))
        let r0 = Swift.min(Int(v), Swift.max(rows - 2, 0))
        let c1 = Swift.min(c0 + 1, columns - 1)
        let r1 = Swift.min(r0 + 1, rows - 1)
        let fu = u - Double(c0)
        let fv = v - Double(r0)
        func value(_ c: Int, _ r: Int) -> Double {
            let x = values[r * columns + c]
            return x.isFinite ? Double(x) : 0
        }
        return (1 - fv) * ((1 - fu) * value(c0, r0) + fu * value(c1, r0))
            + fv * ((1 - fu) * value(c0, r1) + fu * value(c1, r1))
    }

    /// The integral of the grid's value along a polyline, in value × metres: the
    /// midpoint rule with steps of at most a quarter cell (the surface is bilinear
    /// between cell centres, so finer steps change nothing that matters).
    public func integral(along points: [Coordinate]) -> Double {
        guard points.count >= 2 else { return 0 }
        let step = cellSize / 4
        var total = 0.0
        for i in 1..<points.count {
            let a = points[i - 1]
            let b = points[i]
            let length = a.distance(to: b)
            guard length > 0 else { continue }
            let n = Swift.max(1, Int((length / step).rounded(.up)))
            let piece = length / Double(n)
            for k in 0..<n {
                let t = (Double(k) + 0.5) / Double(n)
                total += sample(at: Coordinate(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))) * piece
            }
        }
        return total
    }
}

extension Path {
    /// Adds a marker symbol of width `size` centred on `center` (circles within
    /// `tolerance` pixels of the true circle).
    public mutating func addMarker(_ shape: MarkerShape, center: PixelPoint, size: Double, tolerance: Double = 0.02) {
        let r = size / 2
        switch shape {
        case .circle:
            addCircle(center: center, radius: r, tolerance: tolerance)
        case .square:
            addRectangle(x: center.x - r, y: center.y - r, width: size, height: size)
        case .diamond:
            addContour([
                PixelPoint(center.x, center.y - r), PixelPoint(center.x + r, center.y),
                PixelPoint(center.x, center.y + r), PixelPoint(center.x - r, center.y),
            ])
        case .triangle:
            // Equilateral, pointing up, centred on its centroid, `size` wide.
            let h = size * 3.0.squareRoot() / 2
            addContour([
                PixelPoint(center.x, center.y - 2 * h / 3), PixelPoint(center.x + r, center.y + h / 3),
                PixelPoint(center.x - r, center.y + h / 3),
            ])
        }
    }
}

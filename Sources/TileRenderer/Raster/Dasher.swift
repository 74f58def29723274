/// Splits polylines into the "on" pieces of a dash pattern.
enum Dasher {
    /// The dashes of `polyline` for `pattern` (alternating on and off lengths, pixels),
    /// starting `offset` pixels into the pattern. A closed polyline includes its closing
    /// segment. Patterns with an odd count repeat twice, as in SVG.
    static func dashes(of polyline: [PixelPoint], closed: Bool, pattern: [Double], offset: Double) -> [[PixelPoint]] {
        var lengths = pattern.filter { $0.isFinite && $0 >= 0 }
        if lengths.count % 2 == 1 { lengths += lengths }
        let period = lengths.reduce(0, +)
        guard period > 0, polyline.count >= 2 else { return [] }
        var points = polyline
        if closed, let first = polyline.first { points.append(first) }

        // Where in the pattern the line starts.
        var phase = offset.truncatingRemainder(dividingBy: period)
        if phase < 0 { phase += period }
        var index = 0
        while phase >= lengths[index] {
            phase -= lengths[index]
            index = (index + 1) % lengths.count
        }
        var remaining = lengths[index] - phase  // of the current on/off piece
        var on = index % 2 == 0

        var result: [[PixelPoint]] = []
        var current: [PixelPoint] = on ? [points[0]] : []
        for i in 1..<points.count {
            let a = points[i - 1]
            let b = points[i]
            let segment = (b - a).length
            guard segment > 0 else { continue }
            var done = 0.0
            while segment - done > remaining {
                done += remaining
                let p = a + (b - a) * (done / segment)
                if on {
                    current.append(p)
                    result.append(current)
                    current = []
                } else {
                    current = [p]
                }
                on.toggle()
                index = (index + 1) % lengths.count
                remaining = lengths[index]
                // Zero-length dashes still get caps (dots), as in SVG.
            }
            remaining -= segment - done
            if on { current.append(b) }
        }
        if on && current.count >= 2 { result.append(current) }
        return result
    }
}

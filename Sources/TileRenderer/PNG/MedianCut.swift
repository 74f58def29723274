/// Reduces a histogram of premultiplied colours to at most `maximum` representatives
/// by median cut (Heckbert 1982): repeatedly split the box with the largest
/// population × extent at the weighted median of its widest channel.
enum MedianCut {
    /// For each input colour, the index of its representative; and the representatives
    /// (premultiplied, the population-weighted mean of their box).
    static func reduce(colors: [UInt32], counts: [UInt32], maximum: Int) -> (assignment: [UInt8], palette: [UInt32]) {
        precondition(maximum >= 1 && maximum <= 256, "a PNG palette holds 1 … 256 colours")
        let n = colors.count
        var order = Array(0..<n)
        var boxes: [Range<Int>] = [0..<n]
        // Channel values 0…255 for r, g, b, a; alpha counts double (edges of
        // translucent fills are where quantization shows).
        func channel(_ c: UInt32, _ k: Int) -> Int {
            let v = Int((c >> (8 * UInt32(k))) & 0xFF)
            return k == 3 ? v * 2 : v
        }
        func extent(_ box: Range<Int>) -> (channel: Int, range: Int, weight: Int) {
            var lo = [Int](repeating: Int.max, count: 4), hi = [Int](repeating: Int.min, count: 4)
            var weight = 0
            for i in box {
                let c = colors[order[i]]
                weight += Int(counts[order[i]])
                for k in 0..<4 {
                    let v = channel(c, k)
                    lo[k] = min(lo[k], v)
                    hi[k] = max(hi[k], v)
                }
            }
            var best = 0
            for k in 1..<4 where hi[k] - lo[k] > hi[best] - lo[best] { best = k }
            return (best, hi[best] - lo[best], weight)
        }
        var extents = [extent(boxes[0])]
        while boxes.count < maximum {
            // The box to split: most pixels × widest channel, among those with 2+ colours.
            var pick = -1
            var score = 0.0
            for (i, box) in boxes.enumerated() where box.count > 1 && extents[i].range > 0 {
                let s = Double(extents[i].range) * Double(extents[i].weight).squareRoot()
                if s > score {
                    score = s
                    pick = i
                }
            }
            guard pick >= 0 else { break }
            let box = boxes[pick], k = extents[pick].channel
            order[box].sort { a, b in
                let va = channel(colors[a], k), vb = channel(colors[b], k)
                return va != vb ? va < vb : colors[a] < colors[b]
            }
            // Weighted median, keeping both halves non-empty.
            let half = extents[pick].weight / 2
            var running = 0
            var cut = box.lowerBound + 1
            for i in box {
                running += Int(counts[order[i]])
                if running >= half {
                    cut = i + 1
                    break
                }
            }
            cut = min(max(cut, box.lowerBound + 1), box.upperBound - 1)
            let lower = box.lowerBound..<cut, upper = cut..<box.upperBound
            boxes[pick] = lower
            extents[pick] = extent(lower)
            boxes.append(upper)
            extents.append(extent(upper))
        }
        var assignment = [UInt8](repeating: 0, count: n)
        var palette: [UInt32] = []
        palette.reserveCapacity(boxes.count)
        for (b, box) in boxes.enumerated() {
            var sums = [Int](repeating: 0, count: 4)
            var weight = 0
            for i in box {
                let c = colors[order[i]], w = Int(max(counts[order[i]], 1))
                for k in 0..<4 { sums[k] += Int((c >> (8 * UInt32(k))) & 0xFF) * w }
                weight += w
                assignment[order[i]] = UInt8(b)
            }
            var mean: UInt32 = 0
            let alpha = (sums[3] + weight / 2) / weight
            for k in 0..<4 {
                // Keep premultiplied channels within alpha.
                let v = min((sums[k] + weight / 2) / weight, alpha)
                mean |= UInt32(v) << (8 * UInt32(k))
            }
            palette.append(mean)
        }
        return (assignment, palette)
    }
}

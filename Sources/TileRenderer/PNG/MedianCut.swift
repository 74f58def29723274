/// Reduces a histogram of premultiplied colours to at most `maximum` representatives
/// by median cut (Heckbert 1982): repeatedly split the box with the largest
/// extent × √population at the population-weighted median of its widest channel.
///
/// Colours are kept as contiguous entries that are partitioned in place around a
/// median found from a histogram of the channel, so each split costs time linear in
/// the box, with no sort and no indirection.
enum MedianCut {
    /// One distinct colour: its channels (alpha doubled: edges of translucent fills are
    /// where quantization shows), its pixel count and its position in the input.
    private struct Entry {
        var channels: SIMD4<Int32>
        var weight: Int32
        var index: Int32
    }

    private struct Box {
        var start: Int
        var end: Int
        var channel = 0
        var lower = SIMD4<Int32>(repeating: 0)
        var upper = SIMD4<Int32>(repeating: 0)
        var weight = 0
        /// Split priority: extent × √population (0 when the box cannot split).
        var score = 0.0
    }

    /// For each input colour, the index of its representative; and the representatives
    /// (premultiplied, the population-weighted mean of the colours assigned to them).
    ///
    /// With `mergeLowBits`, colours equal but for the four low bits of each channel are
    /// split as one (anti-aliased edges make thousands of such near twins), which makes
    /// the cut several times faster and the files smaller; representatives are still
    /// means of the exact colours, and outliers go to their nearest representative. On
    /// the tile benchmark's densest tiles the mean premultiplied error stays near one
    /// level of 255 and the worst pixel under 24.
    static func reduce(colors: [UInt32], counts: [UInt32], maximum: Int, mergeLowBits: Bool = false)
        -> (assignment: [UInt8], palette: [UInt32])
    {
        precondition(maximum >= 1 && maximum <= 256, "a PNG palette holds 1 … 256 colours")
        // Group ids: colour i belongs to group groupOf[i]; each group is one entry.
        var groupOf = [Int32](repeating: 0, count: colors.count)
        var groupKeys: [UInt32] = []
        var groupWeights: [Int32] = []
        if mergeLowBits {
            var grouping = KeyGrouping(capacity: colors.count)
            for (i, c) in colors.enumerated() {
                let g = grouping.group(of: c & 0xF0F0_F0F0, next: Int32(groupKeys.count))
                if Int(g) == groupKeys.count {
                    groupKeys.append(c & 0xF0F0_F0F0)
                    groupWeights.append(0)
                }
                groupOf[i] = g
                groupWeights[Int(g)] &+= Int32(clamping: max(counts[i], 1))
            }
        } else {
            groupKeys = colors
            groupWeights = counts.map { Int32(clamping: max($0, 1)) }
            for i in 0..<colors.count { groupOf[i] = Int32(i) }
        }
        var entries = [Entry]()
        entries.reserveCapacity(groupKeys.count)
        for (i, c) in groupKeys.enumerated() {
            let channels = SIMD4<Int32>(
                Int32(c & 0xFF), Int32((c >> 8) & 0xFF), Int32((c >> 16) & 0xFF),
                Int32(c >> 24) * 2)
            entries.append(Entry(channels: channels, weight: groupWeights[i], index: Int32(i)))
        }
        let boxes = entries.withUnsafeMutableBufferPointer { split($0, maximum: maximum) }
        var groupBox = [UInt8](repeating: 0, count: groupKeys.count)
        for (b, box) in boxes.enumerated() {
            for k in box.start..<box.end { groupBox[Int(entries[k].index)] = UInt8(b) }
        }

        var assignment = [UInt8](repeating: 0, count: colors.count)
        var sums = [SIMD4<Int>](repeating: SIMD4<Int>(repeating: 0), count: boxes.count)
        var weights = [Int](repeating: 0, count: boxes.count)
        for (i, c) in colors.enumerated() {
            let b = groupBox[Int(groupOf[i])]
            assignment[i] = b
            let w = Int(max(counts[i], 1))
            sums[Int(b)] &+= SIMD4<Int>(Int(c & 0xFF), Int((c >> 8) & 0xFF), Int((c >> 16) & 0xFF), Int(c >> 24)) &* w
            weights[Int(b)] += w
        }
        var palette: [UInt32] = []
        palette.reserveCapacity(boxes.count)
        for b in 0..<boxes.count {
            let weight = max(weights[b], 1)
            let sums = sums[b]
            let alpha = (sums[3] + weight / 2) / weight
            // Keep premultiplied channels within alpha.
            let r = min((sums[0] + weight / 2) / weight, alpha)
            let g = min((sums[1] + weight / 2) / weight, alpha)
            let bl = min((sums[2] + weight / 2) / weight, alpha)
            palette.append(UInt32(r) | UInt32(g) << 8 | UInt32(bl) << 16 | UInt32(alpha) << 24)
        }
        reassignOutliers(colors: colors, palette: palette, assignment: &assignment)
        return (assignment, palette)
    }

    /// Colours far from the mean of their box (a rare colour in a populous box) go to
    /// their nearest representative instead. Only outliers are searched, so this costs
    /// little, and it removes the worst errors of plain median cut.
    private static func reassignOutliers(colors: [UInt32], palette: [UInt32], assignment: inout [UInt8]) {
        func channels(_ c: UInt32) -> SIMD4<Int32> {
            SIMD4<Int32>(Int32(c & 0xFF), Int32((c >> 8) & 0xFF), Int32((c >> 16) & 0xFF), Int32(c >> 24) * 2)
        }
        func distance(_ a: SIMD4<Int32>, _ b: SIMD4<Int32>) -> Int32 {
            let d = a &- b
            return (d &* d).wrappedSum()
        }
        let entries = palette.map(channels)
        let threshold: Int32 = 10 * 10 * 4
        for (i, c) in colors.enumerated() {
            let v = channels(c)
            var best = Int(assignment[i])
            var bestDistance = distance(v, entries[best])
            guard bestDistance > threshold else { continue }
            for (k, entry) in entries.enumerated() {
                let d = distance(v, entry)
                if d < bestDistance {
                    bestDistance = d
                    best = k
                }
            }
            assignment[i] = UInt8(best)
        }
    }

    /// Splits `entries` into at most `maximum` boxes, reordering them so each box is a
    /// contiguous range.
    private static func split(_ entries: UnsafeMutableBufferPointer<Entry>, maximum: Int) -> [Box] {
        var boxes: [Box] = []
        boxes.reserveCapacity(maximum)
        boxes.append(measure(entries, 0, entries.count))
        var histogram = [Int](repeating: 0, count: 512)
        histogram.withUnsafeMutableBufferPointer { histogram in
            while boxes.count < maximum {
                var pick = -1
                var score = 0.0
                for i in 0..<boxes.count where boxes[i].score > score {
                    score = boxes[i].score
                    pick = i
                }
                guard pick >= 0 else { break }
                let box = boxes[pick]
                let channel = box.channel
                let lo = box.lower[channel]
                let hi = box.upper[channel]
                // Weighted median of the channel, kept below the box's maximum so both
                // halves are non-empty.
                for k in box.start..<box.end {
                    histogram[Int(entries[k].channels[channel])] += Int(entries[k].weight)
                }
                var running = 0
                var cut = lo
                let half = (box.weight + 1) / 2
                for v in Int(lo)...Int(hi) {
                    running += histogram[v]
                    histogram[v] = 0
                    if running < half { cut = Int32(v) }
                }
                cut = min(max(cut, lo), hi - 1)
                var a = box.start
                var b = box.end - 1
                while a <= b {
                    if entries[a].channels[channel] <= cut {
                        a += 1
                    } else {
                        entries.swapAt(a, b)
                        b -= 1
                    }
                }
                boxes[pick] = measure(entries, box.start, a)
                boxes.append(measure(entries, a, box.end))
            }
        }
        return boxes
    }

    private static func measure(_ entries: UnsafeMutableBufferPointer<Entry>, _ start: Int, _ end: Int) -> Box {
        var box = Box(start: start, end: end)
        var lower = SIMD4<Int32>(repeating: Int32.max)
        var upper = SIMD4<Int32>(repeating: Int32.min)
        var weight = 0
        for k in start..<end {
            let c = entries[k].channels
            lower = pointwiseMin(lower, c)
            upper = pointwiseMax(upper, c)
            weight += Int(entries[k].weight)
        }
        box.lower = lower
        box.upper = upper
        box.weight = weight
        let extent = upper &- lower
        var best = 0
        for k in 1..<4 where extent[k] > extent[best] { best = k }
        box.channel = best
        if end - start > 1 && extent[best] > 0 { box.score = Double(extent[best]) * Double(weight).squareRoot() }
        return box
    }
}

/// A small open-addressing map from 32-bit keys to dense group numbers.
private struct KeyGrouping {
    private var keys: [UInt32]
    private var groups: [Int32]
    private let mask: Int
    private let shift: UInt32

    init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        keys = [UInt32](repeating: ColorTable.emptyKey, count: size)
        groups = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt32(32 - size.trailingZeroBitCount)
    }

    /// The group of `key`, registering it as group `next` when new.
    mutating func group(of key: UInt32, next: Int32) -> Int32 {
        var slot = Int((key &* 0x9E37_79B1) >> shift)
        while true {
            if keys[slot] == key { return groups[slot] }
            if keys[slot] == ColorTable.emptyKey {
                keys[slot] = key
                groups[slot] = next
                return next
            }
            slot = (slot + 1) & mask
        }
    }
}

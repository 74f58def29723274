/// Reduces a histogram of premultiplied colours to at most `maximum` representatives
/// by median cut (Heckbert 1982): repeatedly split the box with the largest
/// extent × √population at the population-weighted median of its widest channel.
///
/// Splits partition in place around a median found from a histogram of the channel,
/// so each split costs time linear in the box, not a sort.
enum MedianCut {
    private struct Box {
        var start: Int
        var end: Int
        var channel = 0
        var extent: Int32 = 0
        var weight = 0
        /// Split priority: extent × √population (0 when the box cannot split).
        var score = 0.0
    }

    /// For each input colour, the index of its representative; and the representatives
    /// (premultiplied, the population-weighted mean of their box).
    static func reduce(colors: [UInt32], counts: [UInt32], maximum: Int) -> (assignment: [UInt8], palette: [UInt32]) {
        precondition(maximum >= 1 && maximum <= 256, "a PNG palette holds 1 … 256 colours")
        let n = colors.count
        // Channel values, 4 per colour; alpha counts double (edges of translucent fills
        // are where quantization shows).
        var channels = [Int32](repeating: 0, count: 4 * n)
        var weights = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = colors[i]
            channels[4 * i] = Int32(c & 0xFF)
            channels[4 * i + 1] = Int32((c >> 8) & 0xFF)
            channels[4 * i + 2] = Int32((c >> 16) & 0xFF)
            channels[4 * i + 3] = Int32(c >> 24) * 2
            weights[i] = Int(max(counts[i], 1))
        }
        var order = (0..<n).map { Int32($0) }
        var boxes: [Box] = []
        boxes.reserveCapacity(maximum)
        var histogram = [Int](repeating: 0, count: 512)

        channels.withUnsafeBufferPointer { channels in
            weights.withUnsafeBufferPointer { weights in
                order.withUnsafeMutableBufferPointer { order in
                    histogram.withUnsafeMutableBufferPointer { histogram in
                        func measure(_ start: Int, _ end: Int) -> Box {
                            var box = Box(start: start, end: end)
                            var lo: (Int32, Int32, Int32, Int32) = (1023, 1023, 1023, 1023)
                            var hi: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
                            for k in start..<end {
                                let i = Int(order[k])
                                box.weight += weights[i]
                                let r = channels[4 * i], g = channels[4 * i + 1]
                                let b = channels[4 * i + 2], a = channels[4 * i + 3]
                                lo = (min(lo.0, r), min(lo.1, g), min(lo.2, b), min(lo.3, a))
                                hi = (max(hi.0, r), max(hi.1, g), max(hi.2, b), max(hi.3, a))
                            }
                            box.channel = 0
                            box.extent = hi.0 - lo.0
                            if hi.1 - lo.1 > box.extent { (box.channel, box.extent) = (1, hi.1 - lo.1) }
                            if hi.2 - lo.2 > box.extent { (box.channel, box.extent) = (2, hi.2 - lo.2) }
                            if hi.3 - lo.3 > box.extent { (box.channel, box.extent) = (3, hi.3 - lo.3) }
                            if end - start > 1 && box.extent > 0 {
                                box.score = Double(box.extent) * Double(box.weight).squareRoot()
                            }
                            return box
                        }
                        boxes.append(measure(0, n))
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
                            // Weighted median of the channel, kept below the box's maximum so
                            // both halves are non-empty.
                            var lo = Int32.max, hi = Int32.min
                            for k in box.start..<box.end {
                                let i = Int(order[k])
                                let v = channels[4 * i + channel]
                                histogram[Int(v)] += weights[i]
                                lo = min(lo, v)
                                hi = max(hi, v)
                            }
                            var running = 0, cut = lo
                            let half = (box.weight + 1) / 2
                            for v in Int(lo)...Int(hi) {
                                running += histogram[v]
                                histogram[v] = 0
                                if running < half { cut = Int32(v) }
                            }
                            cut = min(max(cut, lo), hi - 1)
                            // Partition: values ≤ cut first.
                            var a = box.start, b = box.end - 1
                            while a <= b {
                                if channels[4 * Int(order[a]) + channel] <= cut {
                                    a += 1
                                } else {
                                    order.swapAt(a, b)
                                    b -= 1
                                }
                            }
                            boxes[pick] = measure(box.start, a)
                            boxes.append(measure(a, box.end))
                        }
                    }
                }
            }
        }
        var assignment = [UInt8](repeating: 0, count: n)
        var palette: [UInt32] = []
        palette.reserveCapacity(boxes.count)
        for (b, box) in boxes.enumerated() {
            var sums = (0, 0, 0, 0)
            var weight = 0
            for k in box.start..<box.end {
                let i = Int(order[k])
                let c = colors[i], w = weights[i]
                sums.0 += Int(c & 0xFF) * w
                sums.1 += Int((c >> 8) & 0xFF) * w
                sums.2 += Int((c >> 16) & 0xFF) * w
                sums.3 += Int(c >> 24) * w
                weight += w
                assignment[i] = UInt8(b)
            }
            let alpha = (sums.3 + weight / 2) / weight
            // Keep premultiplied channels within alpha.
            let r = min((sums.0 + weight / 2) / weight, alpha), g = min((sums.1 + weight / 2) / weight, alpha)
            let bl = min((sums.2 + weight / 2) / weight, alpha)
            palette.append(UInt32(r) | UInt32(g) << 8 | UInt32(bl) << 16 | UInt32(alpha) << 24)
        }
        return (assignment, palette)
    }
}

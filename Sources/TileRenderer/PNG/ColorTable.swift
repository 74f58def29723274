/// The distinct colours of an image and, for every pixel, which of them it is.
///
/// An open-addressing hash table keyed by the premultiplied pixel, kept between images
/// (one table per encoder). A pixel equal to its left neighbour extends the current
/// run and one equal to the pixel above copies that pixel's id, so only the pixels
/// that differ from both (edges, mostly) are looked up.
final class ColorTable {
    /// A premultiplied value no pixel can have (colour above alpha): marks empty slots.
    static let emptyKey: UInt32 = 0x00FF_FFFF

    /// The distinct colours, in order of first appearance.
    private(set) var colors: [UInt32] = []
    /// How many pixels have each colour.
    private(set) var counts: [UInt32] = []
    /// For each pixel, the index of its colour in `colors`.
    private(set) var ids: [UInt32] = []
    private var keys: [UInt32] = []
    private var slotIDs: [UInt32] = []

    /// Tallies `pixels` (rows of `width`). Returns false (leaving the table incomplete)
    /// as soon as more than `limit` distinct colours appear.
    func tally(_ pixels: [UInt32], width: Int, limit: Int) -> Bool {
        if ids.count != pixels.count { ids = [UInt32](repeating: 0, count: pixels.count) }
        if keys.count != 1024 {
            keys = [UInt32](repeating: ColorTable.emptyKey, count: 1024)
            slotIDs = [UInt32](repeating: 0, count: 1024)
        } else {
            keys.withUnsafeMutableBufferPointer { $0.update(repeating: ColorTable.emptyKey) }
        }
        var colors = self.colors
        var counts = self.counts
        var keys = self.keys
        var slotIDs = self.slotIDs
        var ids = self.ids
        self.colors = []
        self.counts = []
        self.keys = []
        self.slotIDs = []
        self.ids = []
        defer {
            self.colors = colors
            self.counts = counts
            self.keys = keys
            self.slotIDs = slotIDs
            self.ids = ids
        }
        colors.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        var complete = true
        pixels.withUnsafeBufferPointer { source in
            ids.withUnsafeMutableBufferPointer { ids in
                var mask = keys.count - 1
                var shift = UInt32(32 - keys.count.trailingZeroBitCount)
                var previous = ColorTable.emptyKey
                var previousID: UInt32 = 0
                var runStart = 0
                let n = source.count
                var i = 0
                while i < n {
                    let p = source[i]
                    if p == previous {
                        ids[i] = previousID
                        i += 1
                        continue
                    }
                    if i > runStart { counts[Int(previousID)] &+= UInt32(i - runStart) }
                    var id: UInt32
                    if i >= width && source[i - width] == p {
                        id = ids[i - width]
                    } else {
                        // Hash lookup, inserting new colours.
                        var slot = Int((p &* 0x9E37_79B1) >> shift)
                        while true {
                            let key = keys[slot]
                            if key == p {
                                id = slotIDs[slot]
                                break
                            }
                            if key == ColorTable.emptyKey {
                                id = UInt32(colors.count)
                                keys[slot] = p
                                slotIDs[slot] = id
                                colors.append(p)
                                counts.append(0)
                                if colors.count > limit {
                                    complete = false
                                    return
                                }
                                if colors.count * 2 > keys.count {
                                    ColorTable.grow(&keys, &slotIDs, colors)
                                    mask = keys.count - 1
                                    shift = UInt32(32 - keys.count.trailingZeroBitCount)
                                }
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                    ids[i] = id
                    previous = p
                    previousID = id
                    runStart = i
                    i += 1
                }
                if n > runStart { counts[Int(previousID)] &+= UInt32(n - runStart) }
            }
        }
        return complete
    }

    /// Doubles the table and reinserts `colors`.
    private static func grow(_ keys: inout [UInt32], _ slotIDs: inout [UInt32], _ colors: [UInt32]) {
        let capacity = keys.count * 2
        keys = [UInt32](repeating: ColorTable.emptyKey, count: capacity)
        slotIDs = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        let shift = UInt32(32 - capacity.trailingZeroBitCount)
        for (id, p) in colors.enumerated() {
            var slot = Int((p &* 0x9E37_79B1) >> shift)
            while keys[slot] != ColorTable.emptyKey { slot = (slot + 1) & mask }
            keys[slot] = p
            slotIDs[slot] = UInt32(id)
        }
    }
}

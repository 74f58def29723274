/// The distinct colours of an image and, for every pixel, which of them it is.
///
/// An open-addressing hash table keyed by the premultiplied pixel. Runs of equal
/// pixels (most of a map tile) skip the lookup.
struct ColorTable {
    /// A premultiplied value no pixel can have (colour above alpha): marks empty slots.
    static let emptyKey: UInt32 = 0x00FF_FFFF

    private(set) var keys: [UInt32] = []
    private var slotIDs: [UInt32] = []
    private var mask = 0
    private var shift: UInt32 = 0
    /// The distinct colours, in order of first appearance.
    private(set) var colors: [UInt32] = []
    /// How many pixels have each colour.
    private(set) var counts: [UInt32] = []
    /// For each pixel, the index of its colour in `colors`.
    private(set) var ids: [UInt32] = []

    /// Tallies `pixels` (rows of `width`). Returns false (leaving the table incomplete)
    /// as soon as more than `limit` distinct colours appear.
    ///
    /// A pixel equal to its left neighbour extends the current run; one equal to the
    /// pixel above copies that pixel's id; only the rest are looked up.
    mutating func tally(_ pixels: [UInt32], width: Int, limit: Int) -> Bool {
        reset(capacity: 1024, pixelCount: pixels.count)
        var ids = [UInt32]()
        swap(&ids, &self.ids)
        defer { swap(&ids, &self.ids) }
        var complete = true
        pixels.withUnsafeBufferPointer { source in
            ids.withUnsafeMutableBufferPointer { ids in
                var previous = ColorTable.emptyKey
                var previousID: UInt32 = 0
                var runStart = 0
                var i = 0
                let n = source.count
                while i < n {
                    let p = source[i]
                    if p == previous {
                        ids[i] = previousID
                        i += 1
                        continue
                    }
                    if i > runStart { counts[Int(previousID)] &+= UInt32(i - runStart) }
                    let id: UInt32
                    if i >= width && source[i - width] == p {
                        id = ids[i - width]
                    } else {
                        id = lookup(p)
                        if colors.count > limit {
                            complete = false
                            return
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

    private mutating func reset(capacity: Int, pixelCount: Int) {
        if keys.count != capacity {
            keys = [UInt32](repeating: ColorTable.emptyKey, count: capacity)
            slotIDs = [UInt32](repeating: 0, count: capacity)
        } else {
            keys.withUnsafeMutableBufferPointer { $0.update(repeating: ColorTable.emptyKey) }
        }
        mask = capacity - 1
        shift = UInt32(32 - capacity.trailingZeroBitCount)
        colors.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        if ids.count != pixelCount { ids = [UInt32](repeating: 0, count: pixelCount) }
    }

    /// The id of colour `p`, inserting it when new.
    @inline(__always)
    private mutating func lookup(_ p: UInt32) -> UInt32 {
        var slot = Int((p &* 0x9E37_79B1) >> shift)
        let found: UInt32? = keys.withUnsafeBufferPointer { keys in
            slotIDs.withUnsafeBufferPointer { slotIDs in
                while true {
                    let key = keys[slot]
                    if key == p { return slotIDs[slot] }
                    if key == ColorTable.emptyKey { return nil }
                    slot = (slot + 1) & mask
                }
            }
        }
        if let found { return found }
        let id = UInt32(colors.count)
        keys[slot] = p
        slotIDs[slot] = id
        colors.append(p)
        counts.append(0)
        if colors.count * 2 > keys.count { grow() }
        return id
    }

    private mutating func grow() {
        let capacity = keys.count * 2
        keys = [UInt32](repeating: ColorTable.emptyKey, count: capacity)
        slotIDs = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt32(32 - capacity.trailingZeroBitCount)
        for (id, p) in colors.enumerated() {
            var slot = Int((p &* 0x9E37_79B1) >> shift)
            while keys[slot] != ColorTable.emptyKey { slot = (slot + 1) & mask }
            keys[slot] = p
            slotIDs[slot] = UInt32(id)
        }
    }
}

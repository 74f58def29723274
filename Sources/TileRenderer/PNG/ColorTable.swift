/// The distinct colours of an image and, for every pixel, which of them it is.
///
/// An open-addressing hash table keyed by the premultiplied pixel, with all storage kept
/// between images (one table per encoder). Pixels equal to their left neighbour extend
/// the current run (checked eight at a time with SIMD compares, so flat areas cost a
/// fraction of a nanosecond per pixel); a pixel equal to the one above copies its id;
/// only the rest (edges, mostly) are looked up.
final class ColorTable {
    /// A premultiplied value no pixel can have (colour above alpha): marks empty slots.
    static let emptyKey: UInt32 = 0x00FF_FFFF
    /// Ids are 16-bit: an image with more distinct colours than this is not tallied.
    static let maximumColors = 65_535

    /// The distinct colours, in order of first appearance.
    private(set) var colors: [UInt32] = []
    /// How many pixels have each colour.
    private(set) var counts: [UInt32] = []
    /// For each pixel, the index of its colour in `colors`.
    private(set) var ids: [UInt16] = []
    /// The hash table: a colour in the low 32 bits of a slot, its id in the high ones
    /// (one memory access per probe).
    private var slots: [UInt64] = []
    /// Colours and counts as they are found; the table stops at half full, so each holds
    /// half the table's capacity (sized with it, not for the most colours an image may have).
    private var colorBuffer: [UInt32] = []
    private var countBuffer: [UInt32] = []

    fileprivate enum Outcome {
        case complete(Int)
        case tooManyColors
        case tableFull
    }

    /// Tallies `pixels` (rows of `width`). Returns false (leaving the table incomplete)
    /// as soon as more than `limit` (at most ``maximumColors``) distinct colours appear.
    func tally(_ pixels: [UInt32], width: Int, limit: Int) -> Bool {
        let limit = min(limit, ColorTable.maximumColors)
        if ids.count != pixels.count { ids = [UInt16](repeating: 0, count: pixels.count) }
        // Start from a table sized for the previous image with room to spare (a retry
        // scans the whole image again; clearing a larger table costs far less); double
        // it when it fills up.
        var capacity = 1024
        while capacity < 8 * colors.count && capacity < 1 << 18 { capacity *= 2 }
        while true {
            if slots.count != capacity {
                slots = [UInt64](repeating: UInt64(ColorTable.emptyKey), count: capacity)
                colorBuffer = [UInt32](repeating: 0, count: capacity / 2 + 1)
                countBuffer = [UInt32](repeating: 0, count: capacity / 2 + 1)
            } else {
                slots.withUnsafeMutableBufferPointer { $0.update(repeating: UInt64(ColorTable.emptyKey)) }
            }
            switch attempt(pixels, width: width, limit: limit) {
            case .complete(let count):
                colors = Array(colorBuffer[0..<count])
                counts = Array(countBuffer[0..<count])
                return true
            case .tooManyColors:
                colors = []
                counts = []
                return false
            case .tableFull:
                capacity *= 2
            }
        }
    }

    /// One pass over the image with the current table; stops when the table is half full.
    private func attempt(_ pixels: [UInt32], width: Int, limit: Int) -> Outcome {
        pixels.withUnsafeBufferPointer { source -> Outcome in
            ids.withUnsafeMutableBufferPointer { ids -> Outcome in
                slots.withUnsafeMutableBufferPointer { slots -> Outcome in
                        colorBuffer.withUnsafeMutableBufferPointer { colors -> Outcome in
                            countBuffer.withUnsafeMutableBufferPointer { counts -> Outcome in
                                guard let sourceBase = source.baseAddress, let idBase = ids.baseAddress,
                                    let slotBase = slots.baseAddress,
                                    let colorBase = colors.baseAddress, let countBase = counts.baseAddress
                                else { return .complete(0) }
                                var scan = ColorScan(
                                    source: sourceBase, ids: idBase, slots: slotBase,
                                    colors: colorBase, counts: countBase, capacity: slots.count, limit: limit)
                                return scan.run(count: source.count, width: width)
                            }
                        }
                    }
                }
            }
    }
}

/// One tally over raw pointers to the table's buffers (valid during `attempt`).
///
/// Eight pixels at a time are compared with their left neighbours (the same eight,
/// loaded one pixel earlier): where all are equal, the run goes on and eight ids are
/// stored at once. Otherwise only the pixels that start a new run are visited: one
/// equal to the pixel above copies its id, the rest are looked up. Counts are added
/// per run, when it ends.
private struct ColorScan {
    let source: UnsafePointer<UInt32>
    let ids: UnsafeMutablePointer<UInt16>
    let slots: UnsafeMutablePointer<UInt64>
    let colors: UnsafeMutablePointer<UInt32>
    let counts: UnsafeMutablePointer<UInt32>
    let capacity: Int
    let limit: Int
    var colorCount = 0

    init(
        source: UnsafePointer<UInt32>, ids: UnsafeMutablePointer<UInt16>, slots: UnsafeMutablePointer<UInt64>,
        colors: UnsafeMutablePointer<UInt32>,
        counts: UnsafeMutablePointer<UInt32>, capacity: Int, limit: Int
    ) {
        self.source = source
        self.ids = ids
        self.slots = slots
        self.colors = colors
        self.counts = counts
        self.capacity = capacity
        self.limit = limit
    }

    /// The id of colour `p`, adding it when new; -1 when that would exceed the limit,
    /// -2 when the table is half full.
    @inline(__always)
    mutating func lookup(_ p: UInt32) -> Int {
        let mask = capacity - 1
        let shift = UInt32(truncatingIfNeeded: 32 - capacity.trailingZeroBitCount)
        var slot = Int((p &* 0x9E37_79B1) >> shift)
        while true {
            let entry = slots[slot]
            let key = UInt32(truncatingIfNeeded: entry)
            if key == p { return Int(truncatingIfNeeded: entry >> 32) }
            if key == ColorTable.emptyKey {
                if colorCount >= limit { return -1 }
                if (colorCount + 1) * 2 > capacity { return -2 }
                let id = UInt16(truncatingIfNeeded: colorCount)
                slots[slot] = UInt64(p) | UInt64(id) << 32
                colors[colorCount] = p
                counts[colorCount] = 0
                colorCount += 1
                return Int(id)
            }
            slot = (slot + 1) & mask
        }
    }

    /// A bit per lane of `mask` (lane 0 the lowest).
    @inline(__always)
    static func bits(_ mask: SIMDMask<SIMD8<Int32>>) -> Int {
        // Narrow the lanes to bytes (0 or 0xFF), keep bit k of byte k, and gather them
        // into the top byte with one multiply (the bits are distinct: no carries).
        let bytes = SIMD8<UInt8>(truncatingIfNeeded: unsafeBitCast(mask, to: SIMD8<Int32>.self))
        let x = unsafeBitCast(bytes, to: UInt64.self)
        return Int(truncatingIfNeeded: ((x & 0x8040_2010_0804_0201) &* 0x0101_0101_0101_0101) >> 56)
    }

    mutating func run(count n: Int, width: Int) -> ColorTable.Outcome {
        guard n > 0 else { return .complete(0) }
        let raw = UnsafeRawPointer(source)
        let rawIDs = UnsafeMutableRawPointer(ids)
        var runStart = 0
        var current = lookup(source[0])  // the id of the pixel before i
        if current < 0 { return current == -1 ? .tooManyColors : .tableFull }
        ids[0] = UInt16(truncatingIfNeeded: current)
        var i = 1
        while i < n {
            var starts: Int
            var lanes = 8
            var above = 0
            if i + 8 <= n {
                let block = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<UInt32>.self)
                let left = raw.loadUnaligned(fromByteOffset: 4 * (i - 1), as: SIMD8<UInt32>.self)
                let same = block .== left
                if all(same) {
                    rawIDs.storeBytes(
                        of: SIMD8<UInt16>(repeating: UInt16(truncatingIfNeeded: current)), toByteOffset: 2 * i,
                        as: SIMD8<UInt16>.self)
                    i += 8
                    continue
                }
                starts = ~ColorScan.bits(same) & 0xFF
                if i > width {
                    // A new colour is often the one above (edges run vertically too):
                    // copying its id saves a hash lookup.
                    let up = raw.loadUnaligned(fromByteOffset: 4 * (i - width), as: SIMD8<UInt32>.self)
                    above = ColorScan.bits(block .== up)
                }
            } else {
                // The last few pixels, one by one.
                lanes = n - i
                starts = 0
                for k in 0..<lanes {
                    if source[i + k] != source[i + k - 1] { starts |= 1 &<< k }
                    if i + k >= width && source[i + k] == source[i + k - width] { above |= 1 &<< k }
                }
            }
            var lane = 0
            while starts != 0 {
                let k = starts.trailingZeroBitCount
                starts &= starts &- 1
                let id16 = UInt16(truncatingIfNeeded: current)
                while lane < k {
                    ids[i + lane] = id16
                    lane += 1
                }
                let index = i + k
                counts[current] &+= UInt32(truncatingIfNeeded: index - runStart)
                runStart = index
                let bit = 1 &<< k
                if above & bit != 0 {
                    current = Int(ids[index - width])
                } else {
                    current = lookup(source[index])
                    if current < 0 { return current == -1 ? .tooManyColors : .tableFull }
                }
                ids[index] = UInt16(truncatingIfNeeded: current)
                lane = k + 1
            }
            let id16 = UInt16(truncatingIfNeeded: current)
            while lane < lanes {
                ids[i + lane] = id16
                lane += 1
            }
            i += lanes
        }
        counts[current] &+= UInt32(truncatingIfNeeded: n - runStart)
        return .complete(colorCount)
    }
}

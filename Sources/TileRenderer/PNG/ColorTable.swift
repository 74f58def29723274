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
    private var keys: [UInt32] = []
    private var slotIDs: [UInt16] = []
    /// Colours and counts as they are found; the table stops at half full, so each holds
    /// half the table's capacity (sized with it, not for the most colours an image may have).
    private var colorBuffer: [UInt32] = []
    private var countBuffer: [UInt32] = []

    private enum Outcome {
        case complete(Int)
        case tooManyColors
        case tableFull
    }

    /// Tallies `pixels` (rows of `width`). Returns false (leaving the table incomplete)
    /// as soon as more than `limit` (at most ``maximumColors``) distinct colours appear.
    func tally(_ pixels: [UInt32], width: Int, limit: Int) -> Bool {
        let limit = min(limit, ColorTable.maximumColors)
        if ids.count != pixels.count { ids = [UInt16](repeating: 0, count: pixels.count) }
        // Start from a table sized for the previous image; double it when it fills up.
        var capacity = 1024
        while capacity < 4 * colors.count && capacity < 1 << 18 { capacity *= 2 }
        while true {
            if keys.count != capacity {
                keys = [UInt32](repeating: ColorTable.emptyKey, count: capacity)
                slotIDs = [UInt16](repeating: 0, count: capacity)
                colorBuffer = [UInt32](repeating: 0, count: capacity / 2 + 1)
                countBuffer = [UInt32](repeating: 0, count: capacity / 2 + 1)
            } else {
                keys.withUnsafeMutableBufferPointer { $0.update(repeating: ColorTable.emptyKey) }
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
        let capacity = keys.count
        let mask = capacity - 1
        let shift = UInt32(32 - capacity.trailingZeroBitCount)
        return pixels.withUnsafeBufferPointer { source -> Outcome in
            ids.withUnsafeMutableBufferPointer { ids -> Outcome in
                keys.withUnsafeMutableBufferPointer { keys -> Outcome in
                    slotIDs.withUnsafeMutableBufferPointer { slotIDs -> Outcome in
                        colorBuffer.withUnsafeMutableBufferPointer { colors -> Outcome in
                            countBuffer.withUnsafeMutableBufferPointer { counts -> Outcome in
                                guard let sourceBase = source.baseAddress else { return .complete(0) }
                                let raw = UnsafeRawPointer(sourceBase)
                                var colorCount = 0
                                var previous = ColorTable.emptyKey
                                var previousID: UInt16 = 0
                                var runStart = 0
                                let n = source.count
                                var i = 0
                                var scalarUntil = 1  // after a failed block test, go pixel by pixel
                                while i < n {
                                    // Eight pixels equal to the one before them: the run goes on.
                                    if i >= scalarUntil && i + 8 <= n {
                                        let block = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<UInt32>.self)
                                        if all(block .== SIMD8<UInt32>(repeating: previous)) {
                                            for k in i..<(i + 8) { ids[k] = previousID }
                                            i += 8
                                            continue
                                        }
                                        scalarUntil = i + 8
                                    }
                                    let p = source[i]
                                    if p == previous {
                                        ids[i] = previousID
                                        i += 1
                                        continue
                                    }
                                    if i > runStart { counts[Int(previousID)] &+= UInt32(i - runStart) }
                                    var id: UInt16
                                    if i >= width && source[i - width] == p {
                                        id = ids[i - width]
                                    } else {
                                        var slot = Int((p &* 0x9E37_79B1) >> shift)
                                        while true {
                                            let key = keys[slot]
                                            if key == p {
                                                id = slotIDs[slot]
                                                break
                                            }
                                            if key == ColorTable.emptyKey {
                                                if colorCount >= limit { return .tooManyColors }
                                                if (colorCount + 1) * 2 > capacity { return .tableFull }
                                                id = UInt16(colorCount)
                                                keys[slot] = p
                                                slotIDs[slot] = id
                                                colors[colorCount] = p
                                                counts[colorCount] = 0
                                                colorCount += 1
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
                                return .complete(colorCount)
                            }
                        }
                    }
                }
            }
        }
    }
}

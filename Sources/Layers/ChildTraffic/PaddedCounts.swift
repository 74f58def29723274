/// The layout of one worker's counts in ``PointBinner``: the frame's cells with a
/// one-cell ring around them that collects every point outside the frame (so counting
/// needs no bounds test, only a clamp).
///
/// Frame cell `(column, row)` is index `(row + 1)·width + column + 1`; every other index
/// is the ring.
struct PaddedCounts: Sendable, Hashable {
    /// The frame's columns and rows.
    let columns: Int
    let rows: Int
    /// `columns + 2`.
    let width: Int
    /// `(columns + 2)·(rows + 2)`.
    let count: Int

    /// nil for an empty frame or one whose padded size overflows `Int`.
    init?(columns: Int, rows: Int) {
        guard columns > 0, rows > 0 else { return nil }
        let (size, overflow) = (columns + 2).multipliedReportingOverflow(by: rows + 2)
        guard !overflow else { return nil }
        self.columns = columns
        self.rows = rows
        width = columns + 2
        count = size
    }

    /// The index of frame cell `(column, row)`.
    @inline(__always)
    func index(column: Int, row: Int) -> Int { (row + 1) * width + column + 1 }

    /// The index of the ring cell every outside point of the exact path goes to.
    static let outside = 0

    /// Sums the workers' padded counts into the frame's row-major counts.
    ///
    /// - Returns: the counts and how many points they hold (the rest were outside).
    func merge(_ partials: [[UInt32]]) -> (counts: [UInt32], inside: Int) {
        var inside = 0
        let counts = [UInt32](unsafeUninitializedCapacity: columns * rows) { sum, initialized in
            for i in 0..<(columns * rows) { sum[i] = 0 }
            for partial in partials where partial.count == count {
                partial.withUnsafeBufferPointer { add in
                    for row in 0..<rows {
                        let from = index(column: 0, row: row)
                        let to = row * columns
                        for column in 0..<columns { sum[to &+ column] &+= add[from &+ column] }
                    }
                }
            }
            for i in 0..<(columns * rows) { inside += Int(sum[i]) }
            initialized = columns * rows
        }
        return (counts, inside)
    }
}

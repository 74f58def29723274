/// The result of a spatial join: pairs of indices `(left[k], right[k])`, one per
/// matching pair, sorted by left index and then by right index.
///
/// Kept as two `Int32` arrays (8 bytes a pair) because joins of millions of points
/// make millions of pairs. Iterate it as a collection of `(left: Int, right: Int)`.
public struct JoinPairs: Sendable, Hashable, RandomAccessCollection {
    /// Indices into the left input.
    public var left: [Int32]
    /// Indices into the right input, `right[k]` paired with `left[k]`.
    public var right: [Int32]

    public init(left: [Int32] = [], right: [Int32] = []) {
        precondition(left.count == right.count, "JoinPairs needs as many left as right indices")
        self.left = left
        self.right = right
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { left.count }

    public subscript(position: Int) -> (left: Int, right: Int) {
        (Int(left[position]), Int(right[position]))
    }

    /// Appends every pair of `other`.
    public mutating func append(contentsOf other: JoinPairs) {
        left.append(contentsOf: other.left)
        right.append(contentsOf: other.right)
    }

    /// For each left index in `0..<leftCount`, how many right items it was paired with.
    public func countsPerLeft(_ leftCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: leftCount)
        for l in left where Int(l) < leftCount { counts[Int(l)] += 1 }
        return counts
    }
}

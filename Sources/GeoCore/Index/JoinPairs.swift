/// The result of a spatial join: pairs of indices `(left[k], right[k])`, one per
/// matching pair, sorted by left index and then by right index.
///
/// Kept as two `Int32` arrays (8 bytes a pair) because joins of millions of points
/// make millions of pairs. Iterate it as a collection of `(left: Int, right: Int)`.
public struct JoinPairs: Sendable, Hashable, RandomAccessCollection {
    /// Indices into the left input.
    public internal(set) var left: [Int32]
    /// Indices into the right input, `right[k]` paired with `left[k]`.
    public internal(set) var right: [Int32]

    /// No pairs.
    public init() {
        left = []
        right = []
    }

    /// Pairs from two index arrays of the same length, or nil when the lengths differ.
    public init?(left: [Int32], right: [Int32]) {
        guard left.count == right.count else { return nil }
        self.init(unchecked: left, right)
    }

    /// Pairs from two arrays already known to be of the same length.
    init(unchecked left: [Int32], _ right: [Int32]) {
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

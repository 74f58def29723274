/// A dictionary that remembers use order and evicts the least recently used entries
/// once the summed cost passes a budget. Not thread-safe: ``ResponseCache`` keeps it
/// inside a lock.
///
/// Entries live in an array-backed doubly linked list (indices, not references), found
/// through an open-addressing table of 32-bit slot numbers (linear probing, deletion by
/// backward shift), so every operation is O(1), nothing is reference-counted per entry
/// and each key is stored once.
///
/// With `countsTables`, the store's own tables count against the budget too, as much
/// of them as is resident (``tableBytes``), so a budget in bytes bounds the memory the
/// store holds and not only its values. A store made for at most `maximumCount`
/// entries sizes its tables once (the node array's unused capacity is never written,
/// so never resident), so they never reallocate, which would hold old and new tables
/// at once; past that count it evicts the oldest entry first. Over budget with many
/// free node slots, it rebuilds the nodes compactly before evicting anything.
struct LRUStore<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var cost: Int
        var hash: UInt32
        var newer: Int32
        var older: Int32
    }

    private static var none: Int32 { -1 }

    /// The most ``usedBytes`` may reach.
    let budget: Int
    /// Whether ``tableBytes`` counts against the budget.
    let countsTables: Bool
    /// The most entries the store keeps.
    let maximumCount: Int
    /// The summed costs of the entries.
    private(set) var totalCost = 0
    private var nodes: [Node?] = []
    private var free: [Int32] = []
    /// Node slots by hash; -1 is an empty bucket. Never more than half full.
    private var buckets: [Int32] = []
    private(set) var count = 0
    private var newest = LRUStore.none
    private var oldest = LRUStore.none

    /// - Parameter maximumCount: with a value, the tables are sized for that many
    ///   entries now; without, they grow as entries come.
    init(budget: Int, countsTables: Bool = false, maximumCount: Int? = nil) {
        self.budget = max(0, budget)
        self.countsTables = countsTables
        self.maximumCount = max(1, min(maximumCount ?? Int(Int32.max - 1), Int(Int32.max - 1)))
        if maximumCount != nil {
            nodes.reserveCapacity(self.maximumCount)
            buckets = [Int32](repeating: -1, count: Self.bucketCount(for: self.maximumCount))
        }
    }

    /// The table bytes one entry takes: its node slot and its two buckets.
    static var bytesPerEntry: Int { MemoryLayout<Node?>.stride + 2 * MemoryLayout<Int32>.stride }

    /// What counts against the budget: the entries' costs, plus ``tableBytes`` with `countsTables`.
    var usedBytes: Int { totalCost + (countsTables ? tableBytes : 0) }

    /// Resident bytes of the store's tables: every node slot ever used (an array's
    /// spare capacity is never written), the free list and the buckets, with the
    /// arrays' headers.
    var tableBytes: Int {
        let header = 48
        var bytes = 0
        if !nodes.isEmpty { bytes += header + nodes.count * MemoryLayout<Node?>.stride }
        if free.capacity > 0 { bytes += header + free.capacity * MemoryLayout<Int32>.stride }
        if !buckets.isEmpty { bytes += header + buckets.count * MemoryLayout<Int32>.stride }
        return bytes
    }

    /// The value for `key`, marking it most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let (_, slot) = find(key), let node = nodes[slot] else { return nil }
        moveToFront(Int32(slot))
        return node.value
    }

    /// Whether `key` is stored, without touching its recency.
    func contains(_ key: Key) -> Bool { find(key) != nil }

    /// Stores `value` as most recently used and evicts the oldest entries until the
    /// budget holds. A value costing more than the whole budget is not stored.
    mutating func insert(_ value: Value, for key: Key, cost: Int) {
        remove(key)
        guard cost <= budget else { return }
        while count >= maximumCount, oldest != Self.none, let victim = nodes[Int(oldest)] { remove(victim.key) }
        let hash = UInt32(truncatingIfNeeded: key.hashValue)
        let node = Node(key: key, value: value, cost: cost, hash: hash, newer: Self.none, older: newest)
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            nodes[Int(slot)] = node
        } else {
            slot = Int32(nodes.count)
            nodes.append(node)
        }
        if newest != Self.none { nodes[Int(newest)]?.newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
        count += 1
        growIfNeeded()
        place(slot, hash: hash)
        totalCost += cost
        while usedBytes > budget, oldest != Self.none, let victim = nodes[Int(oldest)] {
            // Free node slots are memory too: reclaim them before evicting for them.
            if countsTables, free.count > count / 8 + 16 {
                compact()
                continue
            }
            remove(victim.key)
        }
    }

    /// Removes `key` if present.
    mutating func remove(_ key: Key) {
        guard let (bucket, slot) = find(key), let node = nodes[slot] else { return }
        unplace(bucket)
        unlink(Int32(slot), node)
        totalCost -= node.cost
        nodes[slot] = nil
        free.append(Int32(slot))
        count -= 1
    }

    /// Removes every entry for which `predicate` holds (used when a layer is rebuilt).
    mutating func removeAll(where predicate: (Key) -> Bool) {
        let doomed = nodes.compactMap { node in node.flatMap { predicate($0.key) ? $0.key : nil } }
        for key in doomed { remove(key) }
        if countsTables, free.count > count / 8 + 16 { compact() }
    }

    /// Keys from most to least recently used (for tests and diagnostics).
    var keysByRecency: [Key] {
        var keys: [Key] = []
        var slot = newest
        while slot != Self.none, let node = nodes[Int(slot)] {
            keys.append(node.key)
            slot = node.older
        }
        return keys
    }

    // MARK: - The hash table

    /// A power of two at least twice `count` (and 16).
    private static func bucketCount(for count: Int) -> Int {
        var buckets = 16
        while buckets < 2 * count { buckets <<= 1 }
        return buckets
    }

    /// The bucket and node slot holding `key`, or nil.
    private func find(_ key: Key) -> (bucket: Int, slot: Int)? {
        guard !buckets.isEmpty else { return nil }
        let hash = UInt32(truncatingIfNeeded: key.hashValue)
        let mask = buckets.count - 1
        var bucket = Int(hash) & mask
        while buckets[bucket] >= 0 {
            let slot = Int(buckets[bucket])
            if let node = nodes[slot], node.hash == hash, node.key == key { return (bucket, slot) }
            bucket = (bucket + 1) & mask
        }
        return nil
    }

    /// Puts `slot` in the first free bucket from its hash's.
    private mutating func place(_ slot: Int32, hash: UInt32) {
        let mask = buckets.count - 1
        var bucket = Int(hash) & mask
        while buckets[bucket] >= 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = slot
    }

    /// Empties `bucket`, moving later entries of its probe run back so every entry
    /// stays reachable from its hash's bucket (no tombstones).
    private mutating func unplace(_ bucket: Int) {
        let mask = buckets.count - 1
        var hole = bucket
        var next = (bucket + 1) & mask
        while buckets[next] >= 0 {
            if let node = nodes[Int(buckets[next])] {
                let home = Int(node.hash) & mask
                // The entry may fill the hole unless its home lies after the hole.
                if (next - home) & mask >= (next - hole) & mask {
                    buckets[hole] = buckets[next]
                    hole = next
                }
            }
            next = (next + 1) & mask
        }
        buckets[hole] = -1
    }

    /// Doubles the buckets (rehashing every entry) when they would pass half full.
    private mutating func growIfNeeded() {
        guard 2 * count > buckets.count else { return }
        rehash(bucketCount: Self.bucketCount(for: count))
    }

    private mutating func rehash(bucketCount: Int) {
        buckets = [Int32](repeating: -1, count: bucketCount)
        for slot in nodes.indices {
            if let node = nodes[slot] { place(Int32(slot), hash: node.hash) }
        }
    }

    // MARK: - The recency list

    /// Rebuilds the nodes in recency order without free slots (after many small
    /// entries made way for larger ones, or were evicted). O(count); every key keeps
    /// its value, cost and recency.
    private mutating func compact() {
        var rebuilt: [Node?] = []
        rebuilt.reserveCapacity(isSized ? maximumCount : 2 * count)
        var slot = oldest
        while slot != Self.none, var node = nodes[Int(slot)] {
            let position = Int32(rebuilt.count)
            node.older = position == 0 ? Self.none : position - 1
            node.newer = position + 1
            slot = nodes[Int(slot)]?.newer ?? Self.none
            rebuilt.append(node)
        }
        if !rebuilt.isEmpty { rebuilt[rebuilt.count - 1]?.newer = Self.none }
        nodes = rebuilt
        free = []
        oldest = rebuilt.isEmpty ? Self.none : 0
        newest = rebuilt.isEmpty ? Self.none : Int32(rebuilt.count - 1)
        // A store sized for its maximum keeps its buckets; a growing one shrinks them too.
        rehash(bucketCount: isSized ? buckets.count : Self.bucketCount(for: 2 * count))
    }

    /// Whether the tables were sized for `maximumCount` at the start.
    private var isSized: Bool { maximumCount < Int(Int32.max - 1) }

    private mutating func moveToFront(_ slot: Int32) {
        guard slot != newest, let node = nodes[Int(slot)] else { return }
        unlink(slot, node)
        nodes[Int(slot)]?.older = newest
        nodes[Int(slot)]?.newer = Self.none
        if newest != Self.none { nodes[Int(newest)]?.newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
    }

    private mutating func unlink(_ slot: Int32, _ node: Node) {
        if node.newer != Self.none { nodes[Int(node.newer)]?.older = node.older } else { newest = node.older }
        if node.older != Self.none { nodes[Int(node.older)]?.newer = node.newer } else { oldest = node.newer }
    }
}

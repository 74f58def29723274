/// A dictionary that remembers use order and evicts the least recently used entries
/// once the summed cost passes a budget. Not thread-safe: ``ResponseCache`` keeps it
/// inside a lock.
///
/// Entries live in an array-backed doubly linked list (indices, not references), so
/// every operation is O(1) and nothing is reference-counted per entry.
///
/// With `countsTables`, the store's own tables count against the budget too, as much
/// of them as is resident (``tableBytes``), so a budget in bytes bounds the memory the
/// store holds and not only its values. The tables do not shrink as entries go, so
/// when they are mostly empty (after evictions of many small entries for a few large
/// ones) the store rebuilds them at the size its entries need.
struct LRUStore<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var cost: Int
        var newer: Int
        var older: Int
    }

    private static var none: Int { -1 }

    /// The most ``usedBytes`` may reach.
    let budget: Int
    /// Whether ``tableBytes`` counts against the budget.
    let countsTables: Bool
    /// The summed costs of the entries.
    private(set) var totalCost = 0
    private var nodes: [Node?] = []
    private var free: [Int] = []
    private var index: [Key: Int] = [:]
    private var newest = LRUStore.none
    private var oldest = LRUStore.none

    init(budget: Int, countsTables: Bool = false) {
        self.budget = max(0, budget)
        self.countsTables = countsTables
    }

    var count: Int { index.count }

    /// What counts against the budget: the entries' costs, plus ``tableBytes`` with `countsTables`.
    var usedBytes: Int { totalCost + (countsTables ? tableBytes : 0) }

    /// Resident bytes of the store's tables: every node slot ever used (an array's spare
    /// capacity is never written, so never resident), the free list, and the index's
    /// buckets — a Swift dictionary keeps a power-of-two count of buckets at most three
    /// quarters full, each a key and an `Int`, plus a bit of occupancy, all of them
    /// written when it grows and rehashes. Object headers included.
    var tableBytes: Int {
        var bytes = 0
        if !nodes.isEmpty { bytes += Self.header + nodes.count * MemoryLayout<Node?>.stride }
        if free.capacity > 0 { bytes += Self.header + free.capacity * MemoryLayout<Int>.stride }
        if index.capacity > 0 {
            var buckets = 1
            while buckets * 3 / 4 < index.capacity { buckets <<= 1 }
            bytes += 2 * Self.header + buckets * (MemoryLayout<Key>.stride + MemoryLayout<Int>.stride) + buckets / 8
        }
        return bytes
    }

    /// A Swift array's or dictionary's storage header, with its malloc chunk header.
    private static var header: Int { 48 }

    /// The value for `key`, marking it most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let slot = index[key], let node = nodes[slot] else { return nil }
        moveToFront(slot)
        return node.value
    }

    /// Whether `key` is stored, without touching its recency.
    func contains(_ key: Key) -> Bool { index[key] != nil }

    /// Stores `value` as most recently used and evicts the oldest entries until the
    /// budget holds. A value costing more than the whole budget is not stored.
    mutating func insert(_ value: Value, for key: Key, cost: Int) {
        remove(key)
        guard cost <= budget else { return }
        let node = Node(key: key, value: value, cost: cost, newer: Self.none, older: newest)
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            nodes[slot] = node
        } else {
            slot = nodes.count
            nodes.append(node)
        }
        if newest != Self.none { nodes[newest]?.newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
        index[key] = slot
        totalCost += cost
        while usedBytes > budget, oldest != Self.none, let victim = nodes[oldest] {
            remove(victim.key)
            if countsTables { compactIfSparse() }
        }
    }

    /// Removes `key` if present.
    mutating func remove(_ key: Key) {
        guard let slot = index.removeValue(forKey: key), let node = nodes[slot] else { return }
        unlink(slot, node)
        totalCost -= node.cost
        nodes[slot] = nil
        free.append(slot)
    }

    /// Removes every entry for which `predicate` holds (used when a layer is rebuilt).
    mutating func removeAll(where predicate: (Key) -> Bool) {
        for key in index.keys where predicate(key) { remove(key) }
        if countsTables { compactIfSparse() }
    }

    /// Rebuilds the tables at twice the size the entries need when they hold more than
    /// four times that (so a store that shrank and grows again does not rebuild often).
    /// O(count), in recency order; every key keeps its value, cost and recency.
    private mutating func compactIfSparse() {
        let needed = max(count, 16)
        guard index.capacity > 4 * needed || nodes.count > 4 * needed else { return }
        var ordered: [Node] = []
        ordered.reserveCapacity(count)
        var slot = oldest
        while slot != Self.none, let node = nodes[slot] {
            ordered.append(node)
            slot = node.newer
        }
        var rebuilt: [Node?] = []
        rebuilt.reserveCapacity(2 * ordered.count)
        var rebuiltIndex = [Key: Int](minimumCapacity: 2 * ordered.count)
        for (position, var node) in ordered.enumerated() {
            node.older = position == 0 ? Self.none : position - 1
            node.newer = position == ordered.count - 1 ? Self.none : position + 1
            rebuiltIndex[node.key] = position
            rebuilt.append(node)
        }
        nodes = rebuilt
        index = rebuiltIndex
        free = []
        oldest = ordered.isEmpty ? Self.none : 0
        newest = ordered.isEmpty ? Self.none : ordered.count - 1
    }

    /// Keys from most to least recently used (for tests and diagnostics).
    var keysByRecency: [Key] {
        var keys: [Key] = []
        var slot = newest
        while slot != Self.none, let node = nodes[slot] {
            keys.append(node.key)
            slot = node.older
        }
        return keys
    }

    private mutating func moveToFront(_ slot: Int) {
        guard slot != newest, let node = nodes[slot] else { return }
        unlink(slot, node)
        nodes[slot]?.older = newest
        nodes[slot]?.newer = Self.none
        if newest != Self.none { nodes[newest]?.newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
    }

    private mutating func unlink(_ slot: Int, _ node: Node) {
        if node.newer != Self.none { nodes[node.newer]?.older = node.older } else { newest = node.older }
        if node.older != Self.none { nodes[node.older]?.newer = node.newer } else { oldest = node.newer }
    }
}

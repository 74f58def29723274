/// A dictionary that remembers use order and evicts the least recently used entries
/// once the summed cost passes a budget. Not thread-safe: ``ResponseCache`` keeps it
/// inside a lock.
///
/// Entries live in an array-backed doubly linked list (indices, not references), so
/// every operation is O(1) and nothing is reference-counted per entry.
///
/// With `countsStructure`, the store's own tables (the node array, the free list and
/// the key index, at their allocated capacity) count against the budget as well, so
/// the budget bounds the memory the store really holds, not only its values.
struct LRUStore<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var cost: Int
        var newer: Int
        var older: Int
    }

    private static var none: Int { -1 }

    /// The most the summed costs (plus ``structureBytes`` with `countsStructure`) may reach.
    let budget: Int
    /// Whether ``structureBytes`` counts against the budget.
    let countsStructure: Bool
    /// The summed costs of the entries.
    private(set) var totalCost = 0
    private var nodes: [Node?] = []
    private var free: [Int] = []
    private var index: [Key: Int] = [:]
    private var newest = LRUStore.none
    private var oldest = LRUStore.none

    init(budget: Int, countsStructure: Bool = false) {
        self.budget = max(0, budget)
        self.countsStructure = countsStructure
    }

    var count: Int { index.count }

    /// Bytes of the store's tables at their allocated capacity: the node slots, the
    /// free list, and the index's buckets (a Swift dictionary keeps its buckets at most
    /// three quarters full, in a power-of-two count, each holding a key and an `Int`,
    /// plus one bit of occupancy). Array and dictionary headers (32 bytes each) included.
    var structureBytes: Int {
        var buckets = 1
        while buckets * 3 / 4 < index.capacity { buckets <<= 1 }
        let indexBytes = index.capacity == 0 ? 0 : 32 + buckets * (MemoryLayout<Key>.stride + 8) + buckets / 8
        let nodeBytes = nodes.capacity == 0 ? 0 : 32 + nodes.capacity * MemoryLayout<Node?>.stride
        let freeBytes = free.capacity == 0 ? 0 : 32 + free.capacity * MemoryLayout<Int>.stride
        return indexBytes + nodeBytes + freeBytes
    }

    /// What counts against the budget now: the entries' costs, plus the tables with `countsStructure`.
    var usedBytes: Int { totalCost + (countsStructure ? structureBytes : 0) }

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

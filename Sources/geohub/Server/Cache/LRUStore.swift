/// A dictionary that remembers use order and evicts the least recently used entries
/// once the summed cost passes a budget. Not thread-safe: ``ResponseCache`` keeps it
/// inside a lock.
///
/// Entries live in an array-backed doubly linked list (indices, not references), so
/// every operation is O(1) and nothing is reference-counted per entry.
struct LRUStore<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var cost: Int
        var newer: Int
        var older: Int
    }

    private static var none: Int { -1 }

    /// The most the summed costs may reach.
    let budget: Int
    private(set) var totalCost = 0
    private var nodes: [Node?] = []
    private var free: [Int] = []
    private var index: [Key: Int] = [:]
    private var newest = LRUStore.none
    private var oldest = LRUStore.none

    init(budget: Int) { self.budget = max(0, budget) }

    var count: Int { index.count }

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
        while totalCost > budget, oldest != Self.none, let victim = nodes[oldest] {
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

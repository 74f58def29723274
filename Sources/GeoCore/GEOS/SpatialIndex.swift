internal import CGEOS

/// An R-tree (GEOS's Sort-Tile-Recursive tree) over geometries or boxes: finds the
/// items whose bounding boxes meet a query box, and the item nearest a geometry.
///
/// Items are numbered in insertion order from 0; queries return those numbers.
/// GEOS 3.11 has no explicit build call: the tree packs itself on the first query,
/// and inserting after that is refused (``insert(_:)-(Geometry)`` throws). Owns one
/// `GEOSSTRtree*` (`GEOSSTRtree_create_r`, NULL on error) freed once in `deinit`
/// with `GEOSSTRtree_destroy_r`; like its context it is used by one thread or task.
///
/// For many point-against-polygon predicates, ``SpatialJoin`` is faster: it
/// prepares the geometries and runs on every core.
public final class SpatialIndex {
    public let context: GEOSContext
    let tree: OpaquePointer
    /// The inserted geometries (boxes become rectangles), kept alive for the tree.
    private var items: [Geometry] = []
    private var isBuilt = false

    /// An empty tree.
    /// - Parameter nodeCapacity: children per node (GEOS recommends 10; at least 2).
    public init(context: GEOSContext, nodeCapacity: Int = 10) throws(GEOSError) {
        self.context = context
        self.tree = try context.check(
            GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity)),
            "GEOSSTRtree_create_r")
    }

    /// A tree over `geometries`, item `i` being `geometries[i]`.
    public convenience init(geometries: [Geometry], context: GEOSContext) throws(GEOSError) {
        try self.init(context: context)
        for g in geometries { try insert(g) }
    }

    /// A tree over boxes, item `i` being `boxes[i]`.
    public convenience init(boxes: [BoundingBox], context: GEOSContext) throws(GEOSError) {
        try self.init(context: context)
        for box in boxes { try insert(box) }
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, tree)
    }

    /// The number of items.
    public var count: Int { items.count }

    /// Adds a geometry, keyed by its bounding box (wraps `GEOSSTRtree_insert_r`).
    /// - Returns: the item's number.
    /// - Throws: ``GEOSError`` after the first query (the tree is packed then), or for
    ///   a geometry from another context.
    @discardableResult
    public func insert(_ geometry: Geometry) throws(GEOSError) -> Int {
        guard !isBuilt else {
            throw GEOSError(
                function: "GEOSSTRtree_insert_r",
                message: "cannot insert after the first query: GEOS packs the tree then")
        }
        guard geometry.context === context else {
            throw GEOSError(
                function: "GEOSSTRtree_insert_r",
                message: "the geometry belongs to another GEOSContext")
        }
        let index = items.count
        items.append(geometry)
        GEOSSTRtree_insert_r(context.handle, tree, geometry.handle, Self.item(index))
        return index
    }

    /// Adds a box (wraps `GEOSSTRtree_insert_r` with a rectangle from `GEOSGeom_createRectangle_r`).
    @discardableResult
    public func insert(_ box: BoundingBox) throws(GEOSError) -> Int {
        try insert(Geometry(box: box, context: context))
    }

    /// The item a number stands for in the tree: its index plus one, so 0 is never NULL.
    private static func item(_ index: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: index + 1)
    }

    private static func index(_ item: UnsafeRawPointer?) -> Int {
        Int(bitPattern: item) - 1
    }

    /// The items whose boxes meet `box` (touching counts), in increasing order.
    ///
    /// Wraps `GEOSSTRtree_query_r` (no return value; items arrive through a callback).
    public func query(_ box: BoundingBox) throws(GEOSError) -> [Int] {
        try query(intersecting: Geometry(box: box, context: context))
    }

    /// The items whose boxes meet the bounding box of `geometry`, in increasing order
    /// (wraps `GEOSSTRtree_query_r`). Test the exact predicate on the candidates.
    public func query(intersecting geometry: Geometry) throws(GEOSError) -> [Int] {
        isBuilt = true
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { found in
            GEOSSTRtree_query_r(
                context.handle, tree, geometry.handle,
                { item, userdata in
                    guard let userdata else { return }
                    userdata.assumingMemoryBound(to: [Int].self).pointee.append(SpatialIndex.index(item))
                }, found)
        }
        found.sort()
        return found
    }

    /// The item nearest to `geometry` by true GEOS distance (`GEOSDistance_r`), and that
    /// distance; nil for an empty tree. Among equally near items GEOS picks one.
    ///
    /// Wraps `GEOSSTRtree_nearest_generic_r` (NULL on error or for an empty tree) with a
    /// distance callback that returns 1 on success and 0 on error.
    public func nearest(to geometry: Geometry) throws(GEOSError) -> (index: Int, distance: Double)? {
        guard !items.isEmpty else { return nil }
        isBuilt = true
        let search = NearestSearch(context: context, items: items.map(\.handle), query: geometry.handle)
        let userdata = Unmanaged.passUnretained(search).toOpaque()
        let found = GEOSSTRtree_nearest_generic_r(
            context.handle, tree, NearestSearch.queryItem, geometry.handle,
            {
                a, b, distance, userdata in
                guard let userdata, let distance else { return 0 }
                let search = Unmanaged<NearestSearch>.fromOpaque(userdata).takeUnretainedValue()
                return search.distance(a, b, into: distance)
            }, userdata)
        withExtendedLifetime(search) {}
        guard let found else {
            if let failure = search.failure { throw failure }
            throw context.error("GEOSSTRtree_nearest_generic_r")
        }
        let index = Self.index(found)
        return (index, try geometry.distance(to: items[index]))
    }
}

/// The state of one nearest-neighbour search, reached from GEOS's C callback.
private final class NearestSearch {
    /// Stands for the query geometry among the tree's items (never a valid item pointer).
    static var queryItem: UnsafeRawPointer? { UnsafeRawPointer(bitPattern: -1) }

    let context: GEOSContext
    let items: [OpaquePointer]
    let query: OpaquePointer
    var failure: GEOSError?

    init(context: GEOSContext, items: [OpaquePointer], query: OpaquePointer) {
        self.context = context
        self.items = items
        self.query = query
    }

    private func geometry(_ item: UnsafeRawPointer?) -> OpaquePointer? {
        if item == Self.queryItem { return query }
        let index = Int(bitPattern: item) - 1
        return items.indices.contains(index) ? items[index] : nil
    }

    /// `GEOSDistance_r` (0 on error) between two items; returns 1 on success, 0 on error.
    func distance(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, into result: UnsafeMutablePointer<Double>) -> Int32 {
        guard let ga = geometry(a), let gb = geometry(b) else { return 0 }
        if GEOSDistance_r(context.handle, ga, gb, result) == 0 {
            failure = context.error("GEOSDistance_r")
            return 0
        }
        return 1
    }
}

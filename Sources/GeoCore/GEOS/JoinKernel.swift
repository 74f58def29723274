internal import CGEOS

/// One thread's GEOS state for a spatial join: its own ``GEOSContext`` and the
/// right-hand shapes, made into GEOS geometries and prepared (`GEOSPrepare_r`) the
/// first time a candidate needs them.
///
/// GEOS's prepared geometries build their indexes lazily, so they must never be
/// shared between threads: ``SpatialJoin`` gives every worker thread a kernel of its
/// own. Handles are owned here and freed once in `deinit` (prepared first, then the
/// geometry it points into).
final class JoinKernel {
    let context: GEOSContext
    private let shapes: [Shape]
    private let geometries: UnsafeMutableBufferPointer<OpaquePointer?>
    private let prepared: UnsafeMutableBufferPointer<OpaquePointer?>
    private let certificates: UnsafeMutableBufferPointer<CertificateSlot>
    private var tree: OpaquePointer?

    /// A right item's ``AreaCertificate``, computed on first use.
    private enum CertificateSlot {
        case unknown
        case none
        case some(AreaCertificate)
    }

    init(shapes: [Shape]) throws(GEOSError) {
        self.context = try GEOSContext()
        self.shapes = shapes
        geometries = .allocate(capacity: shapes.count)
        geometries.initialize(repeating: nil)
        prepared = .allocate(capacity: shapes.count)
        prepared.initialize(repeating: nil)
        certificates = .allocate(capacity: shapes.count)
        certificates.initialize(repeating: .unknown)
    }

    deinit {
        if let tree { GEOSSTRtree_destroy_r(context.handle, tree) }
        for p in prepared { if let p { GEOSPreparedGeom_destroy_r(context.handle, p) } }
        for g in geometries { if let g { GEOSGeom_destroy_r(context.handle, g) } }
        prepared.deallocate()
        geometries.deallocate()
        certificates.deallocate()
    }

    /// The GEOS geometry of right item `i`, made on first use.
    private func geometry(_ i: Int) throws(GEOSError) -> OpaquePointer {
        if let g = geometries[i] { return g }
        let g = try context.makeGEOSGeometry(shapes[i])
        geometries[i] = g
        return g
    }

    /// The prepared geometry of right item `i` (`GEOSPrepare_r`, NULL on error), made on first use.
    @inline(__always)
    private func preparedGeometry(_ i: Int) throws(GEOSError) -> OpaquePointer {
        if let p = prepared[i] { return p }
        let p = try context.check(GEOSPrepare_r(context.handle, try geometry(i)), "GEOSPrepare_r")
        prepared[i] = p
        return p
    }

    /// Whether `left PREDICATE right[i]`, decided by GEOS on the prepared right geometry
    /// (each `GEOSPrepared*_r` returns 1 true, 0 false, 2 error) or, for distances, by
    /// `GEOSDistanceWithin_r` unprepared with the left geometry first: exactly shapely's
    /// `dwithin` (GEOS 3.11's prepared distance takes another route that can differ in
    /// the last bit).
    @inline(__always)
    private func test(_ predicate: JoinPredicate, _ left: OpaquePointer, _ i: Int) throws(GEOSError) -> Bool {
        let h = context.handle
        switch predicate {
        case .within:
            let right = try preparedGeometry(i)
            return try context.check(predicate: GEOSPreparedContains_r(h, right, left), "GEOSPreparedContains_r")
        case .intersects:
            let right = try preparedGeometry(i)
            return try context.check(predicate: GEOSPreparedIntersects_r(h, right, left), "GEOSPreparedIntersects_r")
        case .contains:
            let right = try preparedGeometry(i)
            return try context.check(predicate: GEOSPreparedWithin_r(h, right, left), "GEOSPreparedWithin_r")
        case .covers:
            let right = try preparedGeometry(i)
            return try context.check(predicate: GEOSPreparedCoveredBy_r(h, right, left), "GEOSPreparedCoveredBy_r")
        case .coveredBy:
            let right = try preparedGeometry(i)
            return try context.check(predicate: GEOSPreparedCovers_r(h, right, left), "GEOSPreparedCovers_r")
        case .touches:
            let right = try preparedGeometry(i)
            return try context.check(predicate: GEOSPreparedTouches_r(h, right, left), "GEOSPreparedTouches_r")
        case .withinDistance(let d):
            let right = try geometry(i)
            return try context.check(predicate: GEOSDistanceWithin_r(h, left, right, d), "GEOSDistanceWithin_r")
        }
    }

    /// The certificate of right item `i` (see ``AreaCertificate``), made on first use;
    /// nil for shapes that are not polygons.
    @inline(__always)
    func certificate(_ i: Int) throws(GEOSError) -> AreaCertificate? {
        switch certificates[i] {
        case .some(let certificate): return certificate
        case .none: return nil
        case .unknown:
            let made = try context.areaCertificate(
                shape: shapes[i], geometry: try geometry(i), prepared: try preparedGeometry(i))
            certificates[i] = made.map { .some($0) } ?? .none
            return made
        }
    }

    /// Appends to `matches` each candidate `i` for which `point PREDICATE right[i]`.
    ///
    /// For `within`, `intersects`, `coveredBy` and `touches` against polygons, a point
    /// that a shape's ``AreaCertificate`` places surely inside or outside is answered
    /// from that (inside: the first three hold, `touches` does not; outside: none
    /// holds). Every other test is GEOS's, on one GEOS point made for all of them
    /// (`GEOSGeom_createPointFromXY_r`, NULL on error).
    func match(
        point: Coordinate, candidates: UnsafeBufferPointer<Int32>, predicate: JoinPredicate,
        into matches: inout [Int32]
    ) throws(GEOSError) {
        let certified: Bool
        let interiorAnswer: Bool
        switch predicate {
        case .within, .intersects, .coveredBy:
            certified = true
            interiorAnswer = true
        case .touches:
            certified = true
            interiorAnswer = false
        case .contains, .covers, .withinDistance:
            certified = false
            interiorAnswer = false
        }
        var left: OpaquePointer?
        defer { if let left { GEOSGeom_destroy_r(context.handle, left) } }
        for i in candidates {
            if certified, let certificate = try certificate(Int(i)) {
                switch certificate.verdict(point) {
                case .interior:
                    if interiorAnswer { matches.append(i) }
                    continue
                case .exterior:
                    continue
                case .unknown:
                    break
                }
            }
            let probe: OpaquePointer
            if let left {
                probe = left
            } else {
                probe = try context.check(
                    GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y), "GEOSGeom_createPointFromXY_r")
                left = probe
            }
            if try test(predicate, probe, Int(i)) { matches.append(i) }
        }
    }

    /// The GEOS distance from `point` to right item `i` (0 when the point is inside it),
    /// through the prepared geometry's segment index.
    ///
    /// Wraps `GEOSPreparedDistance_r` (0 on error) on a point from
    /// `GEOSGeom_createPointFromXY_r` (NULL on error). For a point this is the true
    /// distance (a prepared polygon answers 0 inside; a point cannot lie inside a line),
    /// but summed another way than GEOS's `DistanceOp` behind shapely's `dwithin`, so
    /// it can differ from that in the last bits: callers decide near-ties with
    /// ``isWithinDistance(_:from:toRight:)``.
    func distance(from point: Coordinate, toRight i: Int) throws(GEOSError) -> Double {
        let right = try preparedGeometry(i)
        let left = try context.check(
            GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y),
            "GEOSGeom_createPointFromXY_r")
        defer { GEOSGeom_destroy_r(context.handle, left) }
        var value = 0.0
        try context.check(
            status: GEOSPreparedDistance_r(context.handle, right, left, &value), "GEOSPreparedDistance_r")
        return value
    }

    /// Whether `point` is within `limit` of right item `i`: GEOS's own decision, made
    /// as shapely's `dwithin` makes it (`GEOSDistanceWithin_r`, unprepared, the point
    /// first: 1 true, 0 false, 2 error), for the rare distance too close to the limit
    /// to settle from its value.
    func isWithinDistance(_ limit: Double, from point: Coordinate, toRight i: Int) throws(GEOSError) -> Bool {
        let right = try geometry(i)
        let left = try context.check(
            GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y),
            "GEOSGeom_createPointFromXY_r")
        defer { GEOSGeom_destroy_r(context.handle, left) }
        return try context.check(
            predicate: GEOSDistanceWithin_r(context.handle, left, right, limit), "GEOSDistanceWithin_r")
    }

    /// Appends to `matches` each candidate `i` for which `shape PREDICATE right[i]`.
    func match(
        shape: Shape, candidates: [Int32], predicate: JoinPredicate,
        into matches: inout [Int32]
    ) throws(GEOSError) {
        let left = try context.makeGEOSGeometry(shape)
        defer { GEOSGeom_destroy_r(context.handle, left) }
        for i in candidates where try test(predicate, left, Int(i)) {
            matches.append(i)
        }
    }

    /// The right item nearest to `point` and its distance, or nil when there are no
    /// non-empty right items.
    ///
    /// Uses a GEOS STRtree over the right geometries, built once per kernel
    /// (`GEOSSTRtree_create_r` NULL on error, `GEOSSTRtree_insert_r`), searched with
    /// `GEOSSTRtree_nearest_generic_r` (NULL on error or empty tree) whose callback
    /// measures with `GEOSDistance_r` (0 on error) and returns 1 on success, 0 on error.
    func nearest(to point: Coordinate) throws(GEOSError) -> (index: Int32, distance: Double)? {
        let tree = try nearestTree()
        guard let tree else { return nil }
        let query = try context.check(
            GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y),
            "GEOSGeom_createPointFromXY_r")
        defer { GEOSGeom_destroy_r(context.handle, query) }
        var search = NearestQuery(handle: context.handle, geometries: UnsafeBufferPointer(geometries), query: query)
        let found = withUnsafeMutablePointer(to: &search) { search in
            GEOSSTRtree_nearest_generic_r(
                context.handle, tree, nil, query,
                { a, b, distance, userdata in
                    guard let userdata, let distance else { return 0 }
                    let search = userdata.assumingMemoryBound(to: NearestQuery.self)
                    guard let ga = search.pointee.geometry(a), let gb = search.pointee.geometry(b) else { return 0 }
                    return GEOSDistance_r(search.pointee.handle, ga, gb, distance) == 0 ? 0 : 1
                }, search)
        }
        guard let found else { throw context.error("GEOSSTRtree_nearest_generic_r") }
        let index = Int(bitPattern: found) - 1
        var distance = 0.0
        try context.check(
            status: GEOSDistance_r(context.handle, query, try geometry(index), &distance),
            "GEOSDistance_r")
        return (Int32(index), distance)
    }

    /// The STRtree over all non-empty right geometries, item `i + 1` for index `i`; nil if none.
    private func nearestTree() throws(GEOSError) -> OpaquePointer? {
        if let tree { return tree }
        var inserted = 0
        let tree = try context.check(GEOSSTRtree_create_r(context.handle, 10), "GEOSSTRtree_create_r")
        self.tree = tree
        for i in shapes.indices where !shapes[i].isEmpty {
            GEOSSTRtree_insert_r(context.handle, tree, try geometry(i), UnsafeMutableRawPointer(bitPattern: i + 1))
            inserted += 1
        }
        return inserted == 0 ? nil : tree
    }
}

/// What the nearest-neighbour distance callback needs: item `i + 1` is right geometry
/// `i`; the NULL item is the query point.
private struct NearestQuery {
    let handle: GEOSContextHandle_t
    let geometries: UnsafeBufferPointer<OpaquePointer?>
    let query: OpaquePointer

    func geometry(_ item: UnsafeRawPointer?) -> OpaquePointer? {
        guard let item else { return query }
        let index = Int(bitPattern: item) - 1
        return geometries.indices.contains(index) ? geometries[index] : nil
    }
}

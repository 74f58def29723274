internal import CProj

extension Transformer {
    /// Transforms every coordinate of `shape`, keeping its structure.
    ///
    /// All coordinates are gathered into one buffer and transformed with a single
    /// `proj_trans_generic` call, then put back in order.
    ///
    /// - Throws: ``PROJError`` when any coordinate cannot be transformed.
    public func transform(_ shape: Shape, direction: TransformDirection = .forward) throws(PROJError) -> Shape {
        if case .point(let c) = shape { return .point(try transform(c, direction: direction)) }
        var flat: [Coordinate] = []
        shape.forEachCoordinate { flat.append($0) }
        try transform(&flat, direction: direction)
        var index = 0
        return shape.mapCoordinates { _ in
            defer { index += 1 }
            return flat[index]
        }
    }

    /// Transforms a feature's shape, keeping its id and properties.
    public func transform(_ feature: Feature, direction: TransformDirection = .forward) throws(PROJError) -> Feature {
        var copy = feature
        copy.shape = try transform(feature.shape, direction: direction)
        return copy
    }

    /// The box, in the other CRS, that holds the transform of every point of `box`.
    ///
    /// A box's image is generally not a box (a projected rectangle has curved
    /// edges in degrees), so transforming its corners is not enough. PROJ's
    /// `proj_trans_bounds` samples `densifyPoints` extra points along each edge
    /// and takes their extent, and handles a geographic target that crosses the
    /// antimeridian (then the result has `minX > maxX`). It returns 1 on success,
    /// 0 on failure.
    ///
    /// - Parameters:
    ///   - box: the box in the source CRS (target CRS for `.inverse`).
    ///   - densifyPoints: points added along each edge (21, as pyproj's `transform_bounds`).
    /// - Throws: ``PROJError`` when PROJ cannot transform the box.
    public func transform(_ box: BoundingBox, direction: TransformDirection = .forward, densifyPoints: Int = 21)
        throws(PROJError) -> BoundingBox
    {
        guard densifyPoints >= 0, densifyPoints <= 10_000 else {
            throw PROJError(
                operation: "proj_trans_bounds", message: "densifyPoints must be in 0...10000, got \(densifyPoints)")
        }
        var west = 0.0
        var south = 0.0
        var east = 0.0
        var north = 0.0
        let ok = try withOperation { context, operation in
            proj_trans_bounds(
                context, operation, direction.pjDirection, box.minX, box.minY, box.maxX, box.maxY,
                &west, &south, &east, &north, Int32(densifyPoints))
        }
        guard ok != 0, west.isFinite, south.isFinite, east.isFinite, north.isFinite else {
            throw operationError("proj_trans_bounds", fallback: "the box could not be transformed")
        }
        return BoundingBox(minX: west, minY: south, maxX: east, maxY: north)
    }
}

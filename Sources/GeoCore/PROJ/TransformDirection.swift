internal import CProj

/// Which way a ``Transformer`` runs: from its source CRS to its target, or back.
public enum TransformDirection: Sendable, Hashable {
    /// Source CRS → target CRS.
    case forward
    /// Target CRS → source CRS.
    case inverse

    /// The opposite direction.
    public var reversed: TransformDirection { self == .forward ? .inverse : .forward }

    /// PROJ's `PJ_DIRECTION` (`PJ_FWD`, `PJ_INV`).
    var pjDirection: PJ_DIRECTION { self == .forward ? PJ_FWD : PJ_INV }
}

/// What a batch transform does with points PROJ cannot transform (PROJ sets them to
/// infinity, e.g. a pole in Web Mercator or a point far outside a projection's domain).
public enum TransformFailurePolicy: Sendable, Hashable {
    /// Throw a ``PROJError`` naming how many points failed and the first index.
    case throwError
    /// Leave the failed points non-finite (`.infinity`) and carry on; the caller
    /// checks `Coordinate.isFinite`.
    case keepNonFinite
}

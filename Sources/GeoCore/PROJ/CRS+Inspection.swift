internal import CProj
import Foundation

extension CRS {
    /// Builds the CRS with PROJ on this thread's context and reads its metadata.
    ///
    /// Wraps `proj_create` (NULL on failure), `proj_is_crs` (1 when a CRS),
    /// `proj_get_type`, `proj_get_name` (NULL when unnamed), `proj_get_area_of_use`
    /// (0 when unknown), `proj_crs_get_coordinate_system` (NULL on failure) and
    /// `proj_cs_get_axis_info` (0 on failure).
    static func inspect(definition: String) throws(PROJError) -> CRS {
        let context = try PROJThreadCache.current().context
        let object = try PROJObject.create(definition, in: context)
        guard proj_is_crs(object.handle) != 0 else {
            throw PROJError(
                operation: "proj_is_crs",
                message: "'\(definition)' is a coordinate operation, not a coordinate reference system")
        }
        let name = proj_get_name(object.handle).map { String(cString: $0) } ?? definition
        let horizontal = try horizontalCRS(of: object)
        let kind = kind(of: proj_get_type(horizontal.handle))
        let (unitName, unitToSI) = try firstAxisUnit(of: horizontal)
        return CRS(
            definition: definition, kind: kind, name: name, unitName: unitName, unitToSI: unitToSI,
            areaOfUse: areaOfUse(of: object))
    }

    /// The CRS that carries the horizontal axes: the source CRS of a bound CRS
    /// (`+towgs84`), the first component of a compound CRS, else the CRS itself.
    private static func horizontalCRS(of object: PROJObject) throws(PROJError) -> PROJObject {
        let context = object.context
        switch proj_get_type(object.handle) {
        case PJ_TYPE_BOUND_CRS:
            let base = try PROJObject(
                proj_get_source_crs(context.handle, object.handle), context: context,
                operation: "proj_get_source_crs")
            return try horizontalCRS(of: base)
        case PJ_TYPE_COMPOUND_CRS:
            let first = try PROJObject(
                proj_crs_get_sub_crs(context.handle, object.handle, 0), context: context,
                operation: "proj_crs_get_sub_crs")
            return try horizontalCRS(of: first)
        default:
            return object
        }
    }

    private static func kind(of type: PJ_TYPE) -> Kind {
        switch type {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_GEOGRAPHIC_CRS: .geographic
        case PJ_TYPE_PROJECTED_CRS: .projected
        case PJ_TYPE_GEOCENTRIC_CRS: .geocentric
        case PJ_TYPE_COMPOUND_CRS: .compound
        default: .other
        }
    }

    /// The unit name and its SI conversion factor of axis 0.
    private static func firstAxisUnit(of crs: PROJObject) throws(PROJError) -> (String, Double) {
        let context = crs.context
        let cs = try PROJObject(
            proj_crs_get_coordinate_system(context.handle, crs.handle), context: context,
            operation: "proj_crs_get_coordinate_system")
        var factor = 0.0
        var unitName: UnsafePointer<CChar>?
        guard proj_cs_get_axis_info(context.handle, cs.handle, 0, nil, nil, nil, &factor, &unitName, nil, nil) != 0
        else { throw context.error("proj_cs_get_axis_info") }
        return (unitName.map { String(cString: $0) } ?? "unknown", factor)
    }

    private static func areaOfUse(of object: PROJObject) -> BoundingBox? {
        var west = 0.0
        var south = 0.0
        var east = 0.0
        var north = 0.0
        guard proj_get_area_of_use(object.context.handle, object.handle, &west, &south, &east, &north, nil) != 0,
            west > -1000, south > -1000  // PROJ reports -1000 for "unknown"
        else { return nil }
        return BoundingBox(west: west, south: south, east: east, north: north)
    }
}

/// A process-wide cache of validated CRSs keyed by normalised definition, so that
/// parsing `"EPSG:6678"` a second time does not go back to PROJ's database.
final class CRSRegistry: @unchecked Sendable {
    static let shared = CRSRegistry()
    private let lock = NSLock()
    private var known: [String: CRS] = [:]

    func lookup(_ definition: String) -> CRS? {
        lock.withLock { known[definition] }
    }

    func store(_ crs: CRS) {
        lock.withLock {
            if known.count > 1024 { known.removeAll() }
            known[crs.definition] = crs
        }
    }
}

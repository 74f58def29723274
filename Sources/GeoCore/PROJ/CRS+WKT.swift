internal import CProj
import Foundation

extension CRS {
    /// The CRS as OGC WKT 1 (GDAL flavour), the form GeoPackage's
    /// `gpkg_spatial_ref_sys.definition` column and most GIS tools expect.
    ///
    /// Wraps `proj_as_wkt` with `PJ_WKT1_GDAL` (NULL when the CRS cannot be expressed
    /// in that dialect; the string belongs to the PJ object and is copied here).
    /// - Throws: ``PROJError`` with PROJ's message.
    public func wkt1() throws(PROJError) -> String {
        let context = try PROJThreadCache.current().context
        let object = try PROJObject.create(definition, in: context)
        guard let text = proj_as_wkt(context.handle, object.handle, PJ_WKT1_GDAL, nil) else {
            throw context.error("proj_as_wkt", fallback: "PROJ cannot write '\(definition)' as WKT 1")
        }
        return String(cString: text)
    }
}

import Foundation

/// The GeoPackage geometry BLOB (GeoPackage 1.3, clause 2.1.3): a small header
/// ("GP", version 0, flags, srs_id, envelope) followed by standard WKB.
///
/// The WKB itself comes from GEOS (`Geometry.wkb()`); only the header, which GEOS
/// does not know, is assembled here.
enum GeoPackageGeometry {
    /// Encodes `shape` as a GeoPackage geometry with an [minx, maxx, miny, maxy] envelope.
    static func blob(for shape: Shape, srsID: Int32, context: GEOSContext) throws(GEOSError) -> Data {
        let wkb = try Geometry(shape, context: context).wkb(byteOrder: .littleEndian)
        var data = Data([0x47, 0x50, 0x00])  // "GP", version 0 (= GeoPackage 1.0+)
        guard let box = shape.boundingBox else {
            // Flags: little endian (bit 0), no envelope, empty geometry (bit 4).
            data.append(0b0001_0001)
            append(srsID, to: &data)
            data.append(wkb)
            return data
        }
        // Flags: little endian (bit 0), envelope kind 1 = [minx, maxx, miny, maxy] (bits 1–3).
        data.append(0b0000_0011)
        append(srsID, to: &data)
        for value in [box.minX, box.maxX, box.minY, box.maxY] { append(value, to: &data) }
        data.append(wkb)
        return data
    }

    private static func append(_ value: Int32, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func append(_ value: Double, to data: inout Data) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
}

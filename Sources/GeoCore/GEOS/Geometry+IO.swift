internal import CGEOS
import Foundation

/// WKB byte order.
public enum WKBByteOrder: Sendable, Hashable {
    case littleEndian
    case bigEndian

    /// The `GEOSWKBByteOrders` value.
    var geosValue: Int32 {
        switch self {
        case .littleEndian: Int32(GEOS_WKB_NDR.rawValue)
        case .bigEndian: Int32(GEOS_WKB_XDR.rawValue)
        }
    }
}

extension Geometry {
    // MARK: WKT

    /// Parses Well-Known Text (wraps `GEOSWKTReader_read_r`, NULL on error).
    ///
    /// GEOS 3.11's reader stops after the first complete geometry and ignores any
    /// text after it (`POINT (1 2) x` reads as the point); newer GEOS refuses that.
    /// - Throws: ``GEOSError`` with GEOS's parse message, e.g.
    ///   `ParseException: Expected word but encountered end of stream`.
    public convenience init(wkt: String, context: GEOSContext) throws(GEOSError) {
        let reader = try context.wktReaderHandle()
        try self.init(
            result: GEOSWKTReader_read_r(context.handle, reader, wkt), context: context,
            "GEOSWKTReader_read_r")
    }

    /// Well-Known Text of the geometry, as shapely's `to_wkt` writes it.
    ///
    /// Wraps a `GEOSWKTWriter` (`GEOSWKTWriter_create_r` NULL on error,
    /// `GEOSWKTWriter_write_r` NULL on error, text freed with `GEOSFree_r`), with
    /// trailing zeros trimmed and two dimensions. At full precision GEOS writes 16
    /// significant digits, which can move the 17th digit of a coordinate: use WKB
    /// (or `precision: 17`) when a copy must be exact.
    /// - Parameter precision: decimal places to round to; nil writes 16 significant digits.
    public func wkt(precision: Int? = nil) throws(GEOSError) -> String {
        let writer = try context.check(GEOSWKTWriter_create_r(context.handle), "GEOSWKTWriter_create_r")
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        GEOSWKTWriter_setOutputDimension_r(context.handle, writer, 2)
        GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(clamping: precision ?? -1))
        return try context.takeString(GEOSWKTWriter_write_r(context.handle, writer, handle), "GEOSWKTWriter_write_r")
    }

    // MARK: WKB

    /// Parses Well-Known Binary, either byte order (wraps `GEOSWKBReader_read_r`, NULL on error).
    public convenience init(wkb: Data, context: GEOSContext) throws(GEOSError) {
        let reader = try context.wkbReaderHandle()
        let result = wkb.withUnsafeBytes { bytes in
            GEOSWKBReader_read_r(context.handle, reader, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        }
        try self.init(result: result, context: context, "GEOSWKBReader_read_r")
    }

    /// Parses hex-encoded WKB, upper or lower case (wraps `GEOSWKBReader_readHEX_r`, NULL on error).
    public convenience init(wkbHex: String, context: GEOSContext) throws(GEOSError) {
        let reader = try context.wkbReaderHandle()
        let bytes = Array(wkbHex.utf8)
        let result = bytes.withUnsafeBufferPointer { hex in
            GEOSWKBReader_readHEX_r(context.handle, reader, hex.baseAddress, hex.count)
        }
        try self.init(result: result, context: context, "GEOSWKBReader_readHEX_r")
    }

    /// Well-Known Binary, two dimensions, no SRID.
    ///
    /// Wraps `GEOSWKBWriter_write_r` (NULL on error; the buffer is freed with `GEOSFree_r`).
    public func wkb(byteOrder: WKBByteOrder = .littleEndian) throws(GEOSError) -> Data {
        try withWKBWriter(byteOrder) { writer throws(GEOSError) in
            var size = 0
            let bytes = try context.check(
                GEOSWKBWriter_write_r(context.handle, writer, handle, &size),
                "GEOSWKBWriter_write_r")
            defer { GEOSFree_r(context.handle, bytes) }
            return Data(bytes: bytes, count: size)
        }
    }

    /// Hex-encoded WKB (upper case), two dimensions, no SRID.
    ///
    /// Wraps `GEOSWKBWriter_writeHEX_r` (NULL on error; the buffer is freed with `GEOSFree_r`).
    public func wkbHex(byteOrder: WKBByteOrder = .littleEndian) throws(GEOSError) -> String {
        try withWKBWriter(byteOrder) { writer throws(GEOSError) in
            var size = 0
            let bytes = try context.check(
                GEOSWKBWriter_writeHEX_r(context.handle, writer, handle, &size),
                "GEOSWKBWriter_writeHEX_r")
            defer { GEOSFree_r(context.handle, bytes) }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
        }
    }

    /// Runs `body` with a fresh WKB writer (`GEOSWKBWriter_create_r`, NULL on error).
    private func withWKBWriter<T>(_ byteOrder: WKBByteOrder, _ body: (OpaquePointer) throws(GEOSError) -> T)
        throws(GEOSError) -> T
    {
        let writer = try context.check(GEOSWKBWriter_create_r(context.handle), "GEOSWKBWriter_create_r")
        defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, byteOrder.geosValue)
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
        return try body(writer)
    }

    // MARK: GeoJSON

    /// Parses a GeoJSON geometry object (or the geometries of a Feature or
    /// FeatureCollection, as GEOS reads them); wraps `GEOSGeoJSONReader_readGeometry_r`
    /// (NULL on error). Properties are not read: use the Formats GeoJSON reader for features.
    public convenience init(geoJSON: String, context: GEOSContext) throws(GEOSError) {
        let reader = try context.geoJSONReaderHandle()
        try self.init(
            result: GEOSGeoJSONReader_readGeometry_r(context.handle, reader, geoJSON), context: context,
            "GEOSGeoJSONReader_readGeometry_r")
    }

    /// The geometry as a GeoJSON geometry object, compact (wraps
    /// `GEOSGeoJSONWriter_writeGeometry_r` with indent -1, NULL on error; freed with `GEOSFree_r`).
    public func geoJSON() throws(GEOSError) -> String {
        let writer = try context.geoJSONWriterHandle()
        return try context.takeString(
            GEOSGeoJSONWriter_writeGeometry_r(context.handle, writer, handle, -1),
            "GEOSGeoJSONWriter_writeGeometry_r")
    }
}

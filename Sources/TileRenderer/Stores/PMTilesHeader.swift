import Foundation
import GeoCore

/// The fixed 127-byte PMTiles v3 header (little-endian integers).
struct PMTilesHeader: Sendable, Hashable {
    var rootOffset: UInt64 = 0
    var rootLength: UInt64 = 0
    var metadataOffset: UInt64 = 0
    var metadataLength: UInt64 = 0
    var leafOffset: UInt64 = 0
    var leafLength: UInt64 = 0
    var tileDataOffset: UInt64 = 0
    var tileDataLength: UInt64 = 0
    var addressedTiles: UInt64 = 0
    var tileEntries: UInt64 = 0
    var tileContents: UInt64 = 0
    var clustered = true
    /// 2 = gzip (directories and metadata).
    var internalCompression: UInt8 = 2
    /// 1 = none (PNG is compressed already).
    var tileCompression: UInt8 = 1
    /// 2 = PNG.
    var tileType: UInt8 = 2
    var minZoom: UInt8 = 0
    var maxZoom: UInt8 = 0
    var bounds = BoundingBox(minX: -180, minY: -85, maxX: 180, maxY: 85)
    var centerZoom: UInt8 = 0
    var center = Coordinate(x: 0, y: 0)

    func serialized() -> Data {
        var out = Data("PMTiles".utf8)
        out.append(3)
        for v in [
            rootOffset, rootLength, metadataOffset, metadataLength, leafOffset, leafLength, tileDataOffset,
            tileDataLength, addressedTiles, tileEntries, tileContents,
        ] {
            withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
        }
        out.append(contentsOf: [clustered ? 1 : 0, internalCompression, tileCompression, tileType, minZoom, maxZoom])
        for degrees in [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY] {
            withUnsafeBytes(of: PMTilesHeader.e7(degrees).littleEndian) { out.append(contentsOf: $0) }
        }
        out.append(centerZoom)
        for degrees in [center.x, center.y] {
            withUnsafeBytes(of: PMTilesHeader.e7(degrees).littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    init() {}

    /// Parses a header; nil unless it starts with `PMTiles` and version 3.
    init?(_ bytes: Data) {
        let b = [UInt8](bytes.prefix(127))
        guard b.count == 127, b[0..<7].elementsEqual("PMTiles".utf8), b[7] == 3 else { return nil }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
        func i32(_ at: Int) -> Double {
            Double(Int32(bitPattern: (0..<4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) })) / 1e7
        }
        rootOffset = u64(8)
        rootLength = u64(16)
        metadataOffset = u64(24)
        metadataLength = u64(32)
        leafOffset = u64(40)
        leafLength = u64(48)
        tileDataOffset = u64(56)
        tileDataLength = u64(64)
        addressedTiles = u64(72)
        tileEntries = u64(80)
        tileContents = u64(88)
        clustered = b[96] == 1
        internalCompression = b[97]
        tileCompression = b[98]
        tileType = b[99]
        minZoom = b[100]
        maxZoom = b[101]
        bounds = BoundingBox(minX: i32(102), minY: i32(106), maxX: i32(110), maxY: i32(114))
        centerZoom = b[118]
        center = Coordinate(x: i32(119), y: i32(123))
    }

    static func e7(_ degrees: Double) -> Int32 {
        Int32(clamping: Int64((degrees * 1e7).rounded()))
    }
}

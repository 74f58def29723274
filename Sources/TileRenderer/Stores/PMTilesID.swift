import GeoCore

/// PMTiles v3 tile ids: the position of a tile on the sequence of Hilbert curves that
/// cover zoom 0, 1, 2, … in turn (all tiles of lower zooms come first).
///
/// The bit manipulation follows the specification's reference algorithm step by step
/// (including its signed intermediate values), and tests check it against the `pmtiles`
/// Python package.
enum PMTilesID {
    /// The id of `tile`.
    static func id(_ tile: TileID) -> UInt64 {
        let z = tile.z
        var acc = ((Int64(1) << (2 * Int64(z))) - 1) / 3
        var x = Int64(tile.x)
        var y = Int64(tile.y)
        var a = z - 1
        while a >= 0 {
            let s = Int64(1) << Int64(a)
            let rx = s & x
            let ry = s & y
            acc += ((3 * rx) ^ ry) << Int64(a)
            (x, y) = rotate(s, x, y, rx, ry)
            a -= 1
        }
        return UInt64(acc)
    }

    /// The tile with PMTiles id `id`, nil beyond zoom 30.
    static func tile(_ id: UInt64) -> TileID? {
        var z = 0
        while z <= TileID.maxZoom && ((UInt64(1) << (2 * UInt64(z + 1))) - 1) / 3 <= id { z += 1 }
        guard z <= TileID.maxZoom else { return nil }
        let acc = ((UInt64(1) << (2 * UInt64(z))) - 1) / 3
        var position = Int64(id - acc)
        var x: Int64 = 0
        var y: Int64 = 0
        var s: Int64 = 1
        let n = Int64(1) << Int64(z)
        while s < n {
            let rx = (position / 2) & s
            let ry = (position ^ rx) & s
            (x, y) = rotate(s, x, y, rx, ry)
            x += rx
            y += ry
            position >>= 1
            s <<= 1
        }
        return try? TileID(z: z, x: Int(x), y: Int(y))
    }

    private static func rotate(_ n: Int64, _ x: Int64, _ y: Int64, _ rx: Int64, _ ry: Int64) -> (Int64, Int64) {
        guard ry == 0 else { return (x, y) }
        if rx != 0 { return (n - 1 - y, n - 1 - x) }
        return (y, x)
    }
}

/// One PMTiles directory entry: a run of `runLength` tiles starting at `tileID` whose
/// bytes are at `offset` (relative to the tile data section), or, with `runLength` 0,
/// a leaf directory at `offset` (relative to the leaf section).
struct PMTilesEntry: Sendable, Hashable {
    var tileID: UInt64
    var offset: UInt64
    var length: UInt32
    var runLength: UInt32
}

/// The directory encoding of PMTiles v3: an entry count, then delta-coded tile ids,
/// run lengths, lengths and offsets (0 meaning "right after the previous entry") as
/// little-endian base-128 varints, column by column.
enum PMTilesDirectory {
    static func serialize(_ entries: [PMTilesEntry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 6 + 8)
        appendVarint(UInt64(entries.count), &out)
        var last: UInt64 = 0
        for e in entries {
            appendVarint(e.tileID - last, &out)
            last = e.tileID
        }
        for e in entries { appendVarint(UInt64(e.runLength), &out) }
        for e in entries { appendVarint(UInt64(e.length), &out) }
        for (i, e) in entries.enumerated() {
            if i > 0 && e.offset == entries[i - 1].offset + UInt64(entries[i - 1].length) {
                appendVarint(0, &out)
            } else {
                appendVarint(e.offset + 1, &out)
            }
        }
        return out
    }

    static func deserialize(_ bytes: [UInt8]) -> [PMTilesEntry]? {
        var position = 0
        func next() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.count && shift < 64 {
                let byte = bytes[position]
                position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }
        guard let count = next(), count <= UInt64(bytes.count) else { return nil }
        var entries = [PMTilesEntry](
            repeating: PMTilesEntry(tileID: 0, offset: 0, length: 0, runLength: 0),
            count: Int(count))
        var last: UInt64 = 0
        for i in 0..<entries.count {
            guard let delta = next() else { return nil }
            last += delta
            entries[i].tileID = last
        }
        for i in 0..<entries.count {
            guard let v = next(), let run = UInt32(exactly: v) else { return nil }
            entries[i].runLength = run
        }
        for i in 0..<entries.count {
            guard let v = next(), let length = UInt32(exactly: v) else { return nil }
            entries[i].length = length
        }
        for i in 0..<entries.count {
            guard let v = next() else { return nil }
            if v == 0 && i > 0 {
                entries[i].offset = entries[i - 1].offset + UInt64(entries[i - 1].length)
            } else {
                guard v > 0 else { return nil }
                entries[i].offset = v - 1
            }
        }
        return entries
    }

    static func appendVarint(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}

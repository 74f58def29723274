extension TileID {
    /// The tile one zoom out that contains this one, nil at zoom 0.
    public var parent: TileID? {
        z == 0 ? nil : TileID(unchecked: z - 1, x >> 1, y >> 1)
    }

    /// The tile at `zoom` (≤ this zoom) that contains this one.
    ///
    /// - Throws: ``TileError`` when `zoom` is negative or deeper than this tile.
    public func ancestor(atZoom zoom: Int) throws(TileError) -> TileID {
        guard (0...z).contains(zoom) else { throw TileError("ancestor zoom \(zoom) must be in 0...\(z)") }
        let shift = z - zoom
        return TileID(unchecked: zoom, x >> shift, y >> shift)
    }

    /// The four tiles one zoom in, in mercantile's order: top-left, top-right,
    /// bottom-right, bottom-left. Empty at ``maxZoom``.
    public var children: [TileID] {
        guard z < TileID.maxZoom else { return [] }
        let (cx, cy) = (x * 2, y * 2)
        return [
            TileID(unchecked: z + 1, cx, cy), TileID(unchecked: z + 1, cx + 1, cy),
            TileID(unchecked: z + 1, cx + 1, cy + 1), TileID(unchecked: z + 1, cx, cy + 1),
        ]
    }

    /// Every tile at `zoom` (≥ this zoom) inside this one, as a range (not materialised).
    ///
    /// - Throws: ``TileError`` when `zoom` is shallower than this tile or beyond ``maxZoom``.
    public func descendants(atZoom zoom: Int) throws(TileError) -> TileRange {
        guard (z...TileID.maxZoom).contains(zoom) else {
            throw TileError("descendant zoom \(zoom) must be in \(z)...\(TileID.maxZoom)")
        }
        let shift = zoom - z
        let side = 1 << shift
        return TileRange(
            unchecked: zoom, minX: x << shift, maxX: (x << shift) + side - 1,
            minY: y << shift, maxY: (y << shift) + side - 1)
    }

    /// Whether `other` is this tile or lies inside it.
    public func contains(_ other: TileID) -> Bool {
        other.z >= z && (other.x >> (other.z - z)) == x && (other.y >> (other.z - z)) == y
    }

    /// The Bing Maps quadkey: one digit 0–3 per zoom level (`""` for 0/0/0).
    public var quadkey: String {
        var digits = [UInt8]()
        digits.reserveCapacity(z)
        for level in stride(from: z, to: 0, by: -1) {
            let mask = 1 << (level - 1)
            var digit: UInt8 = 0
            if x & mask != 0 { digit += 1 }
            if y & mask != 0 { digit += 2 }
            digits.append(UInt8(ascii: "0") + digit)
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The tile named by a quadkey (`""` is 0/0/0).
    ///
    /// - Throws: ``TileError`` for a character other than 0–3 or more than ``maxZoom`` digits.
    public init(quadkey: String) throws(TileError) {
        let digits = Array(quadkey.utf8)
        guard digits.count <= TileID.maxZoom else {
            throw TileError("quadkey has \(digits.count) digits; at most \(TileID.maxZoom) are allowed")
        }
        var x = 0
        var y = 0
        for (i, byte) in digits.enumerated() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(byte) else {
                throw TileError("quadkey digit \(i + 1) of '\(quadkey.prefix(40))' is not 0, 1, 2 or 3")
            }
            let digit = Int(byte - UInt8(ascii: "0"))
            x = (x << 1) | (digit & 1)
            y = (y << 1) | (digit >> 1)
        }
        self.init(unchecked: digits.count, x, y)
    }
}

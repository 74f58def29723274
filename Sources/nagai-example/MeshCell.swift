import GeoCore

/// A JIS X 0410 grid square (地域メッシュ) of the 500 m or 250 m level, addressed by integer
/// row and column so codes and centres never suffer from floating-point edges.
///
/// Generator-private: GeoCore's mesh module (being written on another branch) is the product's
/// implementation. The arithmetic here is the standard's: a 1st-level square is 40′ of latitude
/// by 1° of longitude (code `pp uu`, p = ⌊lat × 1.5⌋, u = ⌊lon⌋ − 100); a 2nd-level square is
/// 1/8 of that (`q v`), a 1 km square 1/10 of that (`r w`), and the 500 m and 250 m squares
/// halve it again, numbered 1 SW, 2 SE, 3 NW, 4 NE. The tests check every code the example
/// writes against jismesh.
struct MeshCell: Sendable, Hashable, Comparable {
    /// 500 m squares: 15″ of latitude, 22.5″ of longitude; 250 m squares half of that.
    enum Level: Int, Sendable { case half = 9, quarter = 10 }

    let level: Level
    /// Row: ⌊lat / cell height⌋; column: ⌊(lon − 100) / cell width⌋.
    let row: Int
    let column: Int

    private var perDegreeLat: Double { level == .half ? 240 : 480 }
    private var perDegreeLon: Double { level == .half ? 160 : 320 }

    init(level: Level, row: Int, column: Int) {
        self.level = level
        self.row = row
        self.column = column
    }

    /// The square containing `c`.
    init(level: Level, containing c: Coordinate) {
        let rows: Double = level == .half ? 240 : 480
        let columns: Double = level == .half ? 160 : 320
        self.init(level: level, row: Int((c.lat * rows).rounded(.down)),
                  column: Int(((c.lon - 100) * columns).rounded(.down)))
    }

    var centre: Coordinate {
        Coordinate(lon: 100 + (Double(column) + 0.5) / perDegreeLon, lat: (Double(row) + 0.5) / perDegreeLat)
    }

    /// South-west and north-east corners.
    var bounds: (southWest: Coordinate, northEast: Coordinate) {
        (Coordinate(lon: 100 + Double(column) / perDegreeLon, lat: Double(row) / perDegreeLat),
         Coordinate(lon: 100 + Double(column + 1) / perDegreeLon, lat: Double(row + 1) / perDegreeLat))
    }

    /// The containing 500 m square of a 250 m square (itself for a 500 m square).
    var parent: MeshCell {
        level == .half ? self : MeshCell(level: .half, row: row >> 1, column: column >> 1)
    }

    /// The four 250 m squares of a 500 m square, in code order (1 SW, 2 SE, 3 NW, 4 NE).
    var quarters: [MeshCell] {
        [(0, 0), (0, 1), (1, 0), (1, 1)].map {
            MeshCell(level: .quarter, row: row * 2 + $0.0, column: column * 2 + $0.1)
        }
    }

    /// The mesh code: 9 digits for 500 m, 10 for 250 m.
    var code: String {
        let halfRow = level == .half ? row : row >> 1
        let halfColumn = level == .half ? column : column >> 1
        let p = halfRow / 160, u = halfColumn / 160
        let q = halfRow % 160 / 20, v = halfColumn % 160 / 20
        let r = halfRow % 20 / 2, w = halfColumn % 20 / 2
        let half = (halfRow % 2) * 2 + halfColumn % 2 + 1
        var text = "\(p)\(Numbers.padded(u, 2))\(q)\(v)\(r)\(w)\(half)"
        if level == .quarter {
            text += String((row % 2) * 2 + column % 2 + 1)
        }
        return text
    }

    /// The 1st-level code (`5740`).
    var primaryCode: String { String(code.prefix(4)) }

    static func < (a: MeshCell, b: MeshCell) -> Bool { a.code < b.code }
}

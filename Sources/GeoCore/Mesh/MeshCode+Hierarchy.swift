extension MeshCode {
    /// The cell one level coarser that contains this one, nil for a first mesh.
    public var parent: MeshCode? {
        switch level {
        case .first: nil
        case .second: MeshCode(level: .first, value: value / 100)
        case .third: MeshCode(level: .second, value: value / 100)
        case .half: MeshCode(level: .third, value: value / 10)
        case .quarter: MeshCode(level: .half, value: value / 10)
        }
    }

    /// The cell at `level` (coarser or equal) that contains this one.
    ///
    /// - Throws: ``MeshCodeError`` when `level` is finer than this code's.
    public func ancestor(at level: MeshLevel) throws(MeshCodeError) -> MeshCode {
        guard level <= self.level else {
            throw MeshCodeError(input: description, reason: "\(level) is finer than the code's \(self.level)")
        }
        var code = self
        while code.level > level, let up = code.parent { code = up }
        return code
    }

    /// The cells one level finer, in code order: 64 second meshes of a first mesh,
    /// 100 third meshes of a second, 4 half meshes of a third, 4 quarter meshes of
    /// a half; none for a quarter mesh.
    public var children: [MeshCode] {
        switch level {
        case .first:
            return (0..<64).map { MeshCode(level: .second, value: value * 100 + UInt64($0 / 8 * 10 + $0 % 8)) }
        case .second:
            return (0..<100).map { MeshCode(level: .third, value: value * 100 + UInt64($0)) }
        case .third:
            return (1...4).map { MeshCode(level: .half, value: value * 10 + UInt64($0)) }
        case .half:
            return (1...4).map { MeshCode(level: .quarter, value: value * 10 + UInt64($0)) }
        case .quarter:
            return []
        }
    }

    /// Whether `other` is this cell or lies inside it.
    public func contains(_ other: MeshCode) -> Bool {
        guard other.level >= level else { return false }
        return (try? other.ancestor(at: level)) == self
    }
}

/// The zoom levels to export: `--zoom 12` or `--zoom 10-16`, within 0…22.
struct ZoomRange: Sendable, Hashable, ExpressibleByArgument {
    static let allowed = 0...22

    var minZoom: Int
    var maxZoom: Int

    init(minZoom: Int, maxZoom: Int) {
        self.minZoom = minZoom
        self.maxZoom = maxZoom
    }

    var levels: ClosedRange<Int> { minZoom...maxZoom }

    init(argument text: String, option: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let expected = "Z or Z1-Z2 with \(Self.allowed.lowerBound) ≤ Z ≤ \(Self.allowed.upperBound)"
        guard (1...2).contains(parts.count), let first = numbers.first ?? nil, let last = numbers.last ?? nil,
            Self.allowed.contains(first), Self.allowed.contains(last)
        else { throw UsageError.invalidValue(option, expected: expected, got: text) }
        guard first <= last else {
            throw UsageError.invalidValue(
                option, expected: "\(expected) and Z1 ≤ Z2 (did you mean \(last)-\(first)?)",
                got: text)
        }
        self.init(minZoom: first, maxZoom: last)
    }

    static var valueName: String { "Z1-Z2" }
    var argumentDescription: String { minZoom == maxZoom ? "\(minZoom)" : "\(minZoom)-\(maxZoom)" }
}

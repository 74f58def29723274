import Foundation

/// Fixed-point text for numbers, independent of locale and of `String(format:)`.
enum Numbers {
    private static let powers: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]

    /// `value` rounded to `decimals` places, always with that many digits after the point.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let scaled = (abs(value) * powers[decimals]).rounded()
        let units = Int64(scaled)
        let negative = value < 0 && units != 0
        let scale = Int64(powers[decimals])
        let whole = units / scale
        var text = (negative ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// `value` zero-padded to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Splits `total` into integers proportional to `weights` whose sum is exactly `total`
    /// (largest-remainder method; ties go to the lower index).
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, !weights.isEmpty else { return Array(repeating: 0, count: weights.count) }
        let exact = weights.map { Double(total) * $0 / sum }
        var shares = exact.map { Int($0.rounded(.down)) }
        var left = total - shares.reduce(0, +)
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - exact[a].rounded(.down)
            let rb = exact[b] - exact[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        var cursor = 0
        while left > 0 {
            shares[order[cursor % order.count]] += 1
            left -= 1
            cursor += 1
        }
        return shares
    }
}

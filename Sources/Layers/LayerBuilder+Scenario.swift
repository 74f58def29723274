extension LayerBuilder {
    /// A what-if for the layers: `--scenario rain=50` on the command line.
    ///
    /// Today one key exists, `rain` (mm/h, sustained), which the flood-risk layer uses
    /// to predict levels and statuses (and the composite, through it). Keys are written
    /// `key=value`, several separated by commas.
    public struct Scenario: Sendable, Hashable, CustomStringConvertible {
        /// Rain in mm/h kept up over the rainfall-response lag window; nil: none.
        public var rain: Double?

        public init(rain: Double? = nil) {
            self.rain = rain
        }

        /// Parses `rain=50` (or `rain=12.5`, keys separated by commas).
        ///
        /// - Throws: ``LayerBuildError`` naming the bad part: an unknown key, a missing
        ///   `=`, or a value that is not a finite number of zero or more.
        public init(parsing text: String) throws(LayerBuildError) {
            self.init()
            for part in text.split(separator: ",", omittingEmptySubsequences: true) {
                let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = pieces[0].trimmingCharacters(in: .whitespaces)
                guard pieces.count == 2 else {
                    throw LayerBuildError(
                        layer: nil, message: "scenario \"\(part)\" should read key=value, e.g. rain=50")
                }
                let value = pieces[1].trimmingCharacters(in: .whitespaces)
                switch key {
                case "rain":
                    guard let mm = Double(value), mm.isFinite, mm >= 0 else {
                        throw LayerBuildError(
                            layer: nil, message: "scenario rain should be mm/h of zero or more, got \"\(value)\"")
                    }
                    rain = mm
                default:
                    throw LayerBuildError(layer: nil, message: "unknown scenario key \"\(key)\" (known: rain)")
                }
            }
        }

        /// `rain=50`, or empty for no scenario.
        public var description: String {
            rain.map { "rain=\($0.rounded() == $0 ? String(Int($0)) : String($0))" } ?? ""
        }
    }
}

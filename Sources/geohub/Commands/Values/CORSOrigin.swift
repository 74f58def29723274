import Layers

/// The `--cors-origin` value: one origin (`https://city.example`) or `*`; an empty
/// string turns the CORS header off.
struct CORSOrigin: Sendable, Hashable, ExpressibleByArgument {
    var value: String

    init(argument text: String, option: String) throws {
        guard ServerSettings.isValidCORSOrigin(text) else {
            throw UsageError("\(option): give one origin or '*', without line breaks")
        }
        value = text
    }

    static var valueName: String { "ORIGIN" }
    var argumentDescription: String { value.isEmpty ? "''" : value }
}

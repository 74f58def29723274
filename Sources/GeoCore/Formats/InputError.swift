/// A rejected piece of input: a CSV row, a GeoJSON member, a whole file.
///
/// This is the domain error for anything a user's data can get wrong. Its
/// ``description`` is the `file:line: reason` form that geohub prints for every
/// rejected row (DESIGN.md, "Inputs"), for example
/// `child_gps.csv:17: lat "abc" is not a number`.
///
/// Values from private sources (children's GPS) must not appear in `reason`;
/// ``CSVReader`` leaves them out for the columns its options mark sensitive.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (usually its last path component).
    public var file: String
    /// The 1-based physical line where the bad record starts, when known.
    public var line: Int?
    /// The CSV column name, when the problem is one field.
    public var column: String?
    /// The JSON path of the bad member (`features[12].geometry.coordinates[0]`), when known.
    public var jsonPath: String?
    /// What was wrong, phrased to follow the column name (`"abc" is not a number`).
    public var reason: String

    public init(file: String, line: Int? = nil, column: String? = nil, jsonPath: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPath = jsonPath
        self.reason = reason
    }

    /// `file:line: [json.path: ][column ]reason`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let jsonPath, !jsonPath.isEmpty { text += jsonPath + ": " }
        if let column { text += column + " " }
        return text + reason
    }
}

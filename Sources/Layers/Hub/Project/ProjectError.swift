/// A problem with a project: its folder, its `geohub.json`, or one setting in it.
///
/// The description names the file and the JSON path of the bad member, then what
/// was expected: `geohub.json: layers.child-traffic.minDistinctDevices: expected a
/// positive integer, got 0`.
public struct ProjectError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The project file (or folder) as the user named it.
    public var file: String
    /// The JSON path of the bad member (`sources.census[1].year`), empty for the whole file.
    public var path: String
    /// What was wrong and what is expected.
    public var reason: String

    public init(file: String = "geohub.json", path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)"
    }
}

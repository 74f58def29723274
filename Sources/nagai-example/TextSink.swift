import Foundation

/// Builds a text file in memory and writes it in one go (through a temporary name and a
/// rename, so an interrupted run never leaves half a file).
struct TextSink {
    private(set) var data = Data()

    init() {}

    mutating func line(_ text: String) {
        data.append(contentsOf: Array(text.utf8))
        data.append(0x0A)
    }

    mutating func raw(_ text: String) {
        data.append(contentsOf: Array(text.utf8))
    }

    /// One CSV record: fields quoted (RFC 4180) only when they need it.
    mutating func record(_ fields: [String], lineEnding: String = "\n") {
        raw(fields.map(TextSink.quoted).joined(separator: ","))
        raw(lineEnding)
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Writes files under one output folder.
struct OutputFolder {
    let url: URL

    func write(_ data: Data, to relativePath: String) throws(GeneratorError) {
        let target = url.appendingPathComponent(relativePath)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp")
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            throw GeneratorError("cannot write \(target.path): \(error.localizedDescription)")
        }
        // rename(2) replaces the target atomically; it returns 0 on success, -1 with errno set.
        guard rename(temporary.path, target.path) == 0 else {
            throw GeneratorError("cannot move \(temporary.path) to \(target.path): \(String(cString: strerror(errno)))")
        }
    }

    func write(_ sink: TextSink, to relativePath: String) throws(GeneratorError) {
        try write(sink.data, to: relativePath)
    }
}

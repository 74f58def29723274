import Foundation
import XCTest

/// Runs reference implementations that no one here wrote (pyproj, shapely, mercantile,
/// jismesh, Pillow, pmtiles, gtfs-kit, …) from a Python venv inside the build folder.
///
/// The venv lives at `.build/venv` and is created on first use (`python3 -m venv`,
/// then `pip install` of whatever a test asks for). Creation is guarded by a lock
/// file so parallel test processes do not race. Tests that need the network to
/// install a package and cannot get it fail with pip's message, never silently pass.
public enum ReferencePython {
    /// The package root (the folder with Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var venv: URL { packageRoot.appendingPathComponent(".build/venv") }
    public static var python: URL { venv.appendingPathComponent("bin/python") }

    /// Makes sure the venv exists and holds `packages` (pip names, e.g. "pyproj").
    public static func require(_ packages: [String]) throws {
        try Shell.run("/bin/sh", ["-c", """
            set -e
            mkdir -p "\(packageRoot.path)/.build"
            exec 9>"\(packageRoot.path)/.build/venv.lock"
            flock 9
            [ -x "\(python.path)" ] || python3 -m venv "\(venv.path)"
            missing=""
            for p in \(packages.joined(separator: " ")); do
              "\(python.path)" -m pip show -q "$p" >/dev/null 2>&1 || missing="$missing $p"
            done
            [ -z "$missing" ] || "\(python.path)" -m pip install -q --disable-pip-version-check $missing
            """])
    }

    /// Runs `script` with the venv's Python, feeding `input` on stdin; returns stdout.
    @discardableResult
    public static func run(_ script: String, packages: [String], input: Data = Data(), arguments: [String] = []) throws -> Data {
        try require(packages)
        return try Shell.run(python.path, ["-c", script] + arguments, input: input)
    }

    /// Runs `script` and decodes its stdout as JSON.
    public static func json(_ script: String, packages: [String], input: Data = Data(), arguments: [String] = []) throws -> Any {
        let out = try run(script, packages: packages, input: input, arguments: arguments)
        return try JSONSerialization.jsonObject(with: out)
    }
}

/// Runs a process and returns its stdout, throwing with its stderr on a non-zero exit.
public enum Shell {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let stderr: String
        public var description: String { "\(command) exited \(status): \(stderr)" }
    }

    public struct Result {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` and returns everything, whatever the exit status.
    public static func capture(_ executable: String, _ arguments: [String], input: Data = Data(),
                               environment: [String: String]? = nil, currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            if !input.isEmpty { inPipe.fileHandleForWriting.write(input) }
            try? inPipe.fileHandleForWriting.close()
            group.leave()
        }
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: out, stderr: errBox.data)
    }

    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: Data = Data(),
                           environment: [String: String]? = nil, currentDirectory: URL? = nil) throws -> Data {
        let result = try capture(executable, arguments, input: input, environment: environment,
                                 currentDirectory: currentDirectory)
        guard result.status == 0 else {
            throw Failure(command: ([executable] + arguments.prefix(1)).joined(separator: " "),
                          status: result.status, stderr: result.stderrText)
        }
        return result.stdout
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

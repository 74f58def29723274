import Foundation
import TestSupport
import XCTest
@testable import geohub

/// `geohub serve …` exactly as given (no options added), run as a child process until
/// it prints its serving line; for tests of what the command line and the project
/// file decide. ``BinaryServer`` is the richer harness for the endpoint scenarios.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output = Locked("")
    private let errors = Locked("")

    /// Starts `geohub arguments…` with `environment` added to (or, for empty values,
    /// removed from) this process's, and waits up to `timeout` seconds for
    /// `geohub: serving NAME at http://HOST:PORT/`.
    init(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 120) throws {
        guard FileManager.default.isExecutableFile(atPath: GeohubBinary.url.path) else {
            throw XCTSkip("\(GeohubBinary.url.path) is not built")
        }
        process.executableURL = GeohubBinary.url
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value.isEmpty ? nil : value }
        process.environment = merged
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        for (pipe, sink) in [(out, output), (err, errors)] {
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let chunk = String(decoding: handle.availableData, as: UTF8.self)
                sink.withLock { $0 += chunk }
            }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = output.withLock { $0 }
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("geohub: serving ") }),
                let url = line.split(separator: " ").last,
                let port = url.split(separator: ":").last.flatMap({ Int($0.dropLast()) })
            {
                found = port
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw RawHTTP.Failure(description: "geohub serve did not start: \(errors.withLock { $0 })")
        }
        port = found
    }

    deinit { stop() }

    /// SIGTERM, then waits for the exit.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    var standardOutput: String { output.withLock { $0 } }
    var standardError: String { errors.withLock { $0 } }

    func get(_ target: String, headers: [String: String] = [:]) throws -> RawHTTP.Response {
        try RawHTTP.request(port: port, target, headers: headers)
    }
}

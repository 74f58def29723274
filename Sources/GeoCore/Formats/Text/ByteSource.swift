import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where raw (undecoded) bytes come from: a file, memory, or a caller's function.
///
/// Reads fill a caller-provided buffer so a reader holds at most one chunk at a
/// time, whatever the file size.
protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns how many, 0 at the end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

/// Reads a file with POSIX `open`/`read` (returning -1 and setting `errno` on
/// failure), so nothing larger than the caller's buffer is ever in memory.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let name: String

    init(path: String, name: String) throws(InputError) {
        self.name = name
        // open(2): a descriptor, or -1 with errno.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputError(file: name, reason: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            // read(2): bytes read, 0 at end of file, -1 with errno.
            let count = posixRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw InputError(file: name, reason: "read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// `read(2)` under a name that does not clash with ``ByteSource/read(into:)``.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}

/// Serves bytes already in memory (a small file, a zip member, a test fixture).
final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

/// Pulls bytes from a caller's function (for example a streaming zip inflater).
final class FunctionByteSource: ByteSource {
    private let function: (UnsafeMutableRawBufferPointer) throws -> Int
    private let name: String

    init(name: String, _ function: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        self.name = name
        self.function = function
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        do {
            let count = try function(buffer)
            guard count >= 0, count <= buffer.count else {
                throw InputError(
                    file: name, reason: "the byte source returned \(count) for a \(buffer.count)-byte buffer")
            }
            return count
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: name, reason: "read failed: \(error)")
        }
    }
}

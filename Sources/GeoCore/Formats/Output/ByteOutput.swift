import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered byte destination for geohub's writers (CSV, GeoJSON): an atomically
/// replaced file, an open `FileHandle` (standard output, a socket), or memory.
///
/// An atomic file is written under a temporary name in the destination folder and
/// renamed into place by ``commit()``; if the writer fails, the process stops or
/// the output is dropped without a commit, the temporary file is removed (or, after
/// a crash, left under its `.tmp-` name) and the destination is never half-written.
/// Bytes are flushed in 1 MiB blocks, so memory stays constant for any output size.
/// One thread uses an output at a time.
public final class ByteOutput {
    private enum Target {
        case file(descriptor: Int32, temporaryPath: String, finalPath: String)
        case handle(FileHandle)
        case memory(Data)
    }

    private var target: Target
    private var pending: [UInt8] = []
    private var finished = false
    private let flushThreshold = 1 << 20
    /// What errors call this output.
    public let label: String

    /// Writes to a temporary file beside `url`; ``commit()`` renames it to `url`.
    public init(atomicallyWritingTo url: URL) throws(OutputError) {
        let finalPath = url.path
        let folder = url.deletingLastPathComponent().path
        let temporaryPath = folder + "/." + url.lastPathComponent + ".tmp-" + UUID().uuidString
        // open(2): a descriptor, or -1 with errno.
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError(
                path: finalPath, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        target = .file(descriptor: fd, temporaryPath: temporaryPath, finalPath: finalPath)
        label = finalPath
        pending.reserveCapacity(flushThreshold + 4096)
    }

    /// Writes to an open handle (not closed by ``commit()``).
    public init(fileHandle: FileHandle, label: String = "output") {
        target = .handle(fileHandle)
        self.label = label
        pending.reserveCapacity(flushThreshold + 4096)
    }

    /// Collects the bytes in memory; read them with ``data`` after ``commit()``.
    public init(label: String = "memory") {
        target = .memory(Data())
        self.label = label
    }

    deinit {
        if case .file(let fd, let temporaryPath, _) = target, !finished {
            close(fd)
            unlink(temporaryPath)
        }
    }

    /// Everything written to a memory output so far (after ``flush()`` or ``commit()``).
    public var data: Data {
        if case .memory(let data) = target { return data }
        return Data()
    }

    /// Appends one byte.
    @inline(__always)
    public func write(byte: UInt8) { pending.append(byte) }

    /// Appends UTF-8 text.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { pending.append(contentsOf: $0) }
    }

    /// Appends bytes.
    public func write<C: Collection>(bytes: C) where C.Element == UInt8 { pending.append(contentsOf: bytes) }

    /// Flushes when the buffer is over 1 MiB; writers call this between records.
    @inline(__always)
    public func flushIfNeeded() throws(OutputError) {
        if pending.count >= flushThreshold { try flush() }
    }

    /// Hands everything buffered to the target.
    public func flush() throws(OutputError) {
        guard !pending.isEmpty else { return }
        switch target {
        case .memory(var data):
            target = .memory(Data())  // keep `data` uniquely referenced while appending
            data.append(contentsOf: pending)
            target = .memory(data)
        case .handle(let handle):
            do {
                try handle.write(contentsOf: pending)
            } catch {
                throw OutputError(path: label, reason: "write failed: \(error.localizedDescription)")
            }
        case .file(let fd, _, let finalPath):
            let failure: Int32 = pending.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count, let base = bytes.baseAddress {
                    // write(2): bytes written, or -1 with errno.
                    let written = posixWrite(fd, base + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return 0
            }
            if failure != 0 {
                throw OutputError(path: finalPath, reason: "write failed: \(String(cString: strerror(failure)))")
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for an atomic file syncs it to disk and renames it into place.
    /// Calling it again does nothing.
    public func commit() throws(OutputError) {
        guard !finished else { return }
        try flush()
        finished = true
        guard case .file(let fd, let temporaryPath, let finalPath) = target else { return }
        // fsync(2)/close(2)/rename(2): 0, or -1 with errno.
        let synced = fsync(fd) == 0 ? 0 : errno
        let closed = close(fd) == 0 ? 0 : errno
        if synced != 0 || closed != 0 {
            unlink(temporaryPath)
            throw OutputError(
                path: finalPath, reason: "cannot save: \(String(cString: strerror(synced != 0 ? synced : closed)))")
        }
        if rename(temporaryPath, finalPath) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw OutputError(path: finalPath, reason: "cannot move into place: \(String(cString: strerror(code)))")
        }
    }
}

/// `write(2)` under a name that does not clash with ``ByteOutput/write(_:)``.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
    #else
        Darwin.write(fd, buffer, count)
    #endif
}

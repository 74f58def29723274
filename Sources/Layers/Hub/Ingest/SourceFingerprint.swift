import Foundation
import GeoCore

/// What identifies one version of a source: its size, modification time and CRC-32,
/// plus the settings it was read with. An unchanged fingerprint means the source can
/// be skipped.
///
/// Size and time are compared first; the checksum is computed only when they differ,
/// so touching a file without changing it still skips it. A GTFS folder's fingerprint
/// combines all of its files.
struct SourceFingerprint: Sendable, Hashable {
    var size: Int
    /// Seconds since 1970, with the file system's sub-second precision.
    var modified: Double
    var crc32: UInt32?
    var settings: String

    /// Size and modification time of `url` (summed and maximal over a folder's files).
    static func stat(_ url: URL, settings: String) throws -> SourceFingerprint {
        var size = 0
        var modified = 0.0
        for file in try files(url) {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            size += (attributes[.size] as? NSNumber)?.intValue ?? 0
            modified = max(modified, (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        }
        return SourceFingerprint(size: size, modified: modified, crc32: nil, settings: settings)
    }

    /// The same fingerprint with the content checksum filled in.
    /// For a single file it is the file's own CRC-32; for a folder, a CRC-32 over each
    /// file's name and CRC-32.
    func withChecksum(of url: URL) throws -> SourceFingerprint {
        var copy = self
        let files = try Self.files(url)
        if files == [url] {
            copy.crc32 = try CRC32.checksum(ofFileAt: url)
            return copy
        }
        var crc = CRC32()
        for file in files {
            crc.update(Data(file.lastPathComponent.utf8))
            let value = try CRC32.checksum(ofFileAt: file)
            withUnsafeBytes(of: value.littleEndian) { crc.update($0) }
        }
        copy.crc32 = crc.value
        return copy
    }

    /// The file itself, or a folder's regular files sorted by name.
    private static func files(_ url: URL) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            return [url]
        }
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { !$0.hasDirectoryPath }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

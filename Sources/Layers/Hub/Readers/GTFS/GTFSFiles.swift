import Foundation
import GeoCore

/// The text files of a GTFS feed, in a folder or a .zip, opened as CSV readers.
///
/// In a zip, files may sit at the root or inside one folder (`feed/stops.txt`); the
/// shallowest file of each name wins. Members whose paths escape the archive are
/// never read and are listed in ``unsafeMembers`` so the reader can report them.
/// Zip problems (a bomb, a corrupt member) are reported with the member's name:
/// `gtfs.zip: stop_times.txt: compression ratio 1030:1 exceeds the limit of 250:1`.
final class GTFSFiles {
    /// The feed's name in messages (`gtfs.zip`, or the folder name).
    let name: String
    private let folder: URL?
    private let archive: ZipArchive?
    private var members: [String: ZipEntry] = [:]
    /// Members skipped because their paths would escape the archive.
    private(set) var unsafeMembers: [String] = []
    /// The zip error that stopped the last member read, if any.
    private var lastZipError: ZipError?

    init(url: URL, limits: ZipLimits) throws(InputError) {
        name = url.lastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputError(file: name, reason: "does not exist")
        }
        if isFolder.boolValue {
            folder = url
            archive = nil
            return
        }
        folder = nil
        do {
            let zip = try ZipArchive(url: url, limits: limits)
            archive = zip
            for entry in zip.entries where !entry.isDirectory {
                guard entry.hasSafePath else {
                    unsafeMembers.append(entry.name)
                    continue
                }
                let depth = entry.name.split(separator: "/").count
                if let existing = members[entry.fileName], existing.name.split(separator: "/").count <= depth {
                    continue
                }
                members[entry.fileName] = entry
            }
        } catch {
            throw InputError(file: name, reason: error.reason + " (expected a GTFS folder or .zip)")
        }
    }

    /// Whether the feed has a file called `fileName` (`stops.txt`).
    func has(_ fileName: String) -> Bool {
        if let folder { return FileManager.default.fileExists(atPath: folder.appendingPathComponent(fileName).path) }
        return members[fileName] != nil
    }

    /// The name a file goes by in messages: `gtfs.zip/stops.txt`.
    func displayName(_ fileName: String) -> String { "\(name)/\(fileName)" }

    /// Opens `fileName` as CSV.
    ///
    /// - Throws: ``InputError`` when the file cannot be opened or its header read.
    func reader(_ fileName: String, options: CSVReader.Options) throws(InputError) -> CSVReader {
        let display = displayName(fileName)
        if let folder {
            return try CSVReader(contentsOf: folder.appendingPathComponent(fileName), name: display, options: options)
        }
        guard let archive, let entry = members[fileName] else {
            throw InputError(file: display, reason: "does not exist")
        }
        let member: ZipMemberReader
        do {
            member = try archive.open(entry)
        } catch {
            throw InputError(file: name, reason: "\(entry.name): \(error.reason)")
        }
        lastZipError = nil
        do throws(InputError) {
            return try CSVReader(name: display, options: options) { [weak self] buffer in
                do throws(ZipError) {
                    return try member.read(into: buffer)
                } catch {
                    self?.lastZipError = error
                    throw error
                }
            }
        } catch {
            throw translated(error)
        }
    }

    /// Turns a CSV read failure caused by the zip member into the member's own error.
    func translated(_ error: InputError) -> InputError {
        guard let zipError = lastZipError else { return error }
        lastZipError = nil
        return InputError(file: name, reason: "\(zipError.member ?? "?"): \(zipError.reason)")
    }
}

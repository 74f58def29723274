import Foundation
import GeoCore
import TestSupport
import XCTest

final class ZipArchiveTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try makeTemporaryDirectory("zip") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testReadsStoredAndDeflatedMembersAsPythonWroteThem() throws {
        let url = folder.appendingPathComponent("mixed.zip")
        let big = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        try ZipFixtures.write(
            [
                .init("feed/stops.txt", text: "stop_id,stop_name\r\n0101,\"Nagai, station\"\r\n"),
                .init("stored.bin", big, deflated: false),
                .init("deflated.bin", big),
                .init("名前.txt", text: "UTF-8 名前"),
                .init("empty.txt", Data()),
            ], to: url)
        let archive = try ZipArchive(url: url)
        let expected = try ZipFixtures.pythonRead(url)
        XCTAssertEqual(Set(archive.entries.map(\.name)), Set(expected.keys))
        for entry in archive.entries {
            XCTAssertEqual(try archive.read(entry), expected[entry.name], entry.name)
        }
        XCTAssertEqual(archive.entry(named: "stored.bin")?.method, .stored)
        XCTAssertEqual(archive.entry(named: "deflated.bin")?.method, .deflated)
        XCTAssertEqual(archive.entry(named: "feed/stops.txt")?.fileName, "stops.txt")
    }

    func testReadsTheRealGTFSFeedLikePython() throws {
        let url = sharedNagaiData.appendingPathComponent("gtfs_sample_donanbus_muroran.zip")
        let archive = try ZipArchive(url: url)
        let expected = try ZipFixtures.pythonRead(url)
        XCTAssertEqual(archive.entries.count, 16)
        for entry in archive.entries {
            let data = try archive.read(entry)
            XCTAssertEqual(data, expected[entry.name], entry.name)
        }
    }

    func testChunkedReadMatchesWholeRead() throws {
        let url = sharedNagaiData.appendingPathComponent("gtfs_sample_donanbus_muroran.zip")
        let archive = try ZipArchive(url: url)
        let entry = try XCTUnwrap(archive.entry(named: "shapes.txt"))
        var chunked = Data()
        var chunks = 0
        try archive.read(entry) {
            chunked.append(contentsOf: $0)
            chunks += 1
        }
        XCTAssertEqual(chunked, try archive.read(entry))
        XCTAssertGreaterThan(chunks, 1)
    }

    func testZipBombStopsAtTheRatioLimitNamingTheMember() throws {
        let url = folder.appendingPathComponent("bomb.zip")
        try ZipFixtures.writeBomb(named: "stop_times.txt", megabytes: 64, to: url)
        let archive = try ZipArchive(url: url)
        let entry = try XCTUnwrap(archive.entry(named: "stop_times.txt"))
        XCTAssertEqual(entry.uncompressedSize, 64 << 20)
        XCTAssertThrowsError(try archive.read(entry)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("bomb.zip: stop_times.txt: compression ratio"), message)
            XCTAssertTrue(message.contains("exceeds the limit of 250:1"), message)
        }
    }

    func testAbsoluteSizeLimitApplies() throws {
        let url = folder.appendingPathComponent("large.zip")
        let data = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        try ZipFixtures.write([.init("routes.txt", data)], to: url)
        let archive = try ZipArchive(url: url, limits: ZipLimits(maxMemberSize: 100_000))
        let entry = try XCTUnwrap(archive.entry(named: "routes.txt"))
        XCTAssertThrowsError(try archive.read(entry)) { error in
            XCTAssertEqual(
                "\(error)",
                "large.zip: routes.txt: declares 200000 bytes, over the limit of 100000 bytes per member")
        }
    }

    func testForgedDeclaredSizeIsCaughtWhileInflating() throws {
        let url = folder.appendingPathComponent("forged.zip")
        try ZipFixtures.writeBomb(named: "trips.txt", megabytes: 8, to: url)
        // Rewrite the declared uncompressed size (central directory offset +24, local
        // header offset +22) to 1000 bytes, as a hostile archive would.
        var bytes = try Data(contentsOf: url)
        patch(&bytes, signature: 0x0201_4b50, fieldOffset: 24, value: 1000)
        patch(&bytes, signature: 0x0403_4b50, fieldOffset: 22, value: 1000)
        try bytes.write(to: url)
        let archive = try ZipArchive(url: url)
        let entry = try XCTUnwrap(archive.entry(named: "trips.txt"))
        XCTAssertEqual(entry.uncompressedSize, 1000)
        XCTAssertThrowsError(try archive.read(entry)) { error in
            XCTAssertEqual(
                "\(error)",
                "forged.zip: trips.txt: inflates past its declared size of 1000 bytes; "
                    + "the archive is corrupt or hostile")
        }
    }

    func testMembersThatEscapeAreRefused() throws {
        let url = folder.appendingPathComponent("escape.zip")
        try ZipFixtures.write(
            [
                .init("../../etc/evil.txt", text: "x"), .init("/abs.txt", text: "x"),
                .init("a/../../b.txt", text: "x"), .init("ok/stops.txt", text: "fine"),
            ], to: url)
        let archive = try ZipArchive(url: url)
        XCTAssertEqual(archive.safeFileEntries.map(\.name), ["ok/stops.txt"])
        for entry in archive.entries where entry.name != "ok/stops.txt" {
            XCTAssertFalse(entry.hasSafePath, entry.name)
            XCTAssertThrowsError(try archive.read(entry)) { error in
                XCTAssertEqual(
                    "\(error)", "escape.zip: \(entry.name): member path escapes the archive; refusing to read it")
            }
        }
    }

    func testCorruptPayloadIsReported() throws {
        let url = folder.appendingPathComponent("corrupt.zip")
        let text = String(repeating: "0101,長井駅,38.1078,140.0388\n", count: 2000)
        try ZipFixtures.write([.init("stops.txt", text: text)], to: url)
        var bytes = try Data(contentsOf: url)
        // Flip bytes in the middle of the deflated payload (after the 30 + 9 byte header).
        for i in 60..<80 { bytes[i] ^= 0x5A }
        try bytes.write(to: url)
        let archive = try ZipArchive(url: url)
        let entry = try XCTUnwrap(archive.entry(named: "stops.txt"))
        XCTAssertThrowsError(try archive.read(entry)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("corrupt.zip: stops.txt: "), message)
            XCTAssertTrue(message.contains("corrupt"), message)
        }
    }

    func testTruncatedAndNonZipFilesAreRefused() throws {
        let url = folder.appendingPathComponent("cut.zip")
        try ZipFixtures.write([.init("stops.txt", text: String(repeating: "x", count: 5000))], to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        XCTAssertThrowsError(try ZipArchive(url: url)) { error in
            XCTAssertEqual("\(error)", "cut.zip: not a zip archive (no end-of-central-directory record)")
        }
        let text = folder.appendingPathComponent("plain.zip")
        try Data("stop_id\n1\n".utf8).write(to: text)
        XCTAssertThrowsError(try ZipArchive(url: text))
    }

    func testZip64ArchivesAreRead() throws {
        let url = folder.appendingPathComponent("z64.zip")
        try ReferencePython.run(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as zf:
                with zf.open("stops.txt", "w", force_zip64=True) as f:
                    f.write(b"stop_id\\n0101\\n")
            """, packages: [], arguments: [url.path])
        let archive = try ZipArchive(url: url)
        let entry = try XCTUnwrap(archive.entry(named: "stops.txt"))
        XCTAssertEqual(String(decoding: try archive.read(entry), as: UTF8.self), "stop_id\n0101\n")
    }

    func testCRC32MatchesPythonZlib() throws {
        let data = Data("長井市 Nagai 06209".utf8)
        let reference = try ReferencePython.run(
            "import sys, zlib; print(zlib.crc32(sys.stdin.buffer.read()))",
            packages: [], input: data)
        XCTAssertEqual(
            String(CRC32.checksum(data)),
            String(decoding: reference, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Overwrites the 32-bit field at `fieldOffset` of every record with `signature`.
    private func patch(_ bytes: inout Data, signature: UInt32, fieldOffset: Int, value: UInt32) {
        let sig = withUnsafeBytes(of: signature.littleEndian) { Array($0) }
        let field = withUnsafeBytes(of: value.littleEndian) { Array($0) }
        var i = bytes.startIndex
        while i + 4 <= bytes.endIndex {
            if Array(bytes[i..<(i + 4)]) == sig {
                bytes.replaceSubrange((i + fieldOffset)..<(i + fieldOffset + 4), with: field)
            }
            i += 1
        }
    }
}

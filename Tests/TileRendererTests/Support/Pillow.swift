import Foundation
import TestSupport
import XCTest

/// A PNG as Pillow (PIL) decodes it: an independent reader of our files.
struct PillowImage {
    let format: String
    let mode: String
    let width: Int
    let height: Int
    /// The image converted to straight RGBA by Pillow, row-major.
    let rgba: [UInt8]

    /// Decodes every PNG in `files` with Pillow (`Image.open` + `load`, which verifies
    /// the zlib stream and CRCs).
    static func decode(_ files: [Data]) throws -> [PillowImage] {
        let script = """
            import base64, io, json, sys
            from PIL import Image
            out = []
            for line in sys.stdin.read().split():
                im = Image.open(io.BytesIO(base64.b64decode(line)))
                fmt, mode = im.format, im.mode
                im.load()
                rgba = im.convert('RGBA')
                out.append({'format': fmt, 'mode': mode, 'size': list(im.size),
                            'rgba': base64.b64encode(rgba.tobytes()).decode()})
            json.dump(out, sys.stdout)
            """
        let input = Data(files.map { $0.base64EncodedString() }.joined(separator: "\n").utf8)
        guard let list = try ReferencePython.json(script, packages: ["pillow"], input: input) as? [[String: Any]] else {
            throw TestFailure("Pillow returned no list")
        }
        return try list.map { item in
            guard let format = item["format"] as? String, let mode = item["mode"] as? String,
                let size = item["size"] as? [Int], size.count == 2, let text = item["rgba"] as? String,
                let bytes = Data(base64Encoded: text)
            else { throw TestFailure("unexpected Pillow answer \(item)") }
            return PillowImage(format: format, mode: mode, width: size[0], height: size[1], rgba: [UInt8](bytes))
        }
    }

    static func decode(_ file: Data) throws -> PillowImage {
        guard let image = try decode([file]).first else { throw TestFailure("Pillow decoded nothing") }
        return image
    }
}

/// The bit depth and colour type bytes of a PNG's IHDR chunk (PNG spec 11.2.2).
func pngHeader(_ data: Data) -> (bitDepth: UInt8, colorType: UInt8)? {
    let bytes = [UInt8](data.prefix(33))
    guard bytes.count == 33, bytes[12...15] == [0x49, 0x48, 0x44, 0x52] else { return nil }
    return (bytes[24], bytes[25])
}

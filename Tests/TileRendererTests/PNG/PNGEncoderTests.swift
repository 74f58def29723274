import Foundation
import TestSupport
import XCTest

@testable import TileRenderer

/// PNGs decoded by Pillow, compared pixel by pixel with the canvas they came from.
final class PNGEncoderTests: XCTestCase {
    /// A canvas with a few flat colours, some translucent.
    private func flatCanvas(colors: [Color], size: Int = 64) -> Canvas {
        var canvas = Canvas(width: size, height: size)
        for y in 0..<size {
            for x in 0..<size {
                canvas[x, y] = colors[(x / 4 + (y / 4) * 16) % colors.count].premultipliedPixel
            }
        }
        return canvas
    }

    /// A canvas with thousands of colours: a translucent two-way gradient.
    private func gradientCanvas(size: Int = 96) -> Canvas {
        var canvas = Canvas(width: size, height: size)
        for y in 0..<size {
            for x in 0..<size {
                let c = Color(
                    red: UInt8(x * 255 / (size - 1)), green: UInt8(y * 255 / (size - 1)), blue: 90,
                    alpha: UInt8(128 + (x + y) * 127 / (2 * size - 2)))
                canvas[x, y] = c.premultipliedPixel
            }
        }
        return canvas
    }

    func testPaletteImagesDecodeExactly() throws {
        let two: [Color] = [.transparent, Color(red: 200, green: 50, blue: 50)]  // 1 bit
        let four: [Color] = [
            .transparent, .white, Color(red: 20, green: 20, blue: 120),
            Color(red: 200, green: 50, blue: 50, alpha: 102),
        ]
        let eleven: [Color] = (0..<11).map { (i: Int) -> Color in
            Color(red: UInt8(i * 20), green: 100, blue: UInt8(250 - i * 20), alpha: UInt8(255 - i * 10))
        }
        let many: [Color] = (0..<200).map { (i: Int) -> Color in
            Color(red: UInt8(i), green: UInt8(255 - i), blue: 7, alpha: UInt8(55 + i))
        }
        let palettes = [two, four, eleven, many]
        let expectedDepths: [UInt8] = [1, 2, 4, 8]
        let encoder = PNGEncoder()
        var files: [Data] = []
        var canvases: [Canvas] = []
        for colors in palettes {
            let canvas = flatCanvas(colors: colors)
            canvases.append(canvas)
            files.append(try encoder.encode(canvas))
        }
        let decoded = try PillowImage.decode(files)
        for (i, image) in decoded.enumerated() {
            XCTAssertEqual(image.format, "PNG")
            XCTAssertEqual(image.mode, "P")
            XCTAssertEqual(image.width, 64)
            XCTAssertEqual(image.height, 64)
            XCTAssertEqual(
                pngHeader(files[i])?.bitDepth, expectedDepths[i], "bit depth for \(palettes[i].count) colours")
            XCTAssertEqual(pngHeader(files[i])?.colorType, 3)
            XCTAssertEqual(image.rgba, canvases[i].straightRGBA, "palette image \(i) is lossless")
        }
    }

    func testRGBAImagesAreLossless() throws {
        let canvas = gradientCanvas()
        let data = try PNGEncoder(options: PNGOptions(colorMode: .rgba)).encode(canvas)
        let image = try PillowImage.decode(data)
        XCTAssertEqual(image.mode, "RGBA")
        XCTAssertEqual(pngHeader(data)?.colorType, 6)
        XCTAssertEqual(image.rgba, canvas.straightRGBA)
    }

    func testExactPaletteFallsBackToRGBAForManyColours() throws {
        let data = try PNGEncoder(options: .lossless).encode(gradientCanvas())
        XCTAssertEqual(try PillowImage.decode(data).mode, "RGBA")
        let few = try PNGEncoder(options: .lossless).encode(flatCanvas(colors: [.white, .black]))
        XCTAssertEqual(try PillowImage.decode(few).mode, "P")
    }

    func testQuantizedPaletteStaysCloseToTheOriginal() throws {
        let canvas = gradientCanvas()
        let data = try PNGEncoder(options: PNGOptions(colorMode: .palette)).encode(canvas)
        let image = try PillowImage.decode(data)
        XCTAssertEqual(image.mode, "P")
        let original = canvas.straightRGBA
        var total = 0
        var worst = 0
        for i in 0..<original.count {
            let d = abs(Int(original[i]) - Int(image.rgba[i]))
            total += d
            worst = max(worst, d)
        }
        let mean = Double(total) / Double(original.count)
        XCTAssertLessThan(mean, 4, "mean channel error of the 256-colour reduction")
        XCTAssertLessThan(worst, 40)
    }

    func testCompressionLevelTradesSizeNotPixels() throws {
        let canvas = flatCanvas(colors: (0..<40).map { Color(red: UInt8($0 * 6), green: 30, blue: 200) }, size: 128)
        let stored = try PNGEncoder(options: PNGOptions(compressionLevel: 0)).encode(canvas)
        let best = try PNGEncoder(options: PNGOptions(compressionLevel: 9, strategy: .default)).encode(canvas)
        XCTAssertGreaterThan(stored.count, 128 * 128, "level 0 stores the indices uncompressed")
        XCTAssertLessThan(best.count, stored.count / 10)
        let images = try PillowImage.decode([stored, best])
        XCTAssertEqual(images[0].rgba, images[1].rgba)
        XCTAssertEqual(images[0].rgba, canvas.straightRGBA)
    }

    func testEncodingIsDeterministic() throws {
        let canvas = gradientCanvas()
        XCTAssertEqual(try PNGEncoder().encode(canvas), try PNGEncoder().encode(canvas))
    }

    func testLibpngErrorsBecomeThrownErrors() throws {
        // libpng rejects widths above its user limit (1,000,000) with png_error, which
        // longjmps; the shim must catch it and hand back libpng's message.
        let width = 1_000_001
        let bytes = [UInt8](repeating: 0, count: width * 4)
        let encoder = PNGEncoder()
        XCTAssertThrowsError(
            try bytes.withUnsafeBufferPointer { try encoder.encodeStraightRGBA($0, width: width, height: 1) }
        ) {
            error in
            let message = (error as? PNGError)?.message ?? ""
            XCTAssertTrue(message.localizedCaseInsensitiveContains("IHDR") || message.contains("width"), message)
        }
        // The encoder still works afterwards.
        XCTAssertNoThrow(try encoder.encode(flatCanvas(colors: [.white])))
    }
}

import Foundation
import TestSupport
import XCTest

@testable import TileRenderer

/// Premultiplied "source over" compared with Pillow's `Image.alpha_composite`.
final class CompositingTests: XCTestCase {
    func testTranslucentFillsCompositeLikePillow() throws {
        let rectangles: [(Int, Int, Int, Int, Color)] = [
            (4, 4, 40, 30, Color(red: 200, green: 50, blue: 50, alpha: 102)),
            (20, 12, 56, 44, Color(red: 20, green: 20, blue: 120, alpha: 191)),
            (10, 24, 30, 60, Color(red: 30, green: 200, blue: 90, alpha: 64)),
            (0, 0, 64, 8, Color(red: 255, green: 255, blue: 255, alpha: 255)),
            (26, 0, 34, 64, Color(red: 0, green: 0, blue: 0, alpha: 10)),
        ]
        var canvas = Canvas(width: 64, height: 64)
        let rasterizer = Rasterizer(width: 64, height: 64)
        for (x0, y0, x1, y1, color) in rectangles {
            var path = Path()
            path.addRectangle(x: Double(x0), y: Double(y0), width: Double(x1 - x0), height: Double(y1 - y0))
            rasterizer.fill(path, color: color, on: &canvas)
        }
        let list = rectangles.map {
            "(\($0.0), \($0.1), \($0.2), \($0.3), (\($0.4.red), \($0.4.green), \($0.4.blue), \($0.4.alpha)))"
        }
        let script = """
            import base64, sys
            from PIL import Image, ImageDraw
            im = Image.new('RGBA', (64, 64), (0, 0, 0, 0))
            for x0, y0, x1, y1, color in [\(list.joined(separator: ", "))]:
                layer = Image.new('RGBA', (64, 64), (0, 0, 0, 0))
                ImageDraw.Draw(layer).rectangle([x0, y0, x1 - 1, y1 - 1], fill=color)
                im = Image.alpha_composite(im, layer)
            sys.stdout.write(base64.b64encode(im.tobytes()).decode())
            """
        let output = try ReferencePython.run(script, packages: ["pillow"])
        let reference = [UInt8](try XCTUnwrap(Data(base64Encoded: output)))
        let ours = canvas.straightRGBA
        XCTAssertEqual(ours.count, reference.count)
        var worst = 0
        for i in 0..<ours.count where reference[i | 3] > 0 || ours[i | 3] > 0 {
            // Colour channels of nearly transparent pixels carry little precision in
            // premultiplied form; compare them scaled by alpha.
            let alpha = Int(max(reference[i | 3], 1))
            let d =
                i % 4 == 3 ? abs(Int(ours[i]) - Int(reference[i])) : abs(Int(ours[i]) - Int(reference[i])) * alpha / 255
            worst = max(worst, d)
        }
        XCTAssertLessThanOrEqual(worst, 2, "largest channel difference from Pillow")
    }

    func testLayerCompositingWithOpacity() {
        var base = Canvas(width: 2, height: 1)
        base.fill(with: Color(red: 0, green: 0, blue: 255))
        var layer = Canvas(width: 2, height: 1)
        layer[0, 0] = Color(red: 255, green: 0, blue: 0).premultipliedPixel
        base.composite(layer, opacity: 0.5)
        let mixed = base.color(x: 0, y: 0)
        XCTAssertEqual(mixed.alpha, 255)
        XCTAssertEqual(Int(mixed.red), 128, accuracy: 1)
        XCTAssertEqual(Int(mixed.blue), 127, accuracy: 1)
        XCTAssertEqual(base.color(x: 1, y: 0), Color(red: 0, green: 0, blue: 255), "transparent pixels change nothing")
    }

    func testPremultipliedRoundTrip() {
        for alpha in stride(from: 1, through: 255, by: 17) {
            for value in stride(from: 0, through: 255, by: 15) {
                let color = Color(red: UInt8(value), green: UInt8(255 - value), blue: 77, alpha: UInt8(alpha))
                let back = Color(premultipliedPixel: color.premultipliedPixel)
                XCTAssertEqual(back.alpha, color.alpha)
                // Premultiplying keeps about alpha/255 of a channel's precision.
                XCTAssertLessThanOrEqual(abs(Int(back.red) - value), 255 / alpha + 1)
            }
        }
    }
}

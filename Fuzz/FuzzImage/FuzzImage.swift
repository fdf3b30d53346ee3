import PHRImaging
import FuzzSupport

/// Fuzz target: PNG/JPEG decoding (libpng, libjpeg through the setjmp shims) with a small maximum dimension, then
/// QR scanning (libzbar) of whatever decodes.
func fuzzImage(_ bytes: [UInt8]) {
    let image: GrayImage?
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
        image = try? PNG.decode(bytes, maxDimension: 512)
    } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
        image = try? JPEG.decode(bytes, maxDimension: 512)
    } else {
        image = try? ImageFile.decode(bytes)
    }
    guard let image else { return }
    precondition(image.pixels.count == image.width * image.height, "decoded image has the wrong pixel count")
    precondition(image.width <= 512 && image.height <= 512, "maxDimension was not enforced")
    _ = try? QRScanner.scan(image)
}

@main enum FuzzImageMain {
    static func main() { FuzzMain.run(fuzzImage) }
}

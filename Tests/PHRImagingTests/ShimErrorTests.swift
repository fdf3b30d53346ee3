import Testing
import CPHRShims

/// The C shims' failure paths, including libpng/libjpeg errors that longjmp back to the shim's setjmp.
@Suite("C shim error paths")
struct ShimErrorTests {
    private func message(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test("libpng error (width above libpng's limit) longjmps back and returns non-zero")
    func pngLongjmp() {
        let width = 2_000_000
        let pixels = [UInt8](repeating: 255, count: width)
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var err = [CChar](repeating: 0, count: 200)
        let status = pixels.withUnsafeBufferPointer { p in
            err.withUnsafeMutableBufferPointer { e in
                phr_png_write_gray(p.baseAddress, UInt32(width), 1, 8, 11811, &out, &length, e.baseAddress, e.count)
            }
        }
        #expect(status != 0)
        #expect(out == nil && length == 0)
        #expect(!message(err).isEmpty)
    }

    @Test("png writer rejects bit depth 4 and empty images")
    func pngParameters() {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var err = [CChar](repeating: 0, count: 200)
        let pixels: [UInt8] = [0, 0, 0, 0]
        let badDepth = pixels.withUnsafeBufferPointer { p in
            err.withUnsafeMutableBufferPointer { e in
                phr_png_write_gray(p.baseAddress, 2, 2, 4, 0, &out, &length, e.baseAddress, e.count)
            }
        }
        #expect(badDepth != 0 && message(err).contains("bit depth"))
        let empty = err.withUnsafeMutableBufferPointer { e in
            phr_png_write_gray(nil, 0, 0, 1, 0, &out, &length, e.baseAddress, e.count)
        }
        #expect(empty != 0)
    }

    @Test("libjpeg error (width above JPEG's 65500 limit) longjmps back and returns non-zero")
    func jpegLongjmp() {
        let width = 70_000
        let pixels = [UInt8](repeating: 255, count: width)
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var err = [CChar](repeating: 0, count: 200)
        let status = pixels.withUnsafeBufferPointer { p in
            err.withUnsafeMutableBufferPointer { e in
                phr_jpeg_encode_gray(p.baseAddress, UInt32(width), 1, 80, &out, &length, e.baseAddress, e.count)
            }
        }
        #expect(status != 0)
        #expect(out == nil)
        #expect(message(err).contains("65500"), "\(message(err))")
        let badQuality = pixels.withUnsafeBufferPointer { p in
            err.withUnsafeMutableBufferPointer { e in
                phr_jpeg_encode_gray(p.baseAddress, 10, 1, 0, &out, &length, e.baseAddress, e.count)
            }
        }
        #expect(badQuality != 0)
    }
}

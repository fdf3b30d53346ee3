/// Image clean-ups that help zbar on noisy, blurred or unevenly lit photos.
enum Preprocessing {
    /// Lazily built variants tried in order after a failed scan.
    static func variants(of image: GrayImage) -> [() -> GrayImage] {
        var list: [() -> GrayImage] = []
        if image.width >= 40 && image.height >= 40 {
            list.append { downscale2x(image) }
        }
        list.append { median3x3(image) }
        list.append { boxBlur3x3(image) }
        list.append { otsuBinarised(image) }
        list.append { otsuBinarised(median3x3(image)) }
        return list
    }

    /// Halves each dimension by averaging 2×2 blocks.
    static func downscale2x(_ image: GrayImage) -> GrayImage {
        let w = image.width / 2
        let h = image.height / 2
        var out = [UInt8](repeating: 255, count: w * h)
        let src = image.pixels
        for y in 0..<h {
            for x in 0..<w {
                let i = 2 * y * image.width + 2 * x
                let sum = Int(src[i]) + Int(src[i + 1]) + Int(src[i + image.width]) + Int(src[i + image.width + 1])
                out[y * w + x] = UInt8((sum + 2) / 4)
            }
        }
        return GrayImage(uncheckedWidth: w, height: h, pixels: out)
    }

    /// 3×3 median filter (edges clamped).
    static func median3x3(_ image: GrayImage) -> GrayImage {
        var out = image.pixels
        var window = [UInt8](repeating: 0, count: 9)
        for y in 0..<image.height {
            for x in 0..<image.width {
                var k = 0
                for dy in -1...1 {
                    for dx in -1...1 {
                        window[k] = image.clampedPixel(x + dx, y + dy)
                        k += 1
                    }
                }
                window.sort()
                out[y * image.width + x] = window[4]
            }
        }
        return GrayImage(uncheckedWidth: image.width, height: image.height, pixels: out)
    }

    /// 3×3 box blur (edges clamped).
    static func boxBlur3x3(_ image: GrayImage) -> GrayImage {
        boxBlur(image, radius: 1)
    }

    /// Separable box blur with the given radius (edges clamped).
    static func boxBlur(_ image: GrayImage, radius: Int) -> GrayImage {
        guard radius > 0 else { return image }
        let w = image.width, h = image.height
        let size = 2 * radius + 1
        var temp = [Int](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0
                for d in -radius...radius { sum += Int(image.clampedPixel(x + d, y)) }
                temp[y * w + x] = sum
            }
        }
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0
                for d in -radius...radius { sum += temp[min(max(y + d, 0), h - 1) * w + x] }
                out[y * w + x] = UInt8((sum + size * size / 2) / (size * size))
            }
        }
        return GrayImage(uncheckedWidth: w, height: h, pixels: out)
    }

    /// The Otsu threshold: the grey level maximising between-class variance of the histogram.
    static func otsuThreshold(_ image: GrayImage) -> Int {
        var histogram = [Int](repeating: 0, count: 256)
        for p in image.pixels { histogram[Int(p)] += 1 }
        let total = image.pixels.count
        var sumAll = 0.0
        for (level, count) in histogram.enumerated() { sumAll += Double(level * count) }
        var sumBackground = 0.0
        var weightBackground = 0
        var best = 0.0
        var threshold = 127
        for level in 0..<256 {
            weightBackground += histogram[level]
            if weightBackground == 0 { continue }
            let weightForeground = total - weightBackground
            if weightForeground == 0 { break }
            sumBackground += Double(level * histogram[level])
            let meanB = sumBackground / Double(weightBackground)
            let meanF = (sumAll - sumBackground) / Double(weightForeground)
            let between = Double(weightBackground) * Double(weightForeground) * (meanB - meanF) * (meanB - meanF)
            if between > best {
                best = between
                threshold = level
            }
        }
        return threshold
    }

    /// Global Otsu binarisation: pixels at or below the threshold become 0, the rest 255.
    static func otsuBinarised(_ image: GrayImage) -> GrayImage {
        let t = otsuThreshold(image)
        return GrayImage(uncheckedWidth: image.width, height: image.height,
                         pixels: image.pixels.map { Int($0) <= t ? 0 : 255 })
    }
}

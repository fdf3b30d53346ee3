/// QR capacity data from ISO/IEC 18004:2015 Table 7 (number of data codewords per version and level).
enum QRCapacity {
    /// Data codewords for versions 1...40, each as [L, M, Q, H].
    static let dataCodewords: [[Int]] = [
        [19, 16, 13, 9], [34, 28, 22, 16], [55, 44, 34, 26], [80, 64, 48, 36], [108, 86, 62, 46],
        [136, 108, 76, 60], [156, 124, 88, 66], [194, 154, 110, 86], [232, 182, 132, 100], [274, 216, 154, 122],
        [324, 254, 180, 140], [370, 290, 206, 158], [428, 334, 244, 180], [461, 365, 261, 197],
        [523, 415, 295, 223], [589, 453, 325, 253], [647, 507, 367, 283], [721, 563, 397, 313],
        [795, 627, 445, 341], [861, 669, 485, 385], [932, 714, 512, 406], [1006, 782, 568, 442],
        [1094, 860, 614, 464], [1174, 914, 664, 514], [1276, 1000, 718, 538], [1370, 1062, 754, 596],
        [1468, 1128, 808, 628], [1531, 1193, 871, 661], [1631, 1267, 911, 701], [1735, 1373, 985, 745],
        [1843, 1455, 1033, 793], [1955, 1541, 1115, 845], [2071, 1631, 1171, 901], [2191, 1725, 1231, 961],
        [2306, 1812, 1286, 986], [2434, 1914, 1354, 1054], [2566, 1992, 1426, 1096], [2702, 2102, 1502, 1142],
        [2812, 2216, 1582, 1222], [2956, 2334, 1666, 1276],
    ]

    /// Data capacity in bits of a version (1...40) at a level.
    static func dataBits(version: Int, level: QRErrorCorrection) -> Int {
        dataCodewords[version - 1][level.tableIndex] * 8
    }

    /// Bits needed for the segments at a version, or nil if a segment's count overflows its indicator.
    static func requiredBits(_ segments: [QRSegment], version: Int) -> Int? {
        var total = 0
        for segment in segments {
            guard segment.countFits(version: version) else { return nil }
            total += segment.bitLength(version: version)
        }
        return total
    }
}

extension QRCode {
    /// The smallest QR version whose data capacity holds the segments at the level, computed from the standard's
    /// capacity tables (data codewords per version/level; 4-bit mode indicators; character-count indicators of
    /// 10/12/14, 9/11/13 and 8/16/16 bits for versions 1–9/10–26/27–40) without encoding anything.
    ///
    /// Segments are counted exactly as given (no re-segmentation), like ``encode(segments:errorCorrection:)``.
    /// - Parameters:
    ///   - segments: the segments in order.
    ///   - errorCorrection: the error-correction level.
    /// - Returns: 1...40, or nil if even version 40 is too small.
    public static func minimumVersion(for segments: [QRSegment], errorCorrection: QRErrorCorrection) -> Int? {
        for version in 1...40 {
            if let bits = QRCapacity.requiredBits(segments, version: version),
               bits <= QRCapacity.dataBits(version: version, level: errorCorrection) {
                return version
            }
        }
        return nil
    }
}

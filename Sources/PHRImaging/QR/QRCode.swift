internal import CQREncode
import Foundation

/// A QR code symbol: its version, error-correction level and module matrix.
public struct QRCode: Sendable {
    /// The QR version, 1...40.
    public let version: Int
    /// Modules per side, without quiet zone (17 + 4 × version).
    public let size: Int
    /// The error-correction level.
    public let errorCorrection: QRErrorCorrection
    /// Row-major module matrix, `true` = dark.
    let modules: [Bool]

    /// Whether the module at column `x`, row `y` (0-based, without quiet zone) is dark.
    /// Coordinates outside the symbol are light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// The number of dark modules.
    var darkModuleCount: Int { modules.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Encodes the segments, in order and each in its own mode, in the smallest version that fits (libqrencode
    /// `QRinput` API with version 0).
    /// - Parameters:
    ///   - segments: one or more non-empty segments.
    ///   - errorCorrection: the error-correction level.
    /// - Throws: `.qrEncoding` for an empty or invalid segment (non-digit in numeric, non-alphanumeric
    ///   character), `.qrTooLarge` (with the number of bits too many) when version 40 is too small.
    public static func encode(segments: [QRSegment], errorCorrection: QRErrorCorrection) throws(ImagingError)
        -> QRCode
    {
        guard !segments.isEmpty else { throw ImagingError(.qrEncoding, "no segments to encode") }
        for (index, segment) in segments.enumerated() {
            if segment.characterCount == 0 {
                throw ImagingError(.qrEncoding, "segment \(index) is empty")
            }
            if let problem = segment.firstInvalidCharacter() {
                throw ImagingError(.qrEncoding, "segment \(index): \(problem)")
            }
        }
        // Nothing longer than 7089 characters fits any QR code; don't hand absurd inputs to libqrencode.
        // Otherwise libqrencode decides (ERANGE), independently of the capacity tables in minimumVersion.
        if segments.reduce(0, { $0 + $1.characterCount }) > 7089 {
            throw tooLargeError(segments, errorCorrection)
        }
        guard let input = QRinput_new2(0, errorCorrection.qrencodeLevel) else {
            throw ImagingError(.qrEncoding, "QRinput_new2 failed (errno \(errno))")
        }
        defer { QRinput_free(input) }
        for (index, segment) in segments.enumerated() {
            let payload = segment.payload
            let status = payload.withUnsafeBufferPointer { buffer in
                QRinput_append(input, segment.qrencodeMode, Int32(buffer.count), buffer.baseAddress)
            }
            if status != 0 {
                throw ImagingError(.qrEncoding, "libqrencode rejected segment \(index) (errno \(errno))")
            }
        }
        guard let code = QRcode_encodeInput(input) else {
            let err = errno
            if err == ERANGE { throw tooLargeError(segments, errorCorrection) }
            throw ImagingError(.qrEncoding, "QRcode_encodeInput failed (errno \(err))")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        let modules = data.map { $0 & 1 == 1 }
        return QRCode(version: Int(code.pointee.version), size: width, errorCorrection: errorCorrection,
                      modules: modules)
    }

    /// Encodes a card text of the form `PREFIX:digits` as an alphanumeric segment (the prefix up to and
    /// including the first `:`) followed by a numeric segment (the digits).
    /// - Parameters:
    ///   - text: e.g. `PHR1:0123...`; the prefix must consist of QR alphanumeric characters (uppercase).
    ///   - errorCorrection: the error-correction level.
    /// - Throws: `.invalidParameter` if there is no `:`, nothing after it, or the prefix/digits are invalid;
    ///   `.qrTooLarge` if it does not fit in version 40.
    public static func encode(prefixedNumericText text: String, errorCorrection: QRErrorCorrection)
        throws(ImagingError) -> QRCode
    {
        let segments = try prefixedNumericSegments(text)
        return try encode(segments: segments, errorCorrection: errorCorrection)
    }

    /// Splits `PREFIX:digits` into an alphanumeric and a numeric segment, validating both.
    static func prefixedNumericSegments(_ text: String) throws(ImagingError) -> [QRSegment] {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            throw ImagingError(.invalidParameter, "text has no ':' separating prefix and digits")
        }
        let prefix = bytes[...colon]
        let digits = bytes[(colon + 1)...]
        guard !digits.isEmpty else { throw ImagingError(.invalidParameter, "no digits after the prefix") }
        if let bad = prefix.firstIndex(where: { !QRSegment.alphanumericCharacters.contains($0) }) {
            throw ImagingError(.invalidParameter,
                               "prefix character at offset \(bad) is not a QR alphanumeric character")
        }
        if let bad = digits.firstIndex(where: { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            throw ImagingError(.invalidParameter, "character at offset \(bad) after the prefix is not a digit")
        }
        return [.alphanumeric(String(decoding: prefix, as: UTF8.self)),
                .numeric(String(decoding: digits, as: UTF8.self))]
    }

    /// The `.qrTooLarge` error, saying how many bits too many the segments are for version 40.
    private static func tooLargeError(_ segments: [QRSegment], _ level: QRErrorCorrection) -> ImagingError {
        let capacity = QRCapacity.dataBits(version: 40, level: level)
        if let needed = QRCapacity.requiredBits(segments, version: 40), needed > capacity {
            let over = needed - capacity
            return ImagingError(.qrTooLarge, "segments need \(needed) bits but version 40-\(level.rawValue) holds "
                + "\(capacity) bits: \(over) bits (\((over + 7) / 8) bytes) too many")
        }
        return ImagingError(.qrTooLarge, "segments do not fit in a version 40-\(level.rawValue) QR code")
    }
}

extension QRErrorCorrection {
    var qrencodeLevel: QRecLevel {
        switch self {
        case .L: QR_ECLEVEL_L
        case .M: QR_ECLEVEL_M
        case .Q: QR_ECLEVEL_Q
        case .H: QR_ECLEVEL_H
        }
    }
}

extension QRSegment {
    var qrencodeMode: QRencodeMode {
        switch self {
        case .numeric: QR_MODE_NUM
        case .alphanumeric: QR_MODE_AN
        case .byte: QR_MODE_8
        }
    }
}

/// Raw DEFLATE (RFC 1951, no header or checksum) via zlib, with an optional preset dictionary.
///
/// Raw DEFLATE has no checksum: a wrong dictionary of the right size can decode to wrong bytes without an error,
/// so authenticate the result (the card's signature/AEAD does).
public enum Deflate {
    /// Compresses bytes as a raw DEFLATE stream.
    /// - Parameters:
    ///   - data: the bytes to compress (may be empty).
    ///   - dictionary: a preset dictionary (up to 32 KiB is used); the decompressor must pass the same one.
    ///   - level: zlib compression level 0...9 (default 9).
    /// - Returns: the raw DEFLATE stream.
    /// - Throws: `DeflateError` with `deflate.internal` if zlib fails or the level is out of range.
    public static func compress(_ data: [UInt8], dictionary: [UInt8]? = nil, level: Int = 9)
        throws(DeflateError) -> [UInt8] {
        try ZlibStream.compress(data, dictionary: dictionary, level: level, windowBits: -15)
    }

    /// Decompresses one raw DEFLATE stream that must span all of `data`.
    /// - Parameters:
    ///   - data: the raw DEFLATE stream.
    ///   - dictionary: the preset dictionary used for compression, if any.
    ///   - maxOutputSize: the largest output accepted; decompression stops as soon as it is passed.
    /// - Returns: the decompressed bytes.
    /// - Throws: `DeflateError`: `deflate.output-too-large`, `deflate.truncated`, `deflate.corrupt`,
    ///   `deflate.trailing-data`, `deflate.dictionary-mismatch` (the stream refers to data before its start),
    ///   `deflate.internal`.
    public static func decompress(_ data: [UInt8], dictionary: [UInt8]? = nil, maxOutputSize: Int)
        throws(DeflateError) -> [UInt8] {
        try ZlibStream.decompress(data, dictionary: dictionary, maxOutputSize: maxOutputSize, windowBits: -15)
    }

    /// Decompresses the raw DEFLATE stream at the start of `data`, which may be followed by other bytes (such as
    /// padding): returns the output and how many bytes of `data` the stream occupies.
    /// - Throws: as ``decompress(_:dictionary:maxOutputSize:)``, except that trailing bytes are not an error.
    public static func decompressPrefix(_ data: [UInt8], dictionary: [UInt8]? = nil, maxOutputSize: Int)
        throws(DeflateError) -> (output: [UInt8], consumed: Int) {
        try ZlibStream.decompress(data, dictionary: dictionary, maxOutputSize: maxOutputSize, windowBits: -15,
                                  allowTrailing: true)
    }
}

/// The zlib format (RFC 1950: header, DEFLATE data, Adler-32), as used by EU Digital COVID Certificates.
public enum ZlibFormat {
    /// Compresses bytes in the zlib format.
    /// - Parameters:
    ///   - data: the bytes to compress.
    ///   - level: zlib compression level 0...9 (default 9).
    /// - Returns: the zlib stream.
    /// - Throws: `DeflateError` with `deflate.internal` if zlib fails or the level is out of range.
    public static func compress(_ data: [UInt8], level: Int = 9) throws(DeflateError) -> [UInt8] {
        try ZlibStream.compress(data, dictionary: nil, level: level, windowBits: 15)
    }

    /// Decompresses one zlib stream that must span all of `data`, checking its Adler-32.
    /// - Parameters:
    ///   - data: the zlib stream.
    ///   - maxOutputSize: the largest output accepted; decompression stops as soon as it is passed.
    /// - Returns: the decompressed bytes.
    /// - Throws: `DeflateError`: `deflate.output-too-large`, `deflate.truncated`, `deflate.corrupt` (bad header or
    ///   checksum), `deflate.trailing-data`, `deflate.dictionary-mismatch` (the stream needs a preset dictionary),
    ///   `deflate.internal`.
    public static func decompress(_ data: [UInt8], maxOutputSize: Int) throws(DeflateError) -> [UInt8] {
        try ZlibStream.decompress(data, dictionary: nil, maxOutputSize: maxOutputSize, windowBits: 15)
    }
}

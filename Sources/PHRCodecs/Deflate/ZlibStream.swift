internal import CZlib

/// Shared zlib driver for raw DEFLATE (windowBits -15) and the zlib format (windowBits 15).
enum ZlibStream {
    /// Output chunk size for inflate.
    static let chunkSize = 16 * 1024

    /// Compresses `data` in one pass.
    static func compress(_ data: [UInt8], dictionary: [UInt8]?, level: Int, windowBits: Int32)
        throws(DeflateError) -> [UInt8] {
        guard (0...9).contains(level) else {
            throw DeflateError(.internal, offset: 0, "compression level \(level) is outside 0...9")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        var status = phr_deflateInit2(stream, Int32(level), windowBits, 8, Z_DEFAULT_STRATEGY)
        guard status == Z_OK else { throw failure(.internal, stream, status, "deflateInit2 failed") }
        defer { deflateEnd(stream) }
        if let dictionary, !dictionary.isEmpty {
            status = dictionary.withUnsafeBufferPointer {
                deflateSetDictionary(stream, $0.baseAddress, uInt($0.count))
            }
            guard status == Z_OK else { throw failure(.internal, stream, status, "deflateSetDictionary failed") }
        }
        let bound = Int(deflateBound(stream, uLong(data.count)))
        var output = [UInt8](repeating: 0, count: bound)
        status = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                // zlib accepts a null next_in when avail_in is 0 (empty input).
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw failure(.internal, stream, status, "deflate did not finish") }
        output.removeSubrange(Int(stream.pointee.total_out)...)
        return output
    }

    /// Decompresses exactly one stream that must span all of `data`, stopping once output passes `maxOutputSize`.
    static func decompress(_ data: [UInt8], dictionary: [UInt8]?, maxOutputSize: Int, windowBits: Int32)
        throws(DeflateError) -> [UInt8] {
        try decompress(data, dictionary: dictionary, maxOutputSize: maxOutputSize, windowBits: windowBits,
                       allowTrailing: false).output
    }

    /// Decompresses the stream at the start of `data`; with `allowTrailing`, bytes after its end are left for the
    /// caller (their offset is `consumed`), otherwise they are an error.
    static func decompress(_ data: [UInt8], dictionary: [UInt8]?, maxOutputSize: Int, windowBits: Int32,
                           allowTrailing: Bool) throws(DeflateError) -> (output: [UInt8], consumed: Int) {
        guard maxOutputSize >= 0 else {
            throw DeflateError(.internal, offset: 0, "maxOutputSize \(maxOutputSize) is negative")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        var status = phr_inflateInit2(stream, windowBits)
        guard status == Z_OK else { throw failure(.internal, stream, status, "inflateInit2 failed") }
        defer { inflateEnd(stream) }
        if windowBits < 0, let dictionary, !dictionary.isEmpty {
            status = setInflateDictionary(stream, dictionary)
            guard status == Z_OK else { throw failure(.internal, stream, status, "inflateSetDictionary failed") }
        }
        let result: Result<([UInt8], Int), DeflateError> = data.withUnsafeBufferPointer { input in
            // zlib accepts a null next_in when avail_in is 0 (empty input).
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            var output: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: chunkSize)
            while true {
                // Never produce more than maxOutputSize + 1 bytes in total.
                let room = min(chunkSize, maxOutputSize - output.count + 1)
                let (ret, produced) = chunk.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(room)
                    let ret = inflate(stream, Z_NO_FLUSH)
                    return (ret, room - Int(stream.pointee.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maxOutputSize {
                    return .failure(DeflateError(.outputTooLarge, offset: Int(stream.pointee.total_in),
                                                 "decompressed output exceeds the limit of \(maxOutputSize) bytes"))
                }
                switch ret {
                case Z_STREAM_END:
                    if stream.pointee.avail_in != 0 && !allowTrailing {
                        return .failure(DeflateError(.trailingData, offset: Int(stream.pointee.total_in),
                                                     "\(stream.pointee.avail_in) bytes follow the end of the stream"))
                    }
                    return .success((output, Int(stream.pointee.total_in)))
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0 {
                        return .failure(DeflateError(.truncated, offset: Int(stream.pointee.total_in),
                                                     "input ends before the end of the compressed stream"))
                    }
                    continue // output space ran out exactly; the next round provides more
                case Z_NEED_DICT:
                    if windowBits > 0, let dictionary, !dictionary.isEmpty {
                        let set = setInflateDictionary(stream, dictionary)
                        if set == Z_OK { continue }
                        return .failure(failure(.dictionaryMismatch, stream, set,
                                                "the stream needs a different preset dictionary"))
                    }
                    return .failure(failure(.dictionaryMismatch, stream, ret, "the stream needs a preset dictionary"))
                case Z_DATA_ERROR:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? ""
                    if message == "invalid distance too far back" {
                        return .failure(failure(.dictionaryMismatch, stream, ret,
                                                "the stream refers to data before its start: missing or wrong "
                                                + "preset dictionary (or corrupt data)"))
                    }
                    return .failure(failure(.corrupt, stream, ret, "invalid compressed data"))
                default:
                    return .failure(failure(.internal, stream, ret, "inflate failed"))
                }
            }
        }
        let (output, consumed) = try result.get()
        return (output, consumed)
    }

    private static func setInflateDictionary(_ stream: UnsafeMutablePointer<z_stream>, _ dictionary: [UInt8]) -> Int32 {
        dictionary.withUnsafeBufferPointer { inflateSetDictionary(stream, $0.baseAddress, uInt($0.count)) }
    }

    /// An error carrying zlib's status and message.
    private static func failure(_ kind: DeflateError.Kind, _ stream: UnsafeMutablePointer<z_stream>, _ status: Int32,
                                _ what: String) -> DeflateError {
        let zlibMessage = stream.pointee.msg.map { String(cString: $0) }
        let detail = zlibMessage.map { " (zlib: \($0), status \(status))" } ?? " (zlib status \(status))"
        return DeflateError(kind, offset: Int(stream.pointee.total_in), what + detail)
    }
}

internal import CLibCrypto

/// PEM armour (RFC 7468) via libcrypto's `PEM_read_bio` / `PEM_write_bio`.
enum PEMArmor {
    /// Largest PEM text accepted.
    static let maximumTextByteCount = 64 * 1024

    /// Decodes the first PEM block in `text`.
    /// - Throws: `.invalidPEM` when no well-formed block is found, or it carries legacy encryption headers.
    static func decode(_ text: String) throws(CryptoError) -> (label: String, der: [UInt8]) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumTextByteCount else {
            throw CryptoError(.invalidPEM, "PEM text must be 1...\(maximumTextByteCount) bytes, got \(bytes.count)")
        }
        let decoded = bytes.withUnsafeBytes { raw -> (String, String, [UInt8])? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            var name: UnsafeMutablePointer<CChar>?
            var header: UnsafeMutablePointer<CChar>?
            var data: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = PEM_read_bio(bio, &name, &header, &data, &length)
            defer {
                phr_openssl_free(name)
                phr_openssl_free(header)
                if let data {
                    OPENSSL_cleanse(data, length)
                    phr_openssl_free(data)
                }
            }
            guard status == 1, let name, let data, length > 0 else { return nil }
            let label = String(cString: name)
            let headerText = header.map { String(cString: $0) } ?? ""
            return (label, headerText, Array(UnsafeBufferPointer(start: data, count: length)))
        }
        guard let (label, header, der) = decoded else {
            throw .fromLibcrypto("no well-formed PEM block (-----BEGIN ...----- base64 -----END ...-----) found",
                                 kind: .invalidPEM)
        }
        guard header.isEmpty else {
            throw CryptoError(.invalidPEM, "PEM block '\(label)' has RFC 1421 headers (legacy encryption); use PKCS#8")
        }
        return (label, der)
    }

    /// Encodes `der` as a PEM block with the given label (64-column base64, trailing newline).
    static func encode(label: String, der: [UInt8]) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { fatalError("PHRCrypto: BIO_new failed") }
        defer { BIO_free(bio) }
        guard PEM_write_bio(bio, label, "", der, der.count) > 0 else {
            fatalError("PHRCrypto: PEM_write_bio failed: \(LibcryptoErrorQueue.drain())")
        }
        let pending = Int(BIO_ctrl_pending(bio))
        var output = [UInt8](repeating: 0, count: pending)
        guard BIO_read(bio, &output, Int32(pending)) == Int32(pending) else { fatalError("PHRCrypto: BIO_read failed") }
        return String(decoding: output, as: UTF8.self)
    }
}
